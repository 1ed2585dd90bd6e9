import { randomUUID } from 'node:crypto';

import type { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import type { WeightSpec } from '../../common/model-weights.js';
import { decodeTensors, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import type { ModelVersion } from '../domain/records.js';
import { readFully } from '../persistence/read-fully.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { BlobStore } from '../persistence/storage.port.js';
import type { ModelBuilder } from './model-builder.js';

/** A model version up to this size is served to sites from memory once read. */
export const MAX_CACHED_MODEL_BYTES = 64 * 2 ** 20;
/** Memory for recently served model versions, in all. */
export const MODEL_CACHE_BYTES = 256 * 2 ** 20;

/** Model versions: their bytes in the blob store, their records in the database, their weight layout per run. */
export class ModelCatalog {
  private readonly layouts = new Map<string, Promise<WeightSpec[]>>();
  private readonly norms = new Map<string, Promise<number>>();
  /** Recently served model versions' bytes by SHA-256, oldest first. */
  private readonly recent = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly repos: Repositories,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly builder: ModelBuilder,
  ) {}

  /** Names and shapes of a topology's weights, built once per run (on the builder's thread) and cached. */
  layoutOf(runId: string, topology: ModelTopology): Promise<WeightSpec[]> {
    let layout = this.layouts.get(runId);
    if (!layout) {
      layout = this.builder.build(topology).then((model) => model.layout);
      this.layouts.set(runId, layout);
      layout.catch(() => this.layouts.delete(runId));
    }
    return layout;
  }

  /** The layout of a run whose model was just built, so the first round does not build it again. */
  adoptLayout(runId: string, layout: WeightSpec[]): void {
    this.layouts.set(runId, Promise.resolve(layout));
  }

  async store(
    runId: string,
    round: number,
    parentId: string | null,
    /** Tensors, or a tensor container already encoded (the builder's seeded initial model). */
    weights: readonly NamedTensor[] | Uint8Array,
    contributors: ModelVersion['contributors'],
    strategy: Pick<ModelVersion, 'strategyStateSha256' | 'aggregation'> & { origin?: ModelVersion['origin'] } = {
      strategyStateSha256: null,
      aggregation: null,
    },
    /** The transaction to record the version in (with its audit event), when the caller has one. */
    tx: Repositories = this.repos,
  ): Promise<ModelVersion> {
    const container = weights instanceof Uint8Array ? weights : encodeTensors(weights, 'float32');
    // The blob first: content-addressed and idempotent, so a rolled-back transaction leaves only an unreferenced file.
    const sha256 = await this.blobs.put(container);
    const version = await tx.models.save({
      id: randomUUID(),
      runId,
      round,
      sha256,
      bytes: container.length,
      parentId,
      contributors,
      origin: null,
      ...strategy,
      evaluation: null,
      createdAt: this.clock.iso(),
    });
    await tx.audit.append(
      {
        actor: 'system',
        action: 'model.created',
        subjects: { runId, modelVersionId: version.id },
        payload: {
          round,
          sha256,
          bytes: container.length,
          parentId,
          contributors: contributors.map((c) => ({ updateId: c.updateId, siteId: c.siteId, sha256: c.sha256, sampleCount: c.sampleCount })),
          strategy: strategy.aggregation,
          ...(strategy.origin ? { origin: strategy.origin } : {}),
        },
      },
      this.clock.iso(),
    );
    return version;
  }

  /**
   * Like store, but returns the version already recorded for (run, round):
   * a coordinator that crashed after storing a round's model and before
   * closing the round re-aggregates to the same bytes on resume.
   */
  async storeOnce(...args: Parameters<ModelCatalog['store']>): Promise<ModelVersion> {
    const [runId, round] = args;
    const tx = args[6] ?? this.repos;
    const existing = (await tx.models.forRun(runId)).find((v) => v.round === round);
    return existing ?? this.store(...args);
  }

  async get(id: string): Promise<ModelVersion> {
    const version = await this.repos.models.get(id);
    if (!version) throw new ConsiliumError('NOT_FOUND', `model version ${id} does not exist`);
    return version;
  }

  /**
   * A version's bytes from `offset`, in chunks of at most `chunkBytes`. Every
   * site of a round downloads the same version, so a version up to
   * MAX_CACHED_MODEL_BYTES is read once and served from memory (the newest
   * versions, MODEL_CACHE_BYTES in all); a larger one is read as it is asked
   * for, through one open descriptor per download.
   */
  async *chunks(version: ModelVersion, offset: number, chunkBytes: number): AsyncGenerator<{ offset: number; data: Uint8Array }> {
    if (offset > version.bytes) {
      throw new ConsiliumError('INVALID_ARGUMENT', `offset ${offset} is past the end of model ${version.id} (${version.bytes} bytes)`);
    }
    if (version.bytes <= MAX_CACHED_MODEL_BYTES) {
      const bytes = await this.cachedBytes(version.sha256);
      for (let at = offset; at < version.bytes; at += chunkBytes) yield { offset: at, data: bytes.subarray(at, Math.min(version.bytes, at + chunkBytes)) };
      return;
    }
    const reader = await this.blobs.openReader(version.sha256);
    try {
      for (let at = offset; at < version.bytes; at += chunkBytes) {
        const data = Buffer.allocUnsafe(Math.min(chunkBytes, version.bytes - at));
        readFully(reader, data, at, `model ${version.id}`);
        yield { offset: at, data };
      }
    } finally {
      reader.close();
    }
  }

  /** The bytes of a stored model, from memory when recently served; the oldest dropped past MODEL_CACHE_BYTES. */
  private cachedBytes(sha256: string): Promise<Buffer> {
    let bytes = this.recent.get(sha256);
    if (bytes) {
      // Most recently used last: Map keeps insertion order.
      this.recent.delete(sha256);
    } else {
      bytes = this.blobs.get(sha256);
      bytes.catch(() => this.recent.delete(sha256));
    }
    this.recent.set(sha256, bytes);
    void bytes.then(
      () => this.evict(),
      () => undefined,
    );
    return bytes;
  }

  private async evict(): Promise<void> {
    const sizes = await Promise.all([...this.recent].map(async ([sha256, bytes]) => [sha256, (await bytes.catch(() => null))?.length ?? 0] as const));
    let total = sizes.reduce((sum, [, size]) => sum + size, 0);
    for (const [sha256, size] of sizes) {
      if (total <= MODEL_CACHE_BYTES) break;
      this.recent.delete(sha256);
      total -= size;
    }
  }

  /** The L2 norm of a model version's weights, read once per version (the update sanity bound scales with it). */
  l2NormOf(versionId: string): Promise<number> {
    let norm = this.norms.get(versionId);
    if (!norm) {
      norm = this.get(versionId).then(async (version) => {
        let sum = 0;
        for (const tensor of await this.weights(version)) for (const v of tensor.values) sum += v * v;
        return Math.sqrt(sum);
      });
      this.norms.set(versionId, norm);
      norm.catch(() => this.norms.delete(versionId));
    }
    return norm;
  }

  /** The weights of a version, or of any stored model by the SHA-256 of its container (a site's personalised model). */
  async weights(version: Pick<ModelVersion, 'sha256'>): Promise<NamedTensor[]> {
    return decodeTensors(await this.blobs.get(version.sha256));
  }
}

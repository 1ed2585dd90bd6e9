import { randomUUID } from 'node:crypto';

import type { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import type { WeightSpec } from '../../common/model-weights.js';
import { decodeTensors, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import type { ModelVersion } from '../domain/records.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { BlobStore } from '../persistence/storage.port.js';
import type { ModelBuilder } from './model-builder.js';

/** Model versions: their bytes in the blob store, their records in the database, their weight layout per run. */
export class ModelCatalog {
  private readonly layouts = new Map<string, Promise<WeightSpec[]>>();
  private readonly norms = new Map<string, Promise<number>>();

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

  /** A version's bytes from `offset`, in chunks of at most `chunkBytes`, read from the blob store as they are asked for. */
  async *chunks(version: ModelVersion, offset: number, chunkBytes: number): AsyncGenerator<{ offset: number; data: Uint8Array }> {
    if (offset > version.bytes) {
      throw new ConsiliumError('INVALID_ARGUMENT', `offset ${offset} is past the end of model ${version.id} (${version.bytes} bytes)`);
    }
    for (let at = offset; at < version.bytes; at += chunkBytes) {
      yield { offset: at, data: await this.blobs.readRange(version.sha256, at, Math.min(chunkBytes, version.bytes - at)) };
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

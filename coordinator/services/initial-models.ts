import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import { modelSize, requireParametersAtMost } from '../../common/model-size.js';
import { modelTopologySchema, normalizeTopology } from '../../common/model-spec.schema.js';
import type { WeightSpec } from '../../common/model-weights.js';
import { decodeTensors, elementCount, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import type { AuditActor } from '../domain/audit-chain.js';
import type { InitialModel, ModelOrigin } from '../domain/records.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { BlobStore } from '../persistence/storage.port.js';
import type { ModelBuilder } from './model-builder.js';

/** An upload: a tfjs layers model's `model.json` and its weight files, concatenated in manifest order, as base64. */
export const initialModelUploadSchema = z.strictObject({
  name: z.string().min(1).max(200),
  origin: z.string().min(1, 'say where the model comes from (a paper, a public checkpoint, an earlier study) and how it was converted').max(4000),
  modelJson: z.looseObject({
    modelTopology: z.looseObject({}),
    weightsManifest: z
      .array(
        z.object({
          paths: z.array(z.string()),
          weights: z.array(z.object({ name: z.string().min(1), shape: z.array(z.number().int().min(0)), dtype: z.string() })),
        }),
      )
      .min(1),
  }),
  weights: z.base64('weights must be the weight files, concatenated in manifest order, as base64'),
});
export type InitialModelUpload = z.infer<typeof initialModelUploadSchema>;

/**
 * Models researchers upload to start runs from, and the starting point of a
 * run: an uploaded model, or any version of an earlier run. Uploads are
 * checked like run specs (allow-list, parameter bound, the topology's own
 * weights exactly), stored content-addressed and recorded in the audit trail.
 */
export class InitialModels {
  constructor(
    private readonly repos: Repositories,
    private readonly blobs: BlobStore,
    private readonly builder: ModelBuilder,
    private readonly clock: Clock,
    private readonly maxParameters: number,
  ) {}

  async upload(request: InitialModelUpload, actor: AuditActor): Promise<InitialModel> {
    const raw = request.modelJson.modelTopology;
    // Keras models converted by tfjs-converter nest the topology under model_config.
    const parsed = modelTopologySchema.safeParse('model_config' in raw ? raw['model_config'] : raw);
    if (!parsed.success) throw ConsiliumError.fromZod('model.json modelTopology', parsed.error);
    const topology = normalizeTopology(parsed.data);
    const size = modelSize(topology, 'modelJson.modelTopology');
    requireParametersAtMost(size, this.maxParameters, "the coordinator's maxParameters");
    const layout = (await this.builder.build(topology)).layout;
    const tensors = weightsOf(request, layout);
    const container = encodeTensors(tensors, 'float32');
    const sha256 = await this.blobs.put(container);
    const now = this.clock.iso();
    const model: InitialModel = {
      id: randomUUID(),
      name: request.name,
      origin: request.origin,
      sha256,
      bytes: container.length,
      topology: topology as unknown as Record<string, unknown>,
      parameters: size.parameters,
      createdAt: now,
      createdBy: actor,
      runId: null,
      siteId: null,
      baseVersionId: null,
    };
    return this.repos.transaction(async (tx) => {
      const saved = await tx.initialModels.save(model);
      await tx.audit.append(
        {
          actor,
          action: 'initial-model.uploaded',
          subjects: { initialModelId: model.id },
          payload: { name: model.name, origin: model.origin, sha256, parameters: size.parameters, tensors: tensors.length },
        },
        now,
      );
      return saved;
    });
  }

  list(): Promise<InitialModel[]> {
    return this.repos.initialModels.list();
  }

  /**
   * The weights a run starts from: each tensor of the run's model whose name
   * and shape the starting point has is taken from it, every other one keeps
   * its seeded initial value (a new head on a pretrained backbone).
   */
  async startingPoint(ref: string, seeded: readonly NamedTensor[]): Promise<{ weights: NamedTensor[]; origin: ModelOrigin }> {
    const source = await this.resolve(ref);
    const tensors = new Map(decodeTensors(await this.blobs.get(source.sha256)).map((t) => [t.name, t]));
    const taken: string[] = [];
    const fresh: string[] = [];
    const weights = seeded.map((seed) => {
      const from = tensors.get(seed.name);
      if (from && from.shape.join(',') === seed.shape.join(',')) {
        taken.push(seed.name);
        return from;
      }
      fresh.push(seed.name);
      return seed;
    });
    if (taken.length === 0) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `invalid run spec: initialModel: ${source.label} shares no tensor (same name and shape) with the run's model; name the layers as the starting point does`,
        [{ path: 'initialModel', message: `no tensor of ${source.label} fits the model` }],
      );
    }
    return { weights, origin: { kind: source.kind, id: source.id, sha256: source.sha256, name: source.name, taken, fresh } };
  }

  private async resolve(ref: string): Promise<{ kind: ModelOrigin['kind']; id: string; sha256: string; name: string; label: string }> {
    const uploaded = await this.repos.initialModels.find(ref);
    if (uploaded) return { kind: 'initial-model', id: uploaded.id, sha256: uploaded.sha256, name: uploaded.name, label: `initial model "${uploaded.name}"` };
    const version = await this.repos.models.get(ref);
    if (version)
      return {
        kind: 'model-version',
        id: version.id,
        sha256: version.sha256,
        name: `run ${version.runId} round ${version.round}`,
        label: `model version ${version.id}`,
      };
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `invalid run spec: initialModel: no uploaded model and no model version is ${ref}; consilium model list shows the uploads`,
      [{ path: 'initialModel', message: `${ref} names nothing` }],
    );
  }
}

/** The uploaded weights in the layout's order, after checking that they are exactly the topology's, as float32 and finite. */
function weightsOf(request: InitialModelUpload, layout: readonly WeightSpec[]): NamedTensor[] {
  const bytes = Buffer.from(request.weights, 'base64');
  const manifest = request.modelJson.weightsManifest.flatMap((group) => group.weights);
  const invalid = (message: string): never => {
    throw new ConsiliumError('INVALID_ARGUMENT', `invalid model upload: ${message}`, [{ path: 'weights', message }]);
  };
  const expected = manifest.reduce((sum, w) => sum + elementCount(w.shape) * 4, 0);
  const quantized = manifest.find((w) => w.dtype !== 'float32');
  if (quantized) invalid(`weight ${quantized.name} is ${quantized.dtype}; upload float32 weights (tfjs-converter without quantization)`);
  if (bytes.length !== expected) invalid(`the weight files hold ${bytes.length} bytes; the manifest's ${manifest.length} float32 weights need ${expected}`);
  const byName = new Map<string, NamedTensor>();
  let offset = 0;
  for (const w of manifest) {
    const length = elementCount(w.shape);
    const values = new Float32Array(length);
    values.set(new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length * 4)));
    offset += length * 4;
    if (values.some((v) => !Number.isFinite(v))) invalid(`weight ${w.name} holds a value that is not finite`);
    byName.set(w.name, { name: w.name, shape: w.shape, values });
  }
  const missing = layout.filter((spec) => byName.get(spec.name)?.shape.join(',') !== spec.shape.join(','));
  const extra = [...byName.keys()].filter((name) => !layout.some((spec) => spec.name === name));
  if (missing.length > 0 || extra.length > 0) {
    invalid(
      `the weights do not fit the topology: ${[
        ...missing.map((s) => `${s.name} [${s.shape.join(', ')}] is missing or has another shape`),
        ...extra.map((name) => `${name} is not a weight of the topology`),
      ].join('; ')}`,
    );
  }
  return layout.map((spec) => byName.get(spec.name)!);
}

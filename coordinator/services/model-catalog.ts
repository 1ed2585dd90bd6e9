import { randomUUID } from 'node:crypto';
import type * as tf from '@tensorflow/tfjs';
import { ConsiliumError } from '../../common/errors.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import { buildModel, weightSpecsOf, type WeightSpec } from '../../common/model-weights.js';
import { decodeTensors, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import type { FsBlobStore } from '../persistence/blob-store.js';
import type { ModelVersionEntity } from '../persistence/entities/index.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { Clock } from './clock.js';

/** Model versions: their bytes in the blob store, their records in the database, their weight layout per run. */
export class ModelCatalog {
  private readonly layouts = new Map<string, Promise<WeightSpec[]>>();

  constructor(
    private readonly repos: Repositories,
    private readonly blobs: FsBlobStore,
    private readonly clock: Clock,
  ) {}

  /** Names and shapes of a topology's weights, built once per run and cached. */
  layoutOf(runId: string, topology: ModelTopology): Promise<WeightSpec[]> {
    let layout = this.layouts.get(runId);
    if (!layout) {
      layout = buildModel(topology).then((model: tf.LayersModel) => {
        const specs = weightSpecsOf(model);
        model.dispose();
        return specs;
      });
      this.layouts.set(runId, layout);
      layout.catch(() => this.layouts.delete(runId));
    }
    return layout;
  }

  async store(
    runId: string,
    round: number,
    parentId: string | null,
    weights: readonly NamedTensor[],
    contributors: ModelVersionEntity['contributors'],
    strategy: Pick<ModelVersionEntity, 'strategyStateSha256' | 'aggregation'> = { strategyStateSha256: null, aggregation: null },
  ): Promise<ModelVersionEntity> {
    const container = encodeTensors(weights, 'float32');
    const sha256 = await this.blobs.put(container);
    return this.repos.models.save({
      id: randomUUID(),
      runId,
      round,
      sha256,
      bytes: container.length,
      parentId,
      contributors,
      ...strategy,
      evaluation: null,
      createdAt: this.clock.iso(),
    });
  }

  /**
   * Like store, but returns the version already recorded for (run, round):
   * a coordinator that crashed after storing a round's model and before
   * closing the round re-aggregates to the same bytes on resume.
   */
  async storeOnce(...args: Parameters<ModelCatalog['store']>): Promise<ModelVersionEntity> {
    const [runId, round] = args;
    const existing = (await this.repos.models.forRun(runId)).find((v) => v.round === round);
    return existing ?? this.store(...args);
  }

  async get(id: string): Promise<ModelVersionEntity> {
    const version = await this.repos.models.get(id);
    if (!version) throw new ConsiliumError('NOT_FOUND', `model version ${id} does not exist`);
    return version;
  }

  async weights(version: ModelVersionEntity): Promise<NamedTensor[]> {
    return decodeTensors(await this.blobs.get(version.sha256));
  }
}

import { sha256Hex } from '../../common/hashing.js';
import { type ModelTopology, modelTopologySchema } from '../../common/model-spec.schema.js';
import { buildModel, readWeights } from '../../common/model-weights.js';
import type { TaskOrder } from '../../common/task-order.js';
import { encodeTensors } from '../../common/tensor-codec.js';
import { ReceivedModels } from '../../site-agent/received-models.js';

/**
 * Puts a model with chosen weights into a site's store of received models, as a task of `runId` would have
 * brought it: `values` gives each tensor's values by name. Returns the model's SHA-256.
 */
export async function keepReceivedModel(
  stateDir: string,
  spec: unknown,
  values: (name: string) => number[],
  options: { runId: string; round: number; modelVersionId: string; classes: string[] },
): Promise<string> {
  const topology: ModelTopology = modelTopologySchema.parse(spec);
  const model = await buildModel(topology);
  const weights = readWeights(model).map((w) => ({ ...w, values: Float32Array.from(values(w.name)) }));
  model.dispose();
  const container = encodeTensors(weights, 'float32');
  const modelSha256 = sha256Hex(container);
  const task = {
    ...options,
    modelSha256,
    modelTopologyJson: JSON.stringify(topology),
    preprocessing: { normalization: 'auto', standardize: 'none' },
    sharedTensors: [],
  } as Partial<TaskOrder> as TaskOrder;
  await ReceivedModels.inStateDir(stateDir, 2).keep(task, container, new Date('2026-11-30T10:00:00Z'));
  return modelSha256;
}

/** A classifier of two features into two classes: softmax(x · I), so p(second class) = σ(x1 − x0). */
export const IDENTITY_CLASSIFIER = {
  spec: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'out', input_shape: [2], units: 2, activation: 'softmax' } }] } },
  values: (name: string): number[] => (name === 'out/kernel' ? [1, 0, 0, 1] : [0, 0]),
};

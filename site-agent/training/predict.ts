import * as tf from '@tensorflow/tfjs';

import { ConsiliumError } from '../../common/errors.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import { buildModel, writeWeights } from '../../common/model-weights.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import type { FeatureRows } from './feature-rows.js';

/**
 * Each row's class probabilities under a model, row-major (rows × classes),
 * in inference mode (dropout off, batch norm on its moving statistics). A
 * single sigmoid output is read as the probability of the second of two
 * classes, as evaluation reads it.
 */
export async function predictProbabilities(
  topology: ModelTopology,
  weights: readonly NamedTensor[],
  rows: FeatureRows,
  inputShape: readonly number[],
  classCount: number,
  batchSize = 32,
): Promise<Float32Array> {
  const model = await buildModel(topology);
  try {
    writeWeights(model, weights);
    const outputs = model.outputs[0]!.shape.at(-1)!;
    if (model.outputs[0]!.shape.length !== 2 || !(outputs === classCount || (outputs === 1 && classCount === 2))) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `the model's output is [${model.outputs[0]!.shape.join(', ')}], not one probability per class of the run's ${classCount}: only a classifier pre-annotates or screens labels`,
      );
    }
    const out = new Float32Array(rows.count * classCount);
    for (let start = 0; start < rows.count; start += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, rows.count - start) }, (_, i) => start + i);
      const features = await rows.read(batch);
      const predicted = tf.tidy(() => model.predict(tf.tensor(features, [batch.length, ...inputShape])) as tf.Tensor);
      const values = (await predicted.data()) as Float32Array;
      predicted.dispose();
      if (outputs === 1) batch.forEach((_, r) => out.set([1 - values[r]!, values[r]!], (start + r) * 2));
      else out.set(values, start * classCount);
    }
    return out;
  } finally {
    model.dispose();
  }
}

import * as tf from '@tensorflow/tfjs';

import { ConsiliumError } from '../../common/errors.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import { buildModel, writeWeights } from '../../common/model-weights.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import type { FeatureRows } from './feature-rows.js';

/** Per pixel, the class a segmentation model picks; per case, how sure it was over its pixels. */
export interface PredictedMasks {
  /** Class indices, rows × pixels. */
  classes: Uint8Array;
  /** Per case, the mean over pixels of the picked class's probability. */
  confidence: Float32Array;
  /** Per case, the mean over pixels of the probabilities' entropy over log(classes). */
  uncertainty: Float32Array;
}

/**
 * Runs a model on every row in batches, in inference mode (dropout off, batch norm on its moving statistics):
 * `check` sees the output shape before any row is read, `use` each batch's outputs with the rows they are of.
 */
async function inBatches(
  topology: ModelTopology,
  weights: readonly NamedTensor[],
  rows: FeatureRows,
  inputShape: readonly number[],
  batchSize: number,
  check: (outputShape: (number | null)[]) => void,
  use: (values: Float32Array, batch: number[]) => void,
): Promise<void> {
  const model = await buildModel(topology);
  try {
    writeWeights(model, weights);
    check(model.outputs[0]!.shape);
    for (let start = 0; start < rows.count; start += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, rows.count - start) }, (_, i) => start + i);
      const features = await rows.read(batch);
      const predicted = tf.tidy(() => model.predict(tf.tensor(features, [batch.length, ...inputShape])) as tf.Tensor);
      const values = (await predicted.data()) as Float32Array;
      predicted.dispose();
      use(values, batch);
    }
  } finally {
    model.dispose();
  }
}

/**
 * Each row's class probabilities under a model, row-major (rows × classes).
 * A single sigmoid output is read as the probability of the second of two
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
  const out = new Float32Array(rows.count * classCount);
  let sigmoid = false;
  await inBatches(
    topology,
    weights,
    rows,
    inputShape,
    batchSize,
    (shape) => {
      const outputs = shape.at(-1);
      if (shape.length !== 2 || !(outputs === classCount || (outputs === 1 && classCount === 2))) {
        throw new ConsiliumError(
          'FAILED_PRECONDITION',
          `the model's output is [${shape.join(', ')}], not one probability per class of the run's ${classCount}: only a classifier pre-annotates or screens labels`,
        );
      }
      sigmoid = outputs === 1;
    },
    (values, batch) => {
      if (sigmoid) batch.forEach((row, r) => out.set([1 - values[r]!, values[r]!], row * 2));
      else out.set(values, batch[0]! * classCount);
    },
  );
  return out;
}

/**
 * A segmentation model's masks for every row: per pixel the most probable class (the first on a tie), and per
 * case the mean confidence and normalised entropy over its pixels.
 */
export async function predictMasks(
  topology: ModelTopology,
  weights: readonly NamedTensor[],
  rows: FeatureRows,
  inputShape: readonly number[],
  classCount: number,
  batchSize = 8,
): Promise<PredictedMasks> {
  const pixels = inputShape.slice(0, -1).reduce((a, b) => a * b, 1);
  const out: PredictedMasks = {
    classes: new Uint8Array(rows.count * pixels),
    confidence: new Float32Array(rows.count),
    uncertainty: new Float32Array(rows.count),
  };
  const logK = Math.log(classCount);
  await inBatches(
    topology,
    weights,
    rows,
    inputShape,
    batchSize,
    (shape) => {
      const drawn = shape.slice(1, -1).reduce<number>((a, b) => a * (b ?? 0), 1);
      if (shape.length < 4 || shape.at(-1) !== classCount || drawn !== pixels) {
        throw new ConsiliumError(
          'FAILED_PRECONDITION',
          `the model's output is [${shape.join(', ')}], not one probability per class of the run's ${classCount} for every input pixel: only a segmentation model pre-annotates masks`,
        );
      }
    },
    (values, batch) =>
      batch.forEach((row, b) => {
        let confidence = 0;
        let entropy = 0;
        for (let p = 0; p < pixels; p++) {
          const at = (b * pixels + p) * classCount;
          let best = 0;
          for (let c = 0; c < classCount; c++) {
            const v = values[at + c]!;
            if (v > values[at + best]!) best = c;
            if (v > 0) entropy -= v * Math.log(v);
          }
          out.classes[row * pixels + p] = best;
          confidence += values[at + best]!;
        }
        out.confidence[row] = confidence / pixels;
        out.uncertainty[row] = classCount > 1 ? entropy / pixels / logK : 0;
      }),
  );
  return out;
}

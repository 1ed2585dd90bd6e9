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

/**
 * A segmentation model's masks for every row, in inference mode: per pixel the most probable class (the first on a
 * tie), and per case the mean confidence and normalised entropy over its pixels.
 */
export async function predictMasks(
  topology: ModelTopology,
  weights: readonly NamedTensor[],
  rows: FeatureRows,
  inputShape: readonly number[],
  classCount: number,
  batchSize = 8,
): Promise<PredictedMasks> {
  const model = await buildModel(topology);
  try {
    writeWeights(model, weights);
    const shape = model.outputs[0]!.shape;
    const pixels = shape.slice(1, -1).reduce<number>((a, b) => a * (b ?? 0), 1);
    if (shape.length < 4 || shape.at(-1) !== classCount || pixels !== inputShape.slice(0, -1).reduce((a, b) => a * b, 1)) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `the model's output is [${shape.join(', ')}], not one probability per class of the run's ${classCount} for every input pixel: only a segmentation model pre-annotates masks`,
      );
    }
    const out: PredictedMasks = {
      classes: new Uint8Array(rows.count * pixels),
      confidence: new Float32Array(rows.count),
      uncertainty: new Float32Array(rows.count),
    };
    const logK = Math.log(classCount);
    for (let start = 0; start < rows.count; start += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, rows.count - start) }, (_, i) => start + i);
      const features = await rows.read(batch);
      const predicted = tf.tidy(() => model.predict(tf.tensor(features, [batch.length, ...inputShape])) as tf.Tensor);
      const values = (await predicted.data()) as Float32Array;
      predicted.dispose();
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
      });
    }
    return out;
  } finally {
    model.dispose();
  }
}

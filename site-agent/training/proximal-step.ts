import * as tf from '@tensorflow/tfjs';

import { ConsiliumError } from '../../common/errors.js';
import { lossFor } from './losses.js';

/** The Keras loss a run names, per sample, as compile() uses it. */
function perSampleLoss(name: string): (y: tf.Tensor, predicted: tf.Tensor) => tf.Tensor {
  switch (name) {
    case 'categoricalCrossentropy':
      return tf.metrics.categoricalCrossentropy;
    case 'binaryCrossentropy':
      return tf.metrics.binaryCrossentropy;
    case 'meanSquaredError':
      return tf.metrics.meanSquaredError;
    case 'dice':
    case 'diceCrossentropy':
    case 'focal':
      return lossFor(name) as (y: tf.Tensor, predicted: tf.Tensor) => tf.Tensor;
    default:
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `loss "${name}" has no proximal (FedProx) form; use categoricalCrossentropy, binaryCrossentropy or meanSquaredError`,
      );
  }
}

/** Fraction of rows whose predicted class is the target's (0.5 threshold for a single sigmoid output). */
function accuracyOf(y: tf.Tensor, predicted: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const hits = y.shape.at(-1) === 1 ? tf.equal(tf.greater(predicted, 0.5), tf.greater(y, 0.5)) : tf.equal(tf.argMax(predicted, -1), tf.argMax(y, -1));
    return tf.mean(tf.cast(hits, 'float32')) as tf.Scalar;
  });
}

/**
 * A FedProx step (Li et al. 2020): minimises loss + μ/2·Σ‖w − w₀‖² over the
 * trainable weights, w₀ being the weights the site received. Runs the model
 * in training mode as trainOnBatch does (dropout active, batch norm updating
 * its moving statistics).
 */
export function proximalStep(model: tf.LayersModel, loss: string, mu: number, anchors: tf.Tensor[]) {
  const lossOf = perSampleLoss(loss);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return async (x: tf.Tensor, y: tf.Tensor): Promise<number[]> => {
    let accuracy: tf.Scalar | null = null;
    const cost = model.optimizer.minimize(
      () => {
        const predicted = model.apply(x, { training: true }) as tf.Tensor;
        accuracy = tf.keep(accuracyOf(y, predicted));
        const distance = tf.addN(variables.map((v, i) => tf.sum(tf.square(tf.sub(v, anchors[i]!)))));
        return tf.add(tf.mean(lossOf(y, predicted)), tf.mul(mu / 2, distance)) as tf.Scalar;
      },
      true,
      variables,
    )!;
    const values = [(await cost.data())[0]!, (await accuracy!.data())[0]!];
    tf.dispose([cost, accuracy!]);
    return values;
  };
}

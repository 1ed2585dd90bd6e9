import * as tf from '@tensorflow/tfjs';

import { accuracyOf, lossFunction } from './losses.js';

/**
 * A FedProx step (Li et al. 2020): minimises loss + μ/2·Σ‖w − w₀‖² over the
 * trainable weights, w₀ being the weights the site received. Runs the model
 * in training mode as trainOnBatch does (dropout active, batch norm updating
 * its moving statistics).
 */
export function proximalStep(model: tf.LayersModel, loss: string, mu: number, anchors: tf.Tensor[]) {
  const lossOf = lossFunction(loss);
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

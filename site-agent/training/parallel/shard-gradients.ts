import * as tf from '@tensorflow/tfjs';

import { accuracyOf, lossFunction } from '../losses.js';

/** A shard's mean loss and accuracy, and the gradient of its mean loss for each trainable weight, in the model's order. */
export interface ShardGradients {
  loss: number;
  accuracy: number;
  gradients: Float32Array[];
}

/**
 * The gradient of the mean loss of one shard (x, y) at the model's current
 * weights, with the regularisers' losses added as trainOnBatch adds them.
 * The training thread runs it on its own shard and each gradient thread on
 * another, so every shard is computed by the same code.
 */
export function shardGradients(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, lossName: string): ShardGradients {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const loss = lossFunction(lossName);
  let predictions: tf.Tensor | null = null;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const output = model.apply(x, { training: true }) as tf.Tensor;
      predictions = tf.keep(output);
      const regularization = model.calculateLosses();
      return regularization.reduce<tf.Scalar>((total, r) => tf.add(total, r), tf.mean(loss(y, output)));
    }, variables);
    const gradients = variables.map((v) => Float32Array.from(grads[v.name]!.dataSync()));
    const accuracy = accuracyOf(y, predictions!);
    const result = { loss: value.dataSync()[0]!, accuracy: accuracy.dataSync()[0]!, gradients };
    tf.dispose([value, accuracy, ...Object.values(grads)]);
    return result;
  } finally {
    if (predictions) tf.dispose(predictions);
  }
}

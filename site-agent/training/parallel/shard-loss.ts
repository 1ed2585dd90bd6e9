import * as tf from '@tensorflow/tfjs';

import { focalLoss } from '../losses.js';

/**
 * Losses whose batch value is the mean of per-sample values, so the mean of
 * shards' losses weighted by their sizes is the batch's loss, and the same
 * holds for their gradients: what data-parallel training needs. Soft Dice
 * sums over the whole batch first, so it is not among them.
 */
export const SHARDABLE_LOSSES = new Set(['categoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError', 'focal']);

/** The loss as Keras compiles it, per sample (tf.metrics holds the same functions tfjs-layers trains with). */
export function perSampleLoss(name: string): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  switch (name) {
    case 'categoricalCrossentropy':
      return (t, p) => tf.metrics.categoricalCrossentropy(t, p);
    case 'binaryCrossentropy':
      return (t, p) => tf.metrics.binaryCrossentropy(t, p);
    case 'meanSquaredError':
      return (t, p) => tf.metrics.meanSquaredError(t, p);
    case 'focal':
      return focalLoss;
    default:
      throw new Error(`loss ${name} cannot be split into shards`);
  }
}

/** Accuracy as compile(metrics: ['accuracy']) measures it: rounded for one output, the most probable class for several. */
export function accuracyOf(yTrue: tf.Tensor, yPred: tf.Tensor): number {
  return tf.tidy(() => {
    const hits = yPred.shape.at(-1) === 1 ? tf.metrics.binaryAccuracy(yTrue, yPred) : tf.metrics.categoricalAccuracy(yTrue, yPred);
    return tf.mean(hits).dataSync()[0]!;
  });
}

import * as tf from '@tensorflow/tfjs';

import { ConsiliumError } from '../../common/errors.js';

/** Keeps log() and powers finite at predictions of exactly 0 or 1. */
const EPSILON = 1e-7;

/**
 * Soft Dice loss: 1 − the mean over classes of (2 Σ y·p + ε) / (Σ y + Σ p + ε),
 * sums over the batch and every pixel. It weighs a class by its overlap,
 * not its pixel count, so a small lesion is not drowned by the background.
 */
export function softDiceLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const axes = Array.from({ length: yTrue.rank - 1 }, (_, i) => i);
    const overlap = tf.sum(tf.mul(yTrue, yPred), axes);
    const total = tf.add(tf.sum(yTrue, axes), tf.sum(yPred, axes));
    const dice = tf.div(tf.add(tf.mul(overlap, 2), EPSILON), tf.add(total, EPSILON));
    return tf.sub(1, tf.mean(dice)) as tf.Scalar;
  });
}

/** Categorical cross-entropy over the last axis, averaged over samples and pixels. */
function crossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(yTrue, tf.log(tf.clipByValue(yPred, EPSILON, 1 - EPSILON))), -1))) as tf.Scalar);
}

/** Focal loss (Lin et al.) with γ = 2: cross-entropy scaled by (1 − p)², so confident, easy pixels or samples count less. */
export function focalLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
    const perClass = tf.mul(tf.mul(yTrue, tf.square(tf.sub(1, p))), tf.log(p));
    return tf.mean(tf.neg(tf.sum(perClass, -1))) as tf.Scalar;
  });
}

/** What tfjs's compile takes for a spec's loss: its own name for the built-in losses, a function for these. */
export function lossFor(name: string): string | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar) {
  switch (name) {
    case 'dice':
      return softDiceLoss;
    case 'diceCrossentropy':
      return (yTrue, yPred) => tf.tidy(() => tf.add(softDiceLoss(yTrue, yPred), crossEntropy(yTrue, yPred)) as tf.Scalar);
    case 'focal':
      return focalLoss;
    default:
      return name;
  }
}

/**
 * The loss a spec names as a function, as compile() applies it: tf.metrics'
 * per-sample functions for the built-in losses (tfjs-layers trains with the
 * same ones), lossFor's for ours. For training steps written by hand
 * (FedProx's, data-parallel shards').
 */
export function lossFunction(name: string): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor {
  const own = lossFor(name);
  if (typeof own !== 'string') return own;
  switch (name) {
    case 'categoricalCrossentropy':
      return tf.metrics.categoricalCrossentropy;
    case 'binaryCrossentropy':
      return tf.metrics.binaryCrossentropy;
    case 'meanSquaredError':
      return tf.metrics.meanSquaredError;
    default:
      throw new ConsiliumError('INVALID_ARGUMENT', `loss "${name}" is not a loss a run spec may name (see LOSSES in common/run-spec.schema.ts)`);
  }
}

/** Accuracy as compile(metrics: ['accuracy']) measures it: the 0.5 threshold for one sigmoid output, the most probable class for several. */
export function accuracyOf(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const hits = yTrue.shape.at(-1) === 1 ? tf.equal(tf.greater(yPred, 0.5), tf.greater(yTrue, 0.5)) : tf.equal(tf.argMax(yPred, -1), tf.argMax(yTrue, -1));
    return tf.mean(tf.cast(hits, 'float32')) as tf.Scalar;
  });
}

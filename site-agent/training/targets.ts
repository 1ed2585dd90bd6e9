import * as tf from '@tensorflow/tfjs';

/**
 * Targets in the form the loss expects: one column of 0/1 for a single-output binary model, else one-hot rows.
 * With class weights each one-hot row is scaled by its class's weight: categorical cross-entropy is linear in the
 * target, so the row's loss becomes weight × −log p (Keras's class_weight), and argmax, hence accuracy, is unchanged.
 */
export function targets(labels: Int32Array, classCount: number, outputs: number, classWeights: readonly number[] | null = null): tf.Tensor2D {
  return tf.tidy(() => {
    const indices = tf.tensor1d(labels, 'int32');
    if (outputs === 1) return tf.reshape(tf.cast(indices, 'float32'), [labels.length, 1]) as tf.Tensor2D;
    const oneHot = tf.cast(tf.oneHot(indices, classCount), 'float32') as tf.Tensor2D;
    if (!classWeights || classWeights.length === 0) return oneHot;
    return tf.mul(
      oneHot,
      tf.tensor2d(
        Float32Array.from(labels, (l) => classWeights[l]!),
        [labels.length, 1],
      ),
    ) as tf.Tensor2D;
  });
}

/**
 * Segmentation targets: each pixel's class one-hot, [batch, ...spatial,
 * classes], scaled by its class's weight when the run weighs classes (as for
 * whole-sample labels above).
 */
export function maskTargets(masks: Int32Array, shape: readonly number[], classCount: number, classWeights: readonly number[] | null = null): tf.Tensor {
  return tf.tidy(() => {
    const oneHot = tf.cast(tf.oneHot(tf.tensor1d(masks, 'int32'), classCount), 'float32');
    const weighted =
      classWeights && classWeights.length > 0
        ? tf.mul(
            oneHot,
            tf.tensor2d(
              Float32Array.from(masks, (c) => classWeights[c]!),
              [masks.length, 1],
            ),
          )
        : oneHot;
    return tf.reshape(weighted, [...shape, classCount]);
  });
}

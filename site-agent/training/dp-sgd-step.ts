import * as tf from '@tensorflow/tfjs';

import { accuracyOf, lossFunction } from './losses.js';

export interface DpSgdSettings {
  /** Each example's gradient is clipped to this L2 norm. */
  clipNorm: number;
  /** The noise's standard deviation over clipNorm. */
  noiseMultiplier: number;
  /** Poisson sampling's expected batch size: the divisor of the noised sum, fixed so that it reveals nothing about the batch drawn. */
  expectedBatch: number;
}

/**
 * A DP-SGD step (Abadi et al. 2016; Opacus's and TensorFlow Privacy's
 * algorithm): each example's gradient of the loss over the trainable
 * weights, clipped to L2 norm clipNorm as one vector, summed; Gaussian noise
 * of standard deviation noiseMultiplier × clipNorm added to every coordinate
 * of the sum; divided by the expected batch size and applied by the run's
 * optimizer. An empty batch (Poisson sampling drew no example) still steps,
 * on noise alone, as the accountant assumes. The model runs in training mode
 * (dropout active); the run's spec refuses batch normalization, which has
 * no per-example gradient. Returns the batch's mean loss and accuracy.
 */
export function dpSgdStep(model: tf.LayersModel, loss: string, settings: DpSgdSettings, gaussian: () => number) {
  const lossOf = lossFunction(loss);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const sigma = settings.noiseMultiplier * settings.clipNorm;
  return async (x: tf.Tensor, y: tf.Tensor): Promise<number[]> => {
    const rows = x.shape[0]!;
    let sums: tf.Tensor[] = variables.map((v) => tf.zerosLike(v as tf.Tensor));
    let lossTotal = 0;
    let hits = 0;
    for (let i = 0; i < rows; i++) {
      let accuracy: tf.Scalar | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const [xi, yi] = [x.slice(i, 1), y.slice(i, 1)];
        const predicted = model.apply(xi, { training: true }) as tf.Tensor;
        accuracy = tf.keep(accuracyOf(yi, predicted));
        return tf.mean(lossOf(yi, predicted)) as tf.Scalar;
      }, variables);
      const gradients = variables.map((v) => grads[v.name]!);
      const norm = tf.tidy(() => tf.sqrt(tf.addN(gradients.map((g) => tf.sum(tf.square(g))))));
      const [n] = await norm.data();
      // Opacus's clip factor: max_norm / (norm + 1e-6), at most 1.
      const factor = Math.min(1, settings.clipNorm / (n! + 1e-6));
      const next = sums.map((s, k) => tf.tidy(() => tf.add(s, tf.mul(gradients[k]!, factor))));
      lossTotal += (await value.data())[0]!;
      hits += (await accuracy!.data())[0]!;
      tf.dispose([...sums, ...gradients, norm, value, accuracy!]);
      sums = next;
    }
    const noised = sums.map((s) => {
      const noise = new Float32Array(s.size);
      if (sigma > 0) for (let j = 0; j < noise.length; j++) noise[j] = sigma * gaussian();
      return tf.tidy(() => tf.div(tf.add(s, tf.tensor(noise, s.shape)), settings.expectedBatch));
    });
    model.optimizer.applyGradients(Object.fromEntries(variables.map((v, k) => [v.name, noised[k]!])));
    tf.dispose([...sums, ...noised]);
    return rows === 0 ? [0, 0] : [lossTotal / rows, hits / rows];
  };
}

/**
 * One epoch of Poisson-sampled batches: each of `steps` batches takes every
 * row independently with probability `rate`. The draws come from the
 * operating system's CSPRNG, like the noise: the subsampling's privacy
 * amplification holds only if nobody can tell which examples a step used.
 */
export function poissonBatches(rows: number, rate: number, steps: number, uniform: () => number): number[][] {
  return Array.from({ length: steps }, () => {
    const batch: number[] = [];
    for (let r = 0; r < rows; r++) if (uniform() < rate) batch.push(r);
    return batch;
  });
}

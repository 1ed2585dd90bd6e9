import * as tf from '@tensorflow/tfjs';

import { useKernel } from './kernel-registry.js';
import { addressOf, simdKernelsFor, type WasmHeap } from './simd-kernels.js';

/** The fused kernel's name: one call gives the gradient for x, mean, variance, scale and offset. */
const BATCH_NORM_GRAD = 'ConsiliumBatchNormGrad';

/** Whether the fused kernel takes this batch normalization: wasm with the SIMD kernels bound, float32, statistics per channel. */
function fusable(x: tf.Tensor, dy: tf.Tensor, statistics: readonly (tf.Tensor | undefined)[]): boolean {
  const channels = x.shape.at(-1);
  return (
    tf.getBackend() === 'wasm' &&
    simdKernelsFor(tf.backend()) !== null &&
    channels !== undefined &&
    x.dtype === 'float32' &&
    dy.dtype === 'float32' &&
    statistics.every((t) => t === undefined || (t.rank === 1 && t.size === channels && t.dtype === 'float32'))
  );
}

let registered = false;

/**
 * Replaces the gradient of FusedBatchNorm where the fused kernel takes it
 * (kernels/gradient-kernels.c, batch_norm_grad): tfjs 4.22 computes it as
 * a dozen full-size elementwise operations and reductions, each a pass over
 * memory; the kernel makes two. dx is bit for bit tfjs's; the statistics'
 * gradients are summed in float64, as on the cpu backend. Anything else
 * keeps tfjs's gradient. Idempotent; call it after tfjs-backend-wasm is
 * imported.
 */
export function registerBatchNormGradient(): void {
  if (registered) return;
  registered = true;
  useKernel('wasm', BATCH_NORM_GRAD, ({ inputs, attrs, backend }) => {
    const { x, dy, mean, variance, scale } = inputs as Record<'x' | 'dy' | 'mean' | 'variance', tf.TensorInfo> & { scale?: tf.TensorInfo };
    const heap = backend as unknown as WasmHeap;
    const channels = x.shape.at(-1)!;
    const [dx, dMean, dVariance, dScale, dOffset] = [x.shape, [channels], [channels], [channels], [channels]].map((shape) =>
      heap.makeOutput(shape, 'float32'),
    ) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
    const sums = heap.makeOutput([4 * channels], 'float32');
    simdKernelsFor(backend)!.batch_norm_grad(
      addressOf(heap, x),
      addressOf(heap, dy),
      addressOf(heap, mean),
      addressOf(heap, variance),
      scale ? addressOf(heap, scale) : 0,
      (attrs as unknown as tf.FusedBatchNormAttrs).varianceEpsilon,
      tf.util.sizeFromShape(x.shape) / channels,
      channels,
      addressOf(heap, dx),
      addressOf(heap, dMean),
      addressOf(heap, dVariance),
      addressOf(heap, dScale),
      addressOf(heap, dOffset),
      addressOf(heap, sums),
    );
    heap.disposeData(sums.dataId);
    return [dx, dMean, dVariance, dScale, dOffset];
  });
  const shipped = tf.getGradient(tf.FusedBatchNorm)!;
  tf.registerGradient({
    kernelName: tf.FusedBatchNorm,
    inputsToSave: shipped.inputsToSave,
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
      if (Array.isArray(dy) || !fusable(x, dy, [mean, variance, scale])) return shipped.gradFunc(dy, saved, attrs);
      // Computed now, as tfjs's own gradient computes its shared terms: each input's closure runs in a scope of its own.
      const [dx, dMean, dVariance, dScale, dOffset] = tf
        .engine()
        .runKernel(BATCH_NORM_GRAD, { x, dy, mean, variance, ...(scale ? { scale } : {}) }, attrs) as tf.Tensor[];
      return { x: () => dx!, mean: () => dMean!, variance: () => dVariance!, scale: () => dScale!, offset: () => dOffset! };
    },
  });
}

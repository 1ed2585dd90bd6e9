import * as tf from '@tensorflow/tfjs';

import { speedUpWasmKernel, useKernel } from './kernel-registry.js';
import { leadingReduction, simdBatchNorm, simdChannelOp, simdConcatLastAxis, simdConv3D, simdLeadingReduction, simdSlice } from './simd-kernels.js';

let registered = false;

/** Shares x's data, as the cpu backend's Identity does: safe because no kernel writes its inputs. */
function share(x: tf.TensorInfo, backend: unknown): tf.TensorInfo {
  (backend as { incRef(dataId: tf.DataId): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Puts faster paths in front of the shipped wasm kernels that a training
 * step spends its time in beside the convolutions (each measured in a
 * profile of the larger CNN, the U-Net or the 3-D network; README, "Training
 * backends"); every other input keeps the shipped kernel. Idempotent; call
 * it after tfjs-backend-wasm is imported.
 */
export function registerWasmForwardKernels(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, mean] of [
    [tf.Sum, false],
    [tf.Mean, true],
  ] as const) {
    speedUpWasmKernel(kernelName, ({ inputs, attrs }, simd, heap) => {
      const { x } = inputs as { x: tf.TensorInfo };
      const { axis, keepDims } = attrs as unknown as tf.SumAttrs;
      const leading = leadingReduction(x, axis);
      return leading > 0 ? simdLeadingReduction(simd, heap, x, leading, keepDims, mean) : null;
    });
  }
  for (const [kernelName, op] of [
    [tf.Add, 'add'],
    [tf.Sub, 'sub'],
    [tf.Multiply, 'mul'],
  ] as const) {
    speedUpWasmKernel(kernelName, ({ inputs }, simd, heap) => {
      const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      return simdChannelOp(simd, heap, a, b, op);
    });
  }
  speedUpWasmKernel(tf.FusedBatchNorm, ({ inputs, attrs }, simd, heap) =>
    simdBatchNorm(simd, heap, inputs as never, (attrs as unknown as tf.FusedBatchNormAttrs).varianceEpsilon),
  );
  // The shipped Conv3D is a scalar loop; dilated or channels-first convolutions still take it.
  speedUpWasmKernel(tf.Conv3D, ({ inputs, attrs }, simd, heap) => {
    const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dilations } = attrs as unknown as tf.Conv3DAttrs;
    if (dataFormat !== 'NDHWC' || [dilations].flat().some((d) => d !== 1)) return null;
    const shape5 = (shape: number[]) => shape as [number, number, number, number, number];
    return simdConv3D(simd, heap, x, filter, tf.backend_util.computeConv3DInfo(shape5(x.shape), shape5(filter.shape), strides, 1, pad));
  });
  speedUpWasmKernel(tf.Slice, ({ inputs, attrs }, simd, heap) => {
    const { begin, size } = attrs as unknown as tf.SliceAttrs;
    return simdSlice(simd, heap, (inputs as { x: tf.TensorInfo }).x, begin, size);
  });
  speedUpWasmKernel(tf.Concat, ({ inputs, attrs }, simd, heap) => {
    const tensors = inputs as unknown as tf.TensorInfo[];
    return simdConcatLastAxis(simd, heap, tensors, tf.util.parseAxisParam((attrs as unknown as tf.ConcatAttrs).axis, tensors[0]!.shape)[0]!);
  });
  // The shipped Identity, and Cast to the same dtype (every ReLU gradient casts its float32 mask to float32), copy the tensor.
  useKernel('wasm', tf.Identity, ({ inputs, backend }) => share((inputs as { x: tf.TensorInfo }).x, backend));
  const shippedCast = tf.getKernel(tf.Cast, 'wasm')!.kernelFunc;
  useKernel('wasm', tf.Cast, (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    return x.dtype === (args.attrs as unknown as tf.CastAttrs).dtype && x.dtype !== 'string' ? share(x, args.backend) : shippedCast(args);
  });
}

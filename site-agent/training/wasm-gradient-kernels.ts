import * as tf from '@tensorflow/tfjs';

import { conv3DBackpropFilter, conv3DBackpropInput, depthwiseConv2DBackprop, resizeNearestNeighborGrad } from './gradient-loops.js';
import { useKernel } from './kernel-registry.js';
import { simdConv3DBackpropInput, simdConvBackpropFilter, simdKernelsFor, simdMaxPoolGrad, simdTileVector, type WasmHeap } from './simd-kernels.js';

type Tensor4D = tf.Tensor4D;

/**
 * Conv2DBackpropFilter for the wasm backend, which ships Conv2D but not this
 * gradient, so CNNs cannot train on it as shipped; used where the SIMD
 * kernel (kernels/gradient-kernels.c, four times faster: this one spends
 * most of its time transposing and padding) cannot bind. The filter
 * gradient is itself a convolution, built here from kernels wasm has
 * (XNNPACK-backed):
 *
 *   dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − pad, ow·s + kw − pad, ci] · dy[b, oh, ow, co]
 *
 * Transposing x to [ci, H, W, b] and dy to [oh, ow, b, co] makes that a valid
 * convolution of x with dy as the filter, dilated by the forward stride s;
 * its first kh × kw outputs, transposed back, are dW. Forward dilations > 1
 * never reach here: tfjs refuses gradients of dilated convolutions itself.
 */
export function conv2DBackpropFilter(
  x: Tensor4D,
  dy: Tensor4D,
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): tf.Tensor4D {
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const [kernelHeight, kernelWidth] = filterShape;
  const { top, bottom, left, right } = info.padInfo;
  return tf.tidy(() => {
    let input = tf.transpose(x, [3, 1, 2, 0]);
    if (top || bottom || left || right)
      input = tf.pad(input, [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ]);
    const filter = tf.transpose(dy, [1, 2, 0, 3]);
    const full = tf.conv2d(input as Tensor4D, filter as Tensor4D, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
    return tf.transpose(tf.slice(full, [0, 0, 0, 0], [-1, kernelHeight, kernelWidth, -1]), [1, 2, 0, 3]);
  });
}

/**
 * Conv2DBackpropInput for the wasm backend, replacing the shipped kernel (a
 * plain loop, the slowest step of CNN training on wasm) with a convolution
 * XNNPACK runs: dx is dy, spread out by the forward stride and padded, convolved with the
 * filter turned 180° and its in/out channels swapped.
 *
 *   dx[h] = Σ_k dy_s[h + top − k] · W[k],  where dy_s[o·s] = dy[o] and 0 between
 */
export function conv2DBackpropInput(
  dy: Tensor4D,
  filter: Tensor4D,
  inputShape: [number, number, number, number],
  strides: number | [number, number],
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
): Tensor4D {
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { strideHeight, strideWidth, filterHeight, filterWidth, inHeight, inWidth, outHeight, outWidth } = info;
  return tf.tidy(() => {
    let spread: tf.Tensor4D = dy;
    if (strideHeight > 1 || strideWidth > 1) {
      const [batch, , , channels] = dy.shape;
      const cells = tf.pad(tf.reshape(dy, [batch, outHeight, 1, outWidth, 1, channels]), [
        [0, 0],
        [0, 0],
        [0, strideHeight - 1],
        [0, 0],
        [0, strideWidth - 1],
        [0, 0],
      ]);
      spread = tf.slice(tf.reshape(cells, [batch, outHeight * strideHeight, outWidth * strideWidth, channels]), 0, [
        -1,
        (outHeight - 1) * strideHeight + 1,
        (outWidth - 1) * strideWidth + 1,
        -1,
      ]) as Tensor4D;
    }
    const before = [filterHeight - 1 - info.padInfo.top, filterWidth - 1 - info.padInfo.left];
    const after = [inHeight + filterHeight - 1 - before[0]! - spread.shape[1], inWidth + filterWidth - 1 - before[1]! - spread.shape[2]];
    // Rows of x no output window reached (valid padding, stride > 1) get a zero gradient: padding supplies them.
    const padded = tf.pad(spread, [
      [0, 0],
      [before[0]!, Math.max(0, after[0]!)],
      [before[1]!, Math.max(0, after[1]!)],
      [0, 0],
    ]);
    const trimmed = after[0]! < 0 || after[1]! < 0 ? tf.slice(padded, 0, [-1, inHeight + filterHeight - 1, inWidth + filterWidth - 1, -1]) : padded;
    const turned = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as Tensor4D;
    return tf.conv2d(trimmed, turned, 1, 'valid');
  });
}

/**
 * Tile for the wasm backend, replacing the shipped kernel (an index
 * computation per element; batch-norm gradients tile [C] up to [B, H, W, C]
 * and spent a quarter of a training step there). Copies whole blocks instead:
 * the last axis first, then each block of rows as a unit.
 */
export function tileValues<T extends tf.backend_util.TypedArray>(values: T, shape: readonly number[], reps: readonly number[], out: T): T {
  if (shape.length === 0) {
    out.set(values);
    return out;
  }
  // Stage by stage in `out`: after axis a, the data is x tiled along axes a.., laid out contiguously.
  let blocks = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  let blockLength = shape.at(-1)!;
  out.set(values);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const rep = reps[axis]!;
    const tiledLength = blockLength * rep;
    // Walk blocks from the last so each moves to its final place without overwriting one not yet moved.
    for (let b = blocks - 1; b >= 0; b--) {
      const from = b * blockLength;
      const to = b * tiledLength;
      out.copyWithin(to, from, from + blockLength);
      // Doubling what is already tiled: log2(rep) copies, not rep (a per-channel vector tiled over a whole image is 10^5 blocks).
      for (let filled = 1; filled < rep;) {
        const count = Math.min(filled, rep - filled);
        out.copyWithin(to + filled * blockLength, to, to + count * blockLength);
        filled += count;
      }
    }
    if (axis > 0) {
      blocks /= shape[axis - 1]!;
      blockLength = tiledLength * shape[axis - 1]!;
    }
  }
  return out;
}

/**
 * MaxPoolGrad for the wasm backend, replacing the shipped kernel: in
 * tfjs-backend-wasm 4.22 that kernel routes the gradient of a window whose
 * maximum is negative to the wrong input (or drops it), so a model with
 * max pooling trained differently on wasm than on cpu; used where the SIMD
 * kernel cannot bind. As on cpu, each output's gradient goes to the first
 * maximum of its window (row-major), padding never wins, and overlapping
 * windows add up.
 */
export function maxPoolGrad(x: Float32Array, dy: Float32Array, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const dx = new Float32Array(x.length);
  for (let b = 0; b < batchSize; b++) {
    const base = b * inHeight * inWidth * inChannels;
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const outBase = ((b * outHeight + oh) * outWidth + ow) * inChannels;
        for (let c = 0; c < inChannels; c++) {
          let best = -Infinity;
          let at = -1;
          for (let kh = 0; kh < filterHeight; kh++) {
            const h = oh * strideHeight - top + kh;
            if (h < 0 || h >= inHeight) continue;
            for (let kw = 0; kw < filterWidth; kw++) {
              const w = ow * strideWidth - left + kw;
              if (w < 0 || w >= inWidth) continue;
              const index = base + (h * inWidth + w) * inChannels + c;
              if (x[index]! > best || at < 0) {
                best = x[index]!;
                at = index;
              }
            }
          }
          if (at >= 0) dx[at] = dx[at]! + dy[outBase + c]!;
        }
      }
    }
  }
  return dx;
}

let wasmRegistered = false;
let cpuRegistered = false;

function useOnWasm(kernelName: string, kernelFunc: tf.KernelFunc): void {
  useKernel('wasm', kernelName, kernelFunc);
}

/** The two methods of tfjs-backend-cpu's backend that a kernel written here needs. */
interface CpuData {
  data: { get(dataId: tf.DataId): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

function requireChannelsLast(kernelName: string, dataFormat: string): void {
  if (dataFormat !== 'NHWC') throw new Error(`${kernelName} on wasm supports channels-last (NHWC) data only, not ${dataFormat}`);
}

/** Replaces the cpu kernels that tfjs 4.22 gets wrong for the allowed layer classes; idempotent. */
export function registerCpuGradientKernels(): void {
  if (cpuRegistered) return;
  cpuRegistered = true;
  useKernel('cpu', tf.ResizeNearestNeighborGrad, ({ inputs, attrs, backend }) => {
    const { images, dy } = inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
    const { alignCorners } = attrs as unknown as tf.ResizeNearestNeighborGradAttrs;
    const cpu = backend as unknown as CpuData;
    return cpu.makeTensorInfo(images.shape, 'float32', resizeNearestNeighborGrad(cpu.data.get(dy.dataId).values, dy.shape, images.shape, alignCorners));
  });
}

/**
 * Registers the gradient kernels wasm lacks (or gets wrong) for the allowed
 * layer classes; idempotent. Call it after tfjs-backend-wasm is imported:
 * the import registers the shipped kernels, and the later registration wins.
 */
export function registerWasmGradientKernels(): void {
  if (wasmRegistered) return;
  wasmRegistered = true;
  useOnWasm(tf.Conv2DBackpropFilter, ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs as { x: Tensor4D; dy: Tensor4D };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    requireChannelsLast(tf.Conv2DBackpropFilter, dataFormat);
    const simd = simdKernelsFor(backend);
    if (!simd) return conv2DBackpropFilter(x, dy, filterShape as [number, number, number, number], strides, pad, dimRoundingMode);
    const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
    return simdConvBackpropFilter(simd, backend as unknown as WasmHeap, x, dy, info);
  });
  useOnWasm(tf.Conv2DBackpropInput, ({ inputs, attrs }) => {
    const { dy, filter } = inputs as { dy: Tensor4D; filter: Tensor4D };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
    requireChannelsLast(tf.Conv2DBackpropInput, dataFormat);
    return conv2DBackpropInput(dy, filter, inputShape as [number, number, number, number], strides, pad, dimRoundingMode);
  });
  useOnWasm(tf.Tile, ({ inputs, attrs, backend }) => {
    const { x } = inputs as { x: tf.TensorInfo };
    const { reps } = attrs as unknown as tf.TileAttrs;
    const heap = backend as unknown as WasmHeap;
    const out = heap.makeOutput(
      x.shape.map((d, i) => d * reps[i]!),
      x.dtype,
    );
    const simd = simdKernelsFor(backend);
    if (!(simd && simdTileVector(simd, heap, x, reps, out))) tileValues(heap.typedArrayFromHeap(x), x.shape, reps, heap.typedArrayFromHeap(out));
    return out;
  });
  useOnWasm(tf.MaxPoolGrad, ({ inputs, attrs, backend }) => {
    const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
    const heap = backend as unknown as WasmHeap;
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    const simd = simdKernelsFor(backend);
    if (simd) return simdMaxPoolGrad(simd, heap, input, dy, info);
    const dx = heap.makeOutput(input.shape, 'float32');
    heap.typedArrayFromHeap(dx).set(maxPoolGrad(heap.typedArrayFromHeap(input), heap.typedArrayFromHeap(dy), info));
    return dx;
  });
  useOnWasm(tf.ResizeNearestNeighborGrad, ({ inputs, attrs, backend }) => {
    const { images, dy } = inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
    const { alignCorners } = attrs as unknown as tf.ResizeNearestNeighborGradAttrs;
    const heap = backend as unknown as WasmHeap;
    const dx = heap.makeOutput(images.shape, 'float32');
    heap.typedArrayFromHeap(dx).set(resizeNearestNeighborGrad(heap.typedArrayFromHeap(dy), dy.shape, images.shape, alignCorners));
    return dx;
  });
  useOnWasm(tf.Conv3DBackpropInputV2, ({ inputs, attrs, backend }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, inputShape } = attrs as unknown as tf.Conv3DBackpropInputV2Attrs;
    const heap = backend as unknown as WasmHeap;
    const info = tf.backend_util.computeConv3DInfo(
      inputShape as [number, number, number, number, number],
      filter.shape as [number, number, number, number, number],
      strides,
      1,
      pad,
    );
    const simd = simdKernelsFor(backend);
    if (simd) return simdConv3DBackpropInput(simd, heap, dy, filter, info);
    const dx = heap.makeOutput(info.inShape, 'float32');
    heap.typedArrayFromHeap(dx).set(conv3DBackpropInput(heap.typedArrayFromHeap(dy), heap.typedArrayFromHeap(filter), info));
    return dx;
  });
  useOnWasm(tf.Conv3DBackpropFilterV2, ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const { strides, pad, filterShape } = attrs as unknown as tf.Conv3DBackpropFilterV2Attrs;
    const heap = backend as unknown as WasmHeap;
    const info = tf.backend_util.computeConv3DInfo(
      x.shape as [number, number, number, number, number],
      filterShape as [number, number, number, number, number],
      strides,
      1,
      pad,
    );
    const simd = simdKernelsFor(backend);
    if (simd) return simdConvBackpropFilter(simd, heap, x, dy, info);
    const dw = heap.makeOutput(filterShape, 'float32');
    heap.typedArrayFromHeap(dw).set(conv3DBackpropFilter(heap.typedArrayFromHeap(x), heap.typedArrayFromHeap(dy), info));
    return dw;
  });
  useOnWasm(tf.DepthwiseConv2dNativeBackpropFilter, ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const { strides, pad, dimRoundingMode, filterShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
    const heap = backend as unknown as WasmHeap;
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, true);
    const dw = heap.makeOutput(filterShape, 'float32');
    heap.typedArrayFromHeap(dw).set(depthwiseConv2DBackprop('filter', heap.typedArrayFromHeap(x), null, heap.typedArrayFromHeap(dy), info));
    return dw;
  });
  useOnWasm(tf.DepthwiseConv2dNativeBackpropInput, ({ inputs, attrs, backend }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dimRoundingMode, inputShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
    const heap = backend as unknown as WasmHeap;
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, true);
    const dx = heap.makeOutput(inputShape, 'float32');
    heap.typedArrayFromHeap(dx).set(depthwiseConv2DBackprop('input', null, heap.typedArrayFromHeap(filter), heap.typedArrayFromHeap(dy), info));
    return dx;
  });
}

import * as tf from '@tensorflow/tfjs';

import { GRADIENT_KERNELS_WASM } from '../../kernels/gen/gradient-kernels.wasm.js';

/**
 * A 3-D convolution's shape as the C kernels take it: batch, input depth,
 * height, width, channels, output depth, height, width, channels, strides,
 * filter size (each depth, height, width), padding before (front, top, left).
 */
type Geometry3D = number[];

/** A 3-D convolution's geometry from tfjs's. */
function geometry3D(info: tf.backend_util.Conv3DInfo): Geometry3D {
  const { front, top, left } = info.padInfo;
  return [
    ...[info.batchSize, info.inDepth, info.inHeight, info.inWidth, info.inChannels],
    ...[info.outDepth, info.outHeight, info.outWidth, info.outChannels],
    ...[info.strideDepth, info.strideHeight, info.strideWidth, info.filterDepth, info.filterHeight, info.filterWidth, front, top, left],
  ];
}

/** A 2-D convolution's geometry as a volume one voxel deep. */
function geometry2D(info: tf.backend_util.Conv2DInfo): Geometry3D {
  const { top, left } = info.padInfo;
  return [
    ...[info.batchSize, 1, info.inHeight, info.inWidth, info.inChannels, 1, info.outHeight, info.outWidth, info.outChannels],
    ...[1, info.strideHeight, info.strideWidth, 1, info.filterHeight, info.filterWidth, 0, top, left],
  ];
}

/** The functions kernels/gradient-kernels.c exports; every pointer is a byte address in tfjs-backend-wasm's memory. */
export interface SimdKernels {
  max_pool_grad(
    x: number,
    dy: number,
    dx: number,
    batch: number,
    inH: number,
    inW: number,
    channels: number,
    outH: number,
    outW: number,
    strideH: number,
    strideW: number,
    filterH: number,
    filterW: number,
    padTop: number,
    padLeft: number,
  ): void;
  conv3d_filter_grad(x: number, dy: number, dw: number, ...geometry: Geometry3D): void;
  conv3d(x: number, filter: number, out: number, ...geometry: Geometry3D): void;
  conv3d_input_grad(dy: number, filter: number, dx: number, turned: number, ...geometry: Geometry3D): void;
  sum_rows(x: number, out: number, rows: number, columns: number): void;
  channel_op(x: number, v: number, out: number, rows: number, channels: number, op: number): void;
  batch_norm(
    x: number,
    mean: number,
    variance: number,
    offset: number,
    scale: number,
    epsilon: number,
    out: number,
    rows: number,
    channels: number,
    roots: number,
  ): void;
  copy_rows(src: number, srcStride: number, dst: number, dstStride: number, rows: number, width: number): void;
  batch_norm_grad(
    x: number,
    dy: number,
    mean: number,
    variance: number,
    scale: number,
    epsilon: number,
    rows: number,
    channels: number,
    dx: number,
    dMean: number,
    dVariance: number,
    dScale: number,
    dOffset: number,
    sums: number,
  ): void;
}

/** The part of the WebAssembly JavaScript API used here (the project compiles without the DOM's type library, which declares it). */
declare const WebAssembly: {
  Memory: abstract new (...args: never[]) => object;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
};

/** What of tfjs-backend-wasm's backend object the kernels reach: its Emscripten module's exports, memory among them. */
interface WasmBackendModule {
  wasm?: { asm?: { memory?: unknown } };
}

/** The methods of tfjs-backend-wasm's backend that a kernel written outside it needs. */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: tf.DataId): boolean;
}

/** A tensor's byte address in the backend's memory (read after every allocation: memory may grow and move views). */
export const addressOf = (heap: WasmHeap, info: tf.TensorInfo): number => heap.typedArrayFromHeap(info).byteOffset;

let compiled: object | null = null;
const instances = new WeakMap<object, SimdKernels | null>();

/**
 * The SIMD kernels bound to a wasm backend's memory (one instance per
 * memory: each worker thread has a backend of its own), or null where they
 * cannot bind, e.g. a threaded tfjs build whose memory is shared; callers
 * then fall back to the JavaScript kernels.
 */
export function simdKernelsFor(backend: unknown): SimdKernels | null {
  const memory = (backend as WasmBackendModule).wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  if (instances.has(memory)) return instances.get(memory)!;
  let kernels: SimdKernels | null;
  try {
    // Synchronous compile and instantiation: a kernel function cannot await, and the module is a few kilobytes.
    compiled ??= new WebAssembly.Module(Buffer.from(GRADIENT_KERNELS_WASM, 'base64'));
    kernels = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as SimdKernels;
  } catch {
    kernels = null;
  }
  instances.set(memory, kernels);
  return kernels;
}

/**
 * The filter gradient of a 2-D or 3-D convolution (Conv2DBackpropFilter,
 * Conv3DBackpropFilterV2; no dilation: tfjs refuses gradients of dilated
 * convolutions) in SIMD, reading x and dy in place.
 */
export function simdConvBackpropFilter(
  simd: SimdKernels,
  heap: WasmHeap,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo | tf.backend_util.Conv3DInfo,
): tf.TensorInfo {
  const dw = heap.makeOutput(info.filterShape, 'float32');
  const geometry = 'inDepth' in info ? geometry3D(info) : geometry2D(info);
  simd.conv3d_filter_grad(addressOf(heap, x), addressOf(heap, dy), addressOf(heap, dw), ...geometry);
  return dw;
}

/** Conv3D (no dilation, channels last) in SIMD. */
export function simdConv3D(simd: SimdKernels, heap: WasmHeap, x: tf.TensorInfo, filter: tf.TensorInfo, info: tf.backend_util.Conv3DInfo): tf.TensorInfo {
  const out = heap.makeOutput(info.outShape, 'float32');
  simd.conv3d(addressOf(heap, x), addressOf(heap, filter), addressOf(heap, out), ...geometry3D(info));
  return out;
}

/** Conv3DBackpropInputV2 (no dilation) in SIMD. */
export function simdConv3DBackpropInput(
  simd: SimdKernels,
  heap: WasmHeap,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  info: tf.backend_util.Conv3DInfo,
): tf.TensorInfo {
  const dx = heap.makeOutput(info.inShape, 'float32');
  const turned = heap.makeOutput(filter.shape, 'float32');
  simd.conv3d_input_grad(addressOf(heap, dy), addressOf(heap, filter), addressOf(heap, dx), addressOf(heap, turned), ...geometry3D(info));
  heap.disposeData(turned.dataId);
  return dx;
}

/** MaxPoolGrad in SIMD, with the cpu backend's rule (first maximum of each window, padding never wins). */
export function simdMaxPoolGrad(simd: SimdKernels, heap: WasmHeap, input: tf.TensorInfo, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const dx = heap.makeOutput(input.shape, 'float32');
  simd.max_pool_grad(
    addressOf(heap, input),
    addressOf(heap, dy),
    addressOf(heap, dx),
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.strideHeight,
    info.strideWidth,
    info.filterHeight,
    info.filterWidth,
    info.padInfo.top,
    info.padInfo.left,
  );
  return dx;
}

/**
 * How many leading axes a reduction covers when it covers exactly axes 0..k−1
 * of a float32 tensor and leaves at least one axis (batch normalization's
 * [batch, height, width] of NHWC); 0 when it is any other reduction.
 */
export function leadingReduction(x: tf.TensorInfo, axis: number | number[]): number {
  if (x.dtype !== 'float32') return 0;
  const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
  const leading = axes.every((a, i) => a === i) ? axes.length : 0;
  return leading < x.shape.length ? leading : 0;
}

/**
 * Sum (or, divided by the count, Mean) over the first `leading` axes in
 * SIMD, without the transpose tfjs's wasm kernels make first.
 */
export function simdLeadingReduction(simd: SimdKernels, heap: WasmHeap, x: tf.TensorInfo, leading: number, keepDims: boolean, mean: boolean): tf.TensorInfo {
  const rows = x.shape.slice(0, leading).reduce((a, b) => a * b, 1);
  const kept = x.shape.slice(leading);
  const out = heap.makeOutput([...(keepDims ? x.shape.slice(0, leading).map(() => 1) : []), ...kept], 'float32');
  const columns = kept.reduce((a, b) => a * b, 1);
  if (rows > 0 && columns > 0) simd.sum_rows(addressOf(heap, x), addressOf(heap, out), rows, columns);
  if (mean) {
    const values = heap.typedArrayFromHeap(out);
    for (let i = 0; i < values.length; i++) values[i] = values[i]! / rows;
  }
  return out;
}

/** Whether `small` is a vector over the last axis of `big` (shape [C] or [1, …, 1, C]), so `big ∘ small` has big's shape. */
function isChannelVector(small: tf.TensorInfo, big: tf.TensorInfo): boolean {
  return (
    small.shape.length >= 1 &&
    small.shape.length <= big.shape.length &&
    small.shape.at(-1) === big.shape.at(-1) &&
    small.shape.slice(0, -1).every((d) => d === 1)
  );
}

export type ChannelOp = 'add' | 'sub' | 'mul';

/**
 * `a ∘ b` in SIMD when both are float32 and one is a per-channel vector of
 * the other (bias, scale, mean: the broadcasts batch normalization and its
 * gradient make); null for any other pair, which the shipped kernel takes.
 */
export function simdChannelOp(simd: SimdKernels, heap: WasmHeap, a: tf.TensorInfo, b: tf.TensorInfo, op: ChannelOp): tf.TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const vectorFirst = isChannelVector(a, b);
  if (!vectorFirst && !isChannelVector(b, a)) return null;
  const [big, small] = vectorFirst ? [b, a] : [a, b];
  const channels = big.shape.at(-1)!;
  const code = op === 'add' ? 0 : op === 'mul' ? 3 : vectorFirst ? 2 : 1;
  const out = heap.makeOutput(big.shape, 'float32');
  const rows = big.shape.slice(0, -1).reduce((x, y) => x * y, 1);
  if (rows > 0 && channels > 0) simd.channel_op(addressOf(heap, big), addressOf(heap, small), addressOf(heap, out), rows, channels, code);
  return out;
}

/** FusedBatchNorm in SIMD when every statistic is a vector over x's last axis; null otherwise (the shipped kernel takes it). */
export function simdBatchNorm(
  simd: SimdKernels,
  heap: WasmHeap,
  inputs: { x: tf.TensorInfo; mean: tf.TensorInfo; variance: tf.TensorInfo; offset?: tf.TensorInfo; scale?: tf.TensorInfo },
  epsilon: number,
): tf.TensorInfo | null {
  const { x, mean, variance, offset, scale } = inputs;
  const channels = x.shape.at(-1);
  const statistics = [mean, variance, offset, scale].filter((t): t is tf.TensorInfo => t != null);
  if (!channels || x.dtype !== 'float32' || statistics.some((t) => t.dtype !== 'float32' || tf.util.sizeFromShape(t.shape) !== channels)) return null;
  const out = heap.makeOutput(x.shape, 'float32');
  const roots = heap.makeOutput([channels], 'float32');
  const rows = tf.util.sizeFromShape(x.shape) / channels;
  simd.batch_norm(
    addressOf(heap, x),
    addressOf(heap, mean),
    addressOf(heap, variance),
    offset ? addressOf(heap, offset) : 0,
    scale ? addressOf(heap, scale) : 0,
    epsilon,
    addressOf(heap, out),
    rows,
    channels,
    addressOf(heap, roots),
  );
  heap.disposeData(roots.dataId);
  return out;
}

/** Whether values of this dtype are 4 bytes in the backend's memory (bool is 1, complex64 8, string not in memory). */
const fourBytes = (dtype: tf.DataType): boolean => dtype === 'float32' || dtype === 'int32';

/**
 * Slice of a float32 or int32 tensor when it is one contiguous run, or
 * when it cuts only the last axis (a channel range of every pixel: the
 * gradient of a channel concatenation); null otherwise.
 */
export function simdSlice(simd: SimdKernels, heap: WasmHeap, x: tf.TensorInfo, begin: number | number[], size?: number | number[]): tf.TensorInfo | null {
  if (!fourBytes(x.dtype) || x.shape.length === 0) return null;
  const [from, extent] = tf.slice_util.parseSliceParams(x as tf.TensorInfo as tf.Tensor, begin, size) as [number[], number[]];
  const last = x.shape.length - 1;
  const contiguous = tf.slice_util.isSliceContinous(x.shape, from, extent);
  if (!contiguous && !x.shape.slice(0, last).every((d, i) => from[i] === 0 && extent[i] === d)) return null;
  const out = heap.makeOutput(extent, x.dtype);
  const count = tf.util.sizeFromShape(extent);
  if (count === 0) return out;
  if (contiguous) {
    const offset = tf.slice_util.computeFlatOffset(from, tf.util.computeStrides(x.shape));
    simd.copy_rows(addressOf(heap, x) + 4 * offset, count, addressOf(heap, out), count, 1, count);
  } else {
    const rows = tf.util.sizeFromShape(x.shape.slice(0, last));
    simd.copy_rows(addressOf(heap, x) + 4 * from[last]!, x.shape[last]!, addressOf(heap, out), extent[last]!, rows, extent[last]!);
  }
  return out;
}

/** Concat of float32 or int32 tensors along their last axis, each input's rows copied into place; null otherwise. */
export function simdConcatLastAxis(simd: SimdKernels, heap: WasmHeap, inputs: tf.TensorInfo[], axis: number): tf.TensorInfo | null {
  const first = inputs[0]!;
  const last = first.shape.length - 1;
  if (inputs.length < 2 || axis !== last || last < 1 || inputs.some((t) => !fourBytes(t.dtype) || tf.util.sizeFromShape(t.shape) === 0)) return null;
  const widths = inputs.map((t) => t.shape[last]!);
  const total = widths.reduce((a, b) => a + b, 0);
  const out = heap.makeOutput([...first.shape.slice(0, last), total], first.dtype);
  const rows = tf.util.sizeFromShape(first.shape.slice(0, last));
  let column = 0;
  for (const [i, input] of inputs.entries()) {
    simd.copy_rows(addressOf(heap, input), widths[i]!, addressOf(heap, out) + 4 * column, total, rows, widths[i]!);
    column += widths[i]!;
  }
  return out;
}

/**
 * Tile of a vector over the last axis ([1, …, 1, C] repeated over the
 * leading axes: the Sum and Mean gradients' spread of dy over an image) as
 * one strided copy that reads the same row every time; false for any other
 * tile, which the caller does.
 */
export function simdTileVector(simd: SimdKernels, heap: WasmHeap, x: tf.TensorInfo, reps: readonly number[], out: tf.TensorInfo): boolean {
  const last = x.shape.length - 1;
  if (!fourBytes(x.dtype) || last < 1 || reps[last] !== 1 || x.shape.slice(0, last).some((d) => d !== 1)) return false;
  const rows = tf.util.sizeFromShape(out.shape.slice(0, last));
  if (rows > 0 && x.shape[last]! > 0) simd.copy_rows(addressOf(heap, x), 0, addressOf(heap, out), x.shape[last]!, rows, x.shape[last]!);
  return true;
}

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { selectBackend } from '../../site-agent/training/backend.js';
import { simdKernelsFor } from '../../site-agent/training/simd-kernels.js';

/** Runs fn on a backend and returns plain arrays, so results from two backends can be compared. */
async function on(backend: string, fn: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const result = fn();
  const data = (await result.data()) as Float32Array;
  result.dispose();
  return data;
}

function maxRelativeError(actual: Float32Array, expected: Float32Array): number {
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return actual.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i]!)), 0) / scale;
}

describe('wasm gradient kernels', () => {
  beforeAll(async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases = [
    { pad: 'same', stride: 1, inC: 1, outC: 8, k: 3 },
    { pad: 'valid', stride: 1, inC: 4, outC: 5, k: 3 },
    { pad: 'same', stride: 2, inC: 3, outC: 6, k: 3 },
    { pad: 'valid', stride: 2, inC: 8, outC: 4, k: 5 },
    { pad: 'same', stride: 2, inC: 2, outC: 3, k: 4 },
    // Every block shape of the SIMD kernel at once: 4 + 1 input channels, 8 + 4 + 1 output channels.
    { pad: 'same', stride: 1, inC: 5, outC: 13, k: 3 },
  ] as const;

  it('binds the SIMD kernels to the wasm backend, so the cases below test them and not the JavaScript fallbacks', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(simdKernelsFor(tf.backend())).not.toBeNull();
  });

  it('ResizeNearestNeighborGrad sends each output back to its source pixel, for every batch element, on cpu and wasm alike', async () => {
    // Upsampling by whole factors picks source rows and columns; gather's gradient sums the picks back, so it is the reference.
    // tfjs 4.22's own cpu kernel reads dy at the images' batch stride: right for the first element, wrong after it.
    const xValues = tf.randomNormal([3, 4, 5, 2], 0, 1, 'float32', 8).dataSync() as Float32Array;
    const wValues = tf.randomNormal([3, 8, 15, 2], 0, 1, 'float32', 9).dataSync() as Float32Array;
    const w = () => tf.tensor(wValues, [3, 8, 15, 2]);
    const rows = Array.from({ length: 8 }, (_, i) => Math.floor(i / 2));
    const cols = Array.from({ length: 15 }, (_, i) => Math.floor(i / 3));
    const tiled = () =>
      tf.grad((t: tf.Tensor) =>
        tf
          .gather(tf.gather(t, tf.tensor1d(rows, 'int32'), 1), tf.tensor1d(cols, 'int32'), 2)
          .mul(w())
          .sum(),
      )(tf.tensor(xValues, [3, 4, 5, 2]));
    const resized = () =>
      tf.grad((t: tf.Tensor) =>
        tf.image
          .resizeNearestNeighbor(t as tf.Tensor4D, [8, 15])
          .mul(w())
          .sum(),
      )(tf.tensor(xValues, [3, 4, 5, 2]));
    const reference = await on('cpu', tiled);
    for (const backend of ['cpu', 'wasm']) expect(maxRelativeError(await on(backend, resized), reference), backend).toBeLessThan(1e-6);
  });

  it.each(cases)('Conv2DBackpropFilter matches cpu: pad $pad, stride $stride, $inC→$outC channels, kernel $k', async ({ pad, stride, inC, outC, k }) => {
    const xValues = tf.randomNormal([2, 11, 11, inC], 0, 1, 'float32', 1).dataSync() as Float32Array;
    const filterShape: [number, number, number, number] = [k, k, inC, outC];
    const outShape = tf.conv2d(tf.zeros([2, 11, 11, inC]) as tf.Tensor4D, tf.zeros(filterShape) as tf.Tensor4D, stride, pad).shape;
    const dyValues = tf.randomNormal(outShape, 0, 1, 'float32', 2).dataSync() as Float32Array;
    const grad = () =>
      tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: tf.tensor(xValues, [2, 11, 11, inC]), dy: tf.tensor(dyValues, outShape) }, {
        strides: [stride, stride],
        pad,
        dataFormat: 'NHWC',
        filterShape,
      } as never) as tf.Tensor;
    const wasm = await on('wasm', grad);
    const cpu = await on('cpu', grad);
    expect(wasm.length).toBe(k * k * inC * outC);
    expect(maxRelativeError(wasm, cpu)).toBeLessThan(1e-4);
  });

  it.each(cases)('Conv2DBackpropInput matches cpu: pad $pad, stride $stride, $inC→$outC channels, kernel $k', async ({ pad, stride, inC, outC, k }) => {
    for (const size of [11, 12]) {
      const inputShape: [number, number, number, number] = [2, size, size, inC];
      const filterValues = tf.randomNormal([k, k, inC, outC], 0, 1, 'float32', 5).dataSync() as Float32Array;
      const outShape = tf.conv2d(tf.zeros(inputShape) as tf.Tensor4D, tf.zeros([k, k, inC, outC]) as tf.Tensor4D, stride, pad).shape;
      const dyValues = tf.randomNormal(outShape, 0, 1, 'float32', 6).dataSync() as Float32Array;
      const grad = () =>
        tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: tf.tensor(dyValues, outShape), filter: tf.tensor(filterValues, [k, k, inC, outC]) }, {
          strides: [stride, stride],
          pad,
          dataFormat: 'NHWC',
          dimRoundingMode: undefined,
          inputShape,
        } as never) as tf.Tensor;
      const wasm = await on('wasm', grad);
      const cpu = await on('cpu', grad);
      expect(wasm.length).toBe(2 * size * size * inC);
      expect(maxRelativeError(wasm, cpu)).toBeLessThan(1e-4);
    }
  });

  it.each([
    { shape: [3], reps: [4], dtype: 'float32' },
    { shape: [1, 1, 1, 5], reps: [4, 6, 7, 1], dtype: 'float32' },
    { shape: [2, 3], reps: [3, 2], dtype: 'int32' },
    { shape: [2, 1, 3], reps: [1, 4, 2], dtype: 'float32' },
    { shape: [2, 2, 2, 2], reps: [2, 1, 3, 1], dtype: 'int32' },
    // Reps that are no power of two: the doubling copies end with a partial one.
    { shape: [1, 3], reps: [37, 5], dtype: 'float32' },
    // A vector over the last axis spread over an image: one strided copy.
    { shape: [1, 1, 1, 6], reps: [2, 3, 5, 1], dtype: 'float32' },
    { shape: [1, 1, 4], reps: [3, 7, 1], dtype: 'int32' },
  ] as const)('Tile matches cpu: $shape × $reps ($dtype)', async ({ shape, reps, dtype }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tile = () =>
      tf.tile(
        tf.tensor(
          Array.from({ length: size }, (_, i) => i + 1),
          [...shape],
          dtype,
        ),
        [...reps],
      );
    expect(Array.from(await on('wasm', tile))).toEqual(Array.from(await on('cpu', tile)));
  });

  const poolCases = [
    { pad: 'valid', stride: 2, channels: 1, size: 2 },
    { pad: 'same', stride: 1, channels: 3, size: 3 },
    { pad: 'same', stride: 2, channels: 8, size: 3 },
    { pad: 'valid', stride: 1, channels: 5, size: 2 },
    { pad: 'same', stride: 2, channels: 2, size: 2 },
  ] as const;

  it.each(poolCases)('MaxPoolGrad matches cpu: pad $pad, stride $stride, $channels channels, window $size', async ({ pad, stride, channels, size }) => {
    // Inputs centred below zero: the shipped wasm kernel misroutes windows whose maximum is negative.
    const xValues = tf.randomNormal([2, 11, 11, channels], -0.5, 1, 'float32', 3).dataSync() as Float32Array;
    const outShape = tf.maxPool(tf.zeros([2, 11, 11, channels]) as tf.Tensor4D, size, stride, pad).shape;
    const dyValues = tf.randomNormal(outShape, 0, 1, 'float32', 4).dataSync() as Float32Array;
    const grad = () =>
      tf.engine().runKernel(
        tf.MaxPoolGrad,
        {
          dy: tf.tensor(dyValues, outShape),
          input: tf.tensor(xValues, [2, 11, 11, channels]),
          output: tf.maxPool(tf.tensor(xValues, [2, 11, 11, channels]) as tf.Tensor4D, size, stride, pad),
        },
        {
          filterSize: size,
          strides: stride,
          pad,
        } as never,
      ) as tf.Tensor;
    const wasm = await on('wasm', grad);
    const cpu = await on('cpu', grad);
    expect(wasm.length).toBe(2 * 11 * 11 * channels);
    expect(maxRelativeError(wasm, cpu)).toBeLessThan(1e-4);
  });

  it('MaxPoolGrad sends each window gradient to its first maximum, negative or not', async () => {
    const x = [-1.6, -1.49, -0.76, 0.03, -0.55, -0.5, -0.92, 0.32, 1.42, 1.83, -0.48, -0.27, 0.01, 0.54, -1.29, -1.02];
    const grad = () =>
      tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid'), tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]))))(
        tf.tensor4d(x, [1, 4, 4, 1]),
      );
    expect(Array.from(await on('wasm', grad))).toEqual([0, 0, 0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 0, 0, 0]);
  });

  it.each([
    { shape: [3, 5, 7, 6], axis: [0, 1, 2], keepDims: false },
    { shape: [3, 5, 7, 6], axis: [2, 0, 1], keepDims: true },
    { shape: [40, 9], axis: 0, keepDims: false },
    // Not leading axes: the shipped kernel's path, which must still hold.
    { shape: [3, 4, 5], axis: [1, 2], keepDims: false },
  ])('Sum and Mean over $axis of $shape match cpu', async ({ shape, axis, keepDims }) => {
    const values = tf.randomNormal(shape, 0, 1, 'float32', 12).dataSync() as Float32Array;
    const axes = [axis].flat();
    for (const reduce of [tf.sum, tf.mean]) {
      const reduced = () => reduce(tf.tensor(values, shape), axis, keepDims);
      // cpu sums in double precision, so it is the reference up to float32 rounding.
      expect(maxRelativeError(await on('wasm', reduced), await on('cpu', reduced))).toBeLessThan(1e-6);
      await tf.setBackend('wasm');
      expect(reduced().shape).toEqual(keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i)));
    }
  });

  it('Sum over leading axes adds in the order the shipped kernel adds after its transpose: the same float32 result, bit for bit', async () => {
    const values = tf.randomNormal([6, 50, 5], 0, 1, 'float32', 20).dataSync() as Float32Array;
    const leading = await on('wasm', () => tf.sum(tf.tensor(values, [6, 50, 5]), [0, 1]));
    // Reduced axes innermost: the shipped kernel's own path, no transpose.
    const innermost = await on('wasm', () => tf.sum(tf.transpose(tf.tensor(values, [6, 50, 5]), [2, 0, 1]), [1, 2]));
    expect(Array.from(leading)).toEqual(Array.from(innermost));
  });

  it.each([
    { big: [2, 3, 4, 6], small: [6] },
    { big: [2, 3, 4, 6], small: [1, 1, 1, 6] },
    { big: [5, 8], small: [1, 8] },
    { big: [7, 3], small: [3] },
  ])('Add, Sub and Multiply of $big with a per-channel $small equal cpu bit for bit, in either order', async ({ big, small }) => {
    const a = tf.randomNormal(big, 0, 1, 'float32', 13).dataSync() as Float32Array;
    const b = tf.randomNormal(small, 0, 1, 'float32', 14).dataSync() as Float32Array;
    for (const op of [tf.add, tf.sub, tf.mul]) {
      for (const swap of [false, true]) {
        const run = () => (swap ? op(tf.tensor(b, small), tf.tensor(a, big)) : op(tf.tensor(a, big), tf.tensor(b, small)));
        expect(Array.from(await on('wasm', run)), `${op.name} swapped ${swap}`).toEqual(Array.from(await on('cpu', run)));
      }
    }
  });

  it.each([true, false])('FusedBatchNorm matches cpu, with offset and scale: %s', async (withAffine) => {
    const x = tf.randomNormal([2, 3, 4, 6], 1, 2, 'float32', 15).dataSync() as Float32Array;
    const stats = [16, 17, 18, 19].map((seed) => tf.randomUniform([6], 0.5, 1.5, 'float32', seed).dataSync() as Float32Array);
    const run = () =>
      tf.batchNorm(
        tf.tensor(x, [2, 3, 4, 6]),
        tf.tensor1d(stats[0]!),
        tf.tensor1d(stats[1]!),
        withAffine ? tf.tensor1d(stats[2]!) : undefined,
        withAffine ? tf.tensor1d(stats[3]!) : undefined,
        1e-3,
      );
    expect(maxRelativeError(await on('wasm', run), await on('cpu', run))).toBeLessThan(1e-6);
  });

  it.each([
    { name: 'Identity', copy: (t: tf.Tensor) => tf.clone(t) },
    { name: 'Cast to the same dtype', copy: (t: tf.Tensor) => tf.cast(t, 'float32') },
  ])('$name shares its input: each of the two tensors outlives the other, and both free their memory', async ({ copy }) => {
    await tf.setBackend('wasm');
    const before = tf.memory().numDataBuffers;
    const original = tf.tensor1d([1.5, 2, 3]);
    const shared = copy(original);
    expect(tf.memory().numDataBuffers).toBe(before + 1);
    original.dispose();
    expect(Array.from(shared.dataSync())).toEqual([1.5, 2, 3]);
    shared.dispose();
    expect(tf.memory().numDataBuffers).toBe(before);
  });

  it('Cast to another dtype still converts, into a tensor of its own', async () => {
    await tf.setBackend('wasm');
    const original = tf.tensor1d([1.5, -2.5, 3]);
    const before = tf.memory().numDataBuffers;
    const cast = tf.cast(original, 'int32');
    expect(tf.memory().numDataBuffers).toBe(before + 1);
    expect(Array.from(cast.dataSync())).toEqual([1, -2, 3]);
    tf.dispose([original, cast]);
  });

  const volumeCases = [
    { pad: 'same', stride: 1, inC: 1, outC: 8, k: 3 },
    { pad: 'valid', stride: 2, inC: 5, outC: 3, k: 3 },
    { pad: 'same', stride: 2, inC: 4, outC: 19, k: 2 },
    { pad: 'valid', stride: 1, inC: 6, outC: 17, k: 1 },
  ] as const;

  it.each(volumeCases)(
    'Conv3D and both its gradients match cpu: pad $pad, stride $stride, $inC→$outC channels, kernel $k',
    async ({ pad, stride, inC, outC, k }) => {
      const inShape: [number, number, number, number, number] = [2, 7, 6, 5, inC];
      const filterShape: [number, number, number, number, number] = [k, k, k, inC, outC];
      const xValues = tf.randomNormal(inShape, 0, 1, 'float32', 21).dataSync() as Float32Array;
      const filterValues = tf.randomNormal(filterShape, 0, 1, 'float32', 22).dataSync() as Float32Array;
      const outShape = tf.conv3d(tf.zeros(inShape) as tf.Tensor5D, tf.zeros(filterShape) as tf.Tensor5D, stride, pad).shape;
      const dyValues = tf.randomNormal(outShape, 0, 1, 'float32', 23).dataSync() as Float32Array;
      const x = () => tf.tensor5d(xValues, inShape);
      const filter = () => tf.tensor5d(filterValues, filterShape);
      const dy = () => tf.tensor5d(dyValues, outShape as [number, number, number, number, number]);
      const kernels = {
        forward: () => tf.conv3d(x(), filter(), stride, pad),
        filter: () => tf.engine().runKernel(tf.Conv3DBackpropFilterV2, { x: x(), dy: dy() }, { strides: stride, pad, filterShape } as never) as tf.Tensor,
        input: () =>
          tf.engine().runKernel(tf.Conv3DBackpropInputV2, { dy: dy(), filter: filter() }, { strides: stride, pad, inputShape: inShape } as never) as tf.Tensor,
      };
      for (const [name, run] of Object.entries(kernels)) expect(maxRelativeError(await on('wasm', run), await on('cpu', run)), name).toBeLessThan(1e-5);
    },
  );

  it.each([
    { name: 'a channel range of every pixel', begin: [0, 0, 0, 2], size: [-1, -1, -1, 3] },
    { name: 'whole images (one contiguous run)', begin: [1, 0, 0, 0], size: [2, -1, -1, -1] },
    { name: 'rows of one image (contiguous)', begin: [2, 1, 0, 0], size: [1, 2, -1, -1] },
    { name: 'a window (the shipped kernel)', begin: [0, 1, 1, 1], size: [2, 2, 2, 2] },
  ])('Slice of $name matches cpu bit for bit, float32 and int32', async ({ begin, size }) => {
    const values = Array.from({ length: 3 * 4 * 5 * 6 }, (_, i) => i - 100.5);
    for (const dtype of ['float32', 'int32'] as const) {
      const run = () => tf.slice(tf.tensor(values, [3, 4, 5, 6], dtype), begin, size);
      const [wasm, cpu] = [await on('wasm', run), await on('cpu', run)];
      expect(Array.from(wasm), dtype).toEqual(Array.from(cpu));
    }
  });

  it.each([
    {
      axis: -1,
      shapes: [
        [2, 3, 4, 5],
        [2, 3, 4, 1],
        [2, 3, 4, 7],
      ],
    },
    {
      axis: 1,
      shapes: [
        [6, 2],
        [6, 5],
      ],
    },
    // Not the last axis: the shipped kernel.
    {
      axis: 1,
      shapes: [
        [2, 3, 4],
        [2, 1, 4],
      ],
    },
  ])('Concat along axis $axis matches cpu bit for bit, float32 and int32', async ({ axis, shapes }) => {
    for (const dtype of ['float32', 'int32'] as const) {
      const run = () =>
        tf.concat(
          shapes.map((shape, k) =>
            tf.tensor(
              Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => 1000 * k + i + 0.25),
              shape,
              dtype,
            ),
          ),
          axis,
        );
      expect(Array.from(await on('wasm', run)), dtype).toEqual(Array.from(await on('cpu', run)));
    }
  });

  // With scale and offset, as BatchNormalization layers have them (tfjs 4.22 cannot record batchNorm without them for a
  // gradient, on any backend: it saves or reads the missing tensors for the backward pass and fails).
  it('the fused FusedBatchNorm gradient matches cpu for every input', async () => {
    const shape = [3, 5, 4, 6];
    const x = tf.randomNormal(shape, 0.5, 2, 'float32', 41).dataSync() as Float32Array;
    const weights = tf.randomNormal(shape, 0, 1, 'float32', 42).dataSync() as Float32Array;
    const [mean, variance, scale, offset] = [43, 44, 45, 46].map((seed) => tf.randomUniform([6], 0.5, 1.5, 'float32', seed).dataSync() as Float32Array);
    const gradients = async (backend: string): Promise<{ values: Float32Array[]; kernels: string[] }> => {
      await tf.setBackend(backend);
      const inputs = [tf.tensor(x, shape), tf.tensor1d(mean!), tf.tensor1d(variance!), tf.tensor1d(scale!), tf.tensor1d(offset!)];
      const loss = (t: tf.Tensor, m: tf.Tensor, v: tf.Tensor, s: tf.Tensor, o: tf.Tensor) =>
        tf.sum(tf.mul(tf.batchNorm(t, m, v, o, s, 1e-3), tf.tensor(weights, shape)));
      let values: tf.Tensor[] = [];
      const { kernels } = await tf.profile(() => {
        values = tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor)(inputs);
      });
      return { values: values.map((t) => t.dataSync() as Float32Array), kernels: kernels.map((k) => k.name) };
    };
    const wasm = await gradients('wasm');
    const cpu = await gradients('cpu');
    expect(wasm.kernels).toContain('ConsiliumBatchNormGrad');
    expect(wasm.values.length).toBe(5);
    for (const [i, name] of ['x', 'mean', 'variance', 'scale', 'offset'].entries())
      expect(maxRelativeError(wasm.values[i]!, cpu.values[i]!), name).toBeLessThan(1e-5);
  });
});

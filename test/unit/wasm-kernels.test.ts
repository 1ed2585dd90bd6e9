import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../site-agent/training/backend.js';

/** Runs fn on a backend and returns plain arrays, so results from two backends can be compared. */
async function on<T>(backend: string, fn: () => tf.Tensor): Promise<Float32Array> {
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
  ] as const;

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
});

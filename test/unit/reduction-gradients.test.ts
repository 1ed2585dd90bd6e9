import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { selectBackend } from '../../site-agent/training/backend.js';

describe('Sum and Mean gradients', () => {
  beforeAll(async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    { shape: [3, 4, 5, 6], axis: [0, 1, 2], keepDims: false },
    { shape: [3, 4, 5, 6], axis: [1, 3], keepDims: true },
    { shape: [7, 2], axis: 1, keepDims: false },
    { shape: [7, 2], axis: [0, 1], keepDims: false },
  ])('are tfjs 4.22 own (dy × ones, divided by the count for Mean) bit for bit over $axis of $shape, on cpu and wasm', async ({ shape, axis, keepDims }) => {
    const values = tf.randomNormal(shape, 0, 1, 'float32', 31).dataSync() as Float32Array;
    const axes = [axis].flat();
    const outShape = keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
    const dyValues = tf.randomNormal(outShape, 0, 1, 'float32', 32).dataSync() as Float32Array;
    const count = axes.reduce((n, a) => n * shape[a]!, 1);
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const x = tf.tensor(values, shape);
      const dy = tf.tensor(dyValues, outShape);
      const spread = tf.mul(
        tf.reshape(
          dy,
          shape.map((d, i) => (axes.includes(i) ? 1 : d)),
        ),
        tf.ones(shape),
      );
      for (const [reduce, expected] of [
        [tf.sum, spread],
        [tf.mean, tf.div(spread, count)],
      ] as const) {
        const gradient = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(reduce(t, axis, keepDims), dy)))(x);
        expect(gradient.dtype).toBe('float32');
        expect(Array.from(gradient.dataSync()), `${backend} ${reduce.name}`).toEqual(Array.from(expected.dataSync()));
      }
    }
  });

  it('spread dy by broadcasting (Tile), not by a product with a tensor of ones filled in JavaScript', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([2, 3, 4, 5]);
    for (const reduce of [tf.sum, tf.mean]) {
      const { kernels } = await tf.profile(() => tf.grad((t: tf.Tensor) => reduce(t, [0, 1, 2]).sum())(x));
      const names = kernels.map((k) => k.name);
      expect(names, reduce.name).toContain('Tile');
      expect(names, reduce.name).not.toContain('Multiply');
    }
  });

  it('of an int32 Sum are float32, as tfjs makes them', async () => {
    await tf.setBackend('wasm');
    const gradient = tf.grad((t: tf.Tensor) => tf.sum(t))(tf.tensor1d([1, 2, 3], 'int32'));
    expect(gradient.dtype).toBe('float32');
    expect(Array.from(gradient.dataSync())).toEqual([1, 1, 1]);
  });
});

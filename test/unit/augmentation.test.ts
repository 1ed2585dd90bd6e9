import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { augmentationSchema } from '../../common/augmentation.schema.js';
import type { ConsiliumError } from '../../common/errors.js';
import { type ModelTopology, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, weightSpecsOf } from '../../common/model-weights.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { augmenter, remap, siteSeed } from '../../site-agent/training/augment.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { trainLocally } from '../../site-agent/training/trainer.js';

const spec = (patch: object) => augmentationSchema.parse(patch);
const range = (n: number) => Float32Array.from({ length: n }, (_, i) => i + 1);

describe('augmentation', () => {
  it('flips and turns by exact pixels', () => {
    // [[1, 2, 3], [4, 5, 6]]
    expect(Array.from(remap(range(6), 2, 3, 1, true, false, 0))).toEqual([3, 2, 1, 6, 5, 4]);
    expect(Array.from(remap(range(6), 2, 3, 1, false, true, 0))).toEqual([4, 5, 6, 1, 2, 3]);
    // [[1, 2, 3], [4, 5, 6], [7, 8, 9]] turned counter-clockwise once and twice.
    expect(Array.from(remap(range(9), 3, 3, 1, false, false, 1))).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
    expect(Array.from(remap(range(9), 3, 3, 1, false, false, 2))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    // Channels move together: two channels, a left–right flip of a 1×2 image.
    expect(Array.from(remap(Float32Array.from([1, 10, 2, 20]), 1, 2, 2, true, false, 0))).toEqual([2, 20, 1, 10]);
  });

  it('moves each mask with its image: exactly under flips and turns, by nearest neighbour under rotation, shift and zoom', () => {
    // A 16×16 batch of 8 images whose mask is the image itself (a bright off-centre block is class 1).
    const [n, side] = [8, 16];
    const image = Float32Array.from({ length: side * side }, (_, i) =>
      Math.floor(i / side) >= 3 && Math.floor(i / side) < 9 && i % side >= 2 && i % side < 7 ? 1 : 0,
    );
    const batch = new Float32Array(n * side * side);
    for (let s = 0; s < n; s++) batch.set(image, s * side * side);
    const masks = Int32Array.from(batch);
    const exact = augmenter(spec({ flipHorizontal: true, flipVertical: true, rotate90: true }), [side, side, 1], 5)(batch, n, masks);
    expect(Array.from(masks)).toEqual(Array.from(exact));
    // Not every sample stayed put: the masks did move.
    expect(Array.from(masks)).not.toEqual(Array.from(batch));
    const moved = Int32Array.from(batch);
    const warped = augmenter(spec({ rotateDegrees: 30, translate: 0.2, zoom: 0.2 }), [side, side, 1], 6)(batch, n, moved);
    expect(new Set(moved)).toEqual(new Set([0, 1]));
    // Bilinear image and nearest mask agree wherever the image is clearly inside or outside (away from the block's edges).
    const clear = [...warped.keys()].filter((i) => warped[i]! > 0.9 || warped[i]! < 0.1);
    expect(clear.filter((i) => moved[i] !== Math.round(warped[i]!))).toEqual([]);
    expect(clear.length).toBeGreaterThan(0.8 * warped.length);
  });

  it('mirrors about half of the samples, leaves the rest exactly, and does not touch its input', () => {
    const batch = new Float32Array(64 * 6);
    for (let s = 0; s < 64; s++) batch.set(range(6), s * 6);
    const copy = batch.slice();
    const out = augmenter(spec({ flipHorizontal: true }), [2, 3, 1], 7)(batch, 64);
    const samples = Array.from({ length: 64 }, (_, s) => Array.from(out.subarray(s * 6, s * 6 + 6)).join());
    const mirrored = samples.filter((s) => s === '3,2,1,6,5,4').length;
    expect(samples.filter((s) => s === '1,2,3,4,5,6').length + mirrored).toBe(64);
    expect(mirrored).toBeGreaterThan(20);
    expect(mirrored).toBeLessThan(44);
    expect(batch).toEqual(copy);
  });

  it('shifts brightness by one amount per sample within its bound, and keeps the mean under contrast', () => {
    const image = Float32Array.from({ length: 16 }, (_, i) => (i % 5) / 4);
    const mean = image.reduce((a, b) => a + b, 0) / 16;
    const bright = augmenter(spec({ brightness: 0.2 }), [4, 4, 1], 3)(image, 1);
    const shift = bright[0]! - image[0]!;
    expect(Math.abs(shift)).toBeLessThanOrEqual(0.2);
    for (let i = 0; i < 16; i++) expect(bright[i]! - image[i]!).toBeCloseTo(shift, 6);
    const contrasted = augmenter(spec({ contrast: 0.5 }), [4, 4, 1], 3)(image, 1);
    expect(contrasted.reduce((a, b) => a + b, 0) / 16).toBeCloseTo(mean, 6);
  });

  it('adds noise of the given standard deviation, and jitters a CT window within [0, 1] keeping the order of intensities', () => {
    const flat = new Float32Array(64 * 64).fill(0.5);
    const noisy = augmenter(spec({ noiseStd: 0.1 }), [64, 64, 1], 11)(flat, 1);
    const std = Math.sqrt(noisy.reduce((s, v) => s + (v - 0.5) ** 2, 0) / noisy.length);
    expect(std).toBeGreaterThan(0.095);
    expect(std).toBeLessThan(0.105);
    const ramp = Float32Array.from({ length: 16 }, (_, i) => i / 15);
    const jittered = augmenter(spec({ windowJitter: { center: 50, width: 0.2 } }), [4, 4, 1], 5, { center: 40, width: 400 })(ramp, 1);
    expect(jittered.every((v) => v >= 0 && v <= 1)).toBe(true);
    for (let i = 1; i < 16; i++) expect(jittered[i]!).toBeGreaterThanOrEqual(jittered[i - 1]!);
    expect(Array.from(jittered)).not.toEqual(Array.from(ramp));
  });

  it('rotates, shifts and zooms with one resampling that keeps a constant image constant away from the borders', () => {
    const flat = new Float32Array(16 * 16).fill(1);
    const out = augmenter(spec({ rotateDegrees: 10, translate: 0.05, zoom: 0.1 }), [16, 16, 1], 2)(flat, 1);
    // The centre is far from every border the transform can bring in.
    expect(out[8 * 16 + 8]).toBeCloseTo(1, 6);
  });

  it('draws the same augmentation for the same task and site, and another at another site', () => {
    const image = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i));
    const settings = spec({ flipHorizontal: true, rotate90: true, noiseStd: 0.1, brightness: 0.1 });
    const run = (siteId: string) => Array.from(augmenter(settings, [8, 8, 1], siteSeed(42, siteId))(image, 1));
    expect(run('hospital-a')).toEqual(run('hospital-a'));
    expect(run('hospital-a')).not.toEqual(run('hospital-b'));
  });

  it('augments training batches only: evaluation never sees the augmenter', async () => {
    await tf.setBackend('cpu');
    const topology = normalizeTopology({
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Flatten', config: { input_shape: [4, 4, 1] } },
          { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
        ],
      },
    } as ModelTopology);
    let augmented = 0;
    const rows = (n: number) =>
      inMemoryRows(
        Float32Array.from({ length: n * 16 }, (_, i) => (i % 7) / 7),
        Int32Array.from({ length: n }, (_, i) => i % 2),
      );
    const result = await trainLocally(
      {
        topology,
        weights: initialWeights(weightSpecsOf(await buildModel(topology)), 1),
        localEpochs: 2,
        batchSize: 4,
        optimizer: 'sgd',
        learningRate: 0.1,
        loss: 'categoricalCrossentropy',
        seed: 1,
        augment: (features, count) => ((augmented += count), features),
      },
      { inputShape: [4, 4, 1], classCount: 2, train: rows(10), validation: rows(6) },
    );
    // 10 training rows × 2 epochs; the 6 validation rows were evaluated twice (before and after) without it.
    expect(augmented).toBe(20);
    expect(result.metrics['val_samples']).toBe(6);
  });

  it('refuses augmentation a model cannot take, naming the field', () => {
    const issues = (model: object, augmentation: object, preprocessing: object = {}) => {
      try {
        parseRunSpec({ name: 'a', rounds: 1, classes: ['a', 'b'], model, augmentation, preprocessing });
      } catch (error) {
        return (error as ConsiliumError).issues;
      }
      return [];
    };
    const table = { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2 } }] } };
    const wide = {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Flatten', config: { input_shape: [4, 6, 1] } },
          { class_name: 'Dense', config: { units: 2 } },
        ],
      },
    };
    expect(issues(table, { flipHorizontal: true })).toEqual([
      { path: 'augmentation', message: "augmentation transforms images; this model's input is [4], not [height, width, channels]" },
    ]);
    expect(issues(wide, { rotate90: true })).toEqual([{ path: 'augmentation.rotate90', message: 'quarter turns need a square input; this one is 4×6' }]);
    expect(issues(wide, { windowJitter: { center: 20, width: 0.1 } })).toEqual([
      {
        path: 'augmentation.windowJitter',
        message: 'window jitter moves the intensity window: set preprocessing.window (e.g. { center: 40, width: 400 }) first',
      },
    ]);
    expect(issues(wide, { windowJitter: { center: 20, width: 0.1 } }, { window: { center: 40, width: 400 } })).toEqual([]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { type LayerSpec, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, weightSpecsOf } from '../../common/model-weights.js';
import { describeSpend, roundSpend } from '../../common/privacy-spend.js';
import { DEFAULT_ORDERS, epsilonFromRdp, rdpSampledGaussian, roundsEpsilon } from '../../common/rdp-accountant.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { gaussian, secureUniform } from '../../common/secure-random.js';
import { dpSgdStep, poissonBatches } from '../../site-agent/training/dp-sgd-step.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { trainLocally } from '../../site-agent/training/trainer.js';

/** Dense softmax layer without bias, weights zero, trained by plain SGD at learning rate 1. */
function linearModel(inputs: number, units: number): tf.LayersModel {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [inputs], units, activation: 'softmax', useBias: false, kernelInitializer: 'zeros' })],
  });
  model.compile({ optimizer: tf.train.sgd(1), loss: 'categoricalCrossentropy' });
  return model;
}

describe('DP-SGD step', () => {
  it("clips each example's gradient, sums, divides by the expected batch and steps (no noise: exact)", async () => {
    const model = linearModel(2, 2);
    // At zero weights p = (½, ½) and ∂L/∂W = x ⊗ (p − y): for x = (3, 4), class 0, a gradient of norm √12.5, clipped
    // to 1; for x = (0.1, 0), class 1, a gradient of norm 0.0707, left as it is.
    const x = tf.tensor2d([
      [3, 4],
      [0.1, 0],
    ]);
    const y = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const [loss, accuracy] = await dpSgdStep(model, 'categoricalCrossentropy', { clipNorm: 1, noiseMultiplier: 0, expectedBatch: 2 }, () => 0)(x, y);
    const f = 1 / (Math.sqrt(12.5) + 1e-6);
    const expected = [(1.5 * f - 0.05) / 2, -(1.5 * f - 0.05) / 2, (2 * f) / 2, -(2 * f) / 2];
    const kernel = [...(model.getWeights()[0]!.dataSync() as Float32Array)];
    kernel.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 6));
    expect(loss).toBeCloseTo(Math.LN2, 6);
    // Both rows predict (½, ½), read as class 0: right for the first, wrong for the second.
    expect(accuracy).toBe(0.5);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('adds noise of standard deviation noiseMultiplier × clipNorm to the sum, even to an empty batch', async () => {
    const model = linearModel(784, 10);
    const uniform = secureUniform();
    const step = dpSgdStep(model, 'categoricalCrossentropy', { clipNorm: 0.5, noiseMultiplier: 2, expectedBatch: 4 }, () => gaussian(uniform));
    // No example: the step moves the weights by the noise alone, N(0, (2 × 0.5)²) / 4 per weight.
    expect(await step(tf.zeros([0, 784]), tf.zeros([0, 10]))).toEqual([0, 0]);
    const kernel = model.getWeights()[0]!.dataSync() as Float32Array;
    const mean = kernel.reduce((a, b) => a + b, 0) / kernel.length;
    const sd = Math.sqrt(kernel.reduce((a, b) => a + (b - mean) ** 2, 0) / kernel.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sd).toBeGreaterThan(0.25 * 0.95);
    expect(sd).toBeLessThan(0.25 * 1.05);
    model.dispose();
  });

  it('draws Poisson batches: each row independently at the rate', () => {
    const draws = [0.1, 0.9, 0.2, 0.5, 0.05, 0.3, 0.6, 0.25];
    let i = 0;
    expect(poissonBatches(4, 0.3, 2, () => draws[i++]!)).toEqual([
      [0, 2],
      [0, 3],
    ]);
    const sizes = poissonBatches(10_000, 0.01, 20, secureUniform()).map((b) => b.length);
    // 100 expected per step; 20 steps of Binomial(10 000, 0.01) stay within 100 ± 50 with overwhelming probability.
    for (const size of sizes) expect(Math.abs(size - 100)).toBeLessThan(50);
  });

  it('trains a site with DP-SGD: a separable problem is still learnt under modest noise', async () => {
    const n = 200;
    const features = new Float32Array(n * 2);
    const labels = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      labels[r] = r % 2;
      features.set([labels[r] ? 1 : -1, (r % 7) / 7 - 0.5], r * 2);
    }
    const rows = inMemoryRows(features, labels);
    const topology = normalizeTopology({
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Dense', config: { input_shape: [2], units: 2, activation: 'softmax' } }] as LayerSpec[] },
    });
    const result = await trainLocally(
      {
        topology,
        weights: initialWeights(weightSpecsOf(await buildModel(topology)), 3),
        localEpochs: 3,
        batchSize: 20,
        optimizer: 'sgd',
        learningRate: 0.5,
        loss: 'categoricalCrossentropy',
        seed: 1,
        dpSgd: { clipNorm: 1, noiseMultiplier: 0.5 },
      },
      { inputShape: [2], classCount: 2, train: rows, validation: rows },
    );
    expect(result.metrics['val_local_accuracy']).toBeGreaterThan(0.95);
  });
});

describe('what DP-SGD spends', () => {
  const spec = (privacy: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    parseRunSpec({
      name: 'dp',
      classes: ['a', 'b'],
      rounds: 3,
      batchSize: 32,
      localEpochs: 2,
      privacy,
      model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
      ...extra,
    });

  it('counts localEpochs × ⌈n / batchSize⌉ steps at rate batchSize / n per round, and one mechanism at site level', () => {
    const sample = roundSpend(spec({ level: 'sample', clipNorm: 1, noiseMultiplier: 1.1 }), 1000);
    expect(sample).toEqual({ noiseMultiplier: 1.1, samplingRate: 0.032, stepsPerRound: 64 });
    expect(roundSpend(spec({ clipNorm: 1, noiseMultiplier: 4 }), 1000)).toEqual({ noiseMultiplier: 4, samplingRate: 1, stepsPerRound: 1 });
    expect(roundsEpsilon([{ ...sample, rounds: 3 }], 1e-5)).toBe(epsilonFromRdp(DEFAULT_ORDERS, rdpSampledGaussian(0.032, 1.1, 192), 1e-5).epsilon);
    expect(describeSpend({ ...sample, rounds: 3 })).toBe('3 rounds of 64 DP-SGD steps at sampling rate 0.032, noise multiplier 1.1');
    expect(describeSpend({ noiseMultiplier: 4, rounds: 1 })).toBe('1 round, noise multiplier 4');
  });

  it('refuses sample-level DP with batch normalization or FedProx, naming the fix', () => {
    const normalized = {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Dense', config: { input_shape: [4], units: 3 } },
          { class_name: 'BatchNormalization', config: {} },
          { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
        ],
      },
    };
    expect(() => spec({ level: 'sample', clipNorm: 1, noiseMultiplier: 1 }, { model: normalized })).toThrow(
      "privacy.level: DP-SGD clips each example's gradient, which batch normalization does not have (1 BatchNormalization layer); use LayerNormalization, or privacy level site",
    );
    expect(() => spec({ level: 'sample', clipNorm: 1, noiseMultiplier: 1 }, { strategy: { name: 'fedprox' } })).toThrow(
      "strategy.name: FedProx's proximal step is not a DP-SGD step",
    );
  });
});

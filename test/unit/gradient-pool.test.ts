import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { modelSize } from '../../common/model-size.js';
import { type ModelTopology, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, readWeights, weightSpecsOf, writeWeights } from '../../common/model-weights.js';
import { seededRandom } from '../../common/seeded-random.js';
import { stepCost } from '../../common/step-cost.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { lossFor } from '../../site-agent/training/losses.js';
import { GradientPool, singleThreadReason } from '../../site-agent/training/parallel/gradient-pool.js';
import { MIN_PARALLEL_STEP_FLOPS, trainingThreads } from '../../site-agent/training/trainer.js';

const cnn = normalizeTopology({
  class_name: 'Sequential',
  config: {
    layers: [
      { class_name: 'Conv2D', config: { input_shape: [8, 8, 1], filters: 4, kernel_size: 3, activation: 'relu', padding: 'same' } },
      { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
      { class_name: 'Flatten', config: {} },
      { class_name: 'Dense', config: { units: 3, activation: 'softmax', kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.01 } } } },
    ],
  },
} as ModelTopology);

async function compiled(optimizer: string) {
  const model = await buildModel(cnn);
  writeWeights(model, initialWeights(weightSpecsOf(model), 7));
  model.compile({ optimizer: optimizer === 'adam' ? tf.train.adam(0.01) : tf.train.sgd(0.1), loss: lossFor('categoricalCrossentropy'), metrics: ['accuracy'] });
  return model;
}

describe('data-parallel training steps', () => {
  let pool: GradientPool;
  beforeAll(async () => {
    await selectBackend('wasm');
    pool = await GradientPool.open(2, { topology: cnn, loss: 'categoricalCrossentropy', backend: 'wasm', frozenLayers: [] });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('takes the same steps on two threads as on one, batch for batch, within float rounding (odd batch, regularizer, adam)', async () => {
    const random = seededRandom(3);
    for (const optimizer of ['sgd', 'adam']) {
      const [single, parallel] = [await compiled(optimizer), await compiled(optimizer)];
      const losses: [number, number][] = [];
      for (let step = 0; step < 3; step++) {
        // 13 samples: the shards are 6 and 7, weighted by their sizes.
        const x = tf.tensor(
          Float32Array.from({ length: 13 * 64 }, () => random()),
          [13, 8, 8, 1],
        );
        const y = tf
          .oneHot(
            tf.tensor1d(
              Int32Array.from({ length: 13 }, () => Math.floor(random() * 3)),
              'int32',
            ),
            3,
          )
          .toFloat();
        const [a] = (await single.trainOnBatch(x, y)) as number[];
        const [b] = await pool.step(parallel, x, y);
        losses.push([a!, b!]);
        tf.dispose([x, y]);
      }
      for (const [a, b] of losses) expect(b).toBeCloseTo(a, 5);
      const [ws, wp] = [readWeights(single), readWeights(parallel)];
      for (const [i, w] of ws.entries()) {
        const worst = w.values.reduce((m, v, j) => Math.max(m, Math.abs(v - wp[i]!.values[j]!)), 0);
        expect(worst, `${optimizer} ${w.name}`).toBeLessThan(1e-5);
      }
      // The weights did move: the comparison is not of two untouched models.
      expect(ws[0]!.values).not.toEqual(initialWeights(weightSpecsOf(single), 7)[0]!.values);
      single.dispose();
      parallel.dispose();
    }
  });

  it('splits only steps large enough to gain, never into more shards than samples', () => {
    const job = (batchSize: number, threads: number) =>
      ({
        topology: cnn,
        weights: [],
        localEpochs: 1,
        batchSize,
        optimizer: 'sgd',
        learningRate: 0.1,
        loss: 'categoricalCrossentropy',
        seed: 0,
        threads,
      }) as const;
    // This CNN's step costs 15,936 FLOP a sample: 32 samples make 0.5 MFLOP, far below the threshold; 16,384 make 261 MFLOP.
    expect(stepCost(cnn, modelSize(cnn), 1, 'sgd')!.flops).toBe(15_936);
    expect(trainingThreads(job(32, 2), 'wasm')).toEqual({ threads: 1, reason: 'a step of 1 MFLOP is too small to gain from more threads' });
    expect(trainingThreads(job(16_384, 2), 'wasm')).toEqual({ threads: 2, reason: null });
    expect(trainingThreads(job(16_384, 1), 'wasm')).toEqual({ threads: 1, reason: null });
    expect(16_384 * 15_936).toBeGreaterThan(MIN_PARALLEL_STEP_FLOPS);
  });

  it('keeps to one thread what cannot be split, saying why', () => {
    const bn = { config: { layers: [{ class_name: 'Conv2D' }, { class_name: 'BatchNormalization' }] } };
    expect(singleThreadReason({ topology: bn, loss: 'categoricalCrossentropy' }, 'wasm')).toBe('batch normalization needs the whole batch');
    expect(singleThreadReason({ topology: cnn, loss: 'dice' }, 'wasm')).toBe('loss dice is not a mean over samples');
    expect(singleThreadReason({ topology: cnn, loss: 'categoricalCrossentropy', proximalMu: 0.1 }, 'cpu')).toBe(
      "FedProx's proximal term is taken on one thread",
    );
    expect(singleThreadReason({ topology: cnn, loss: 'categoricalCrossentropy' }, 'tensorflow')).toBe('the tensorflow backend uses every core itself');
    expect(singleThreadReason({ topology: cnn, loss: 'categoricalCrossentropy' }, 'wasm')).toBeNull();
  });
});

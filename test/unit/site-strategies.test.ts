import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';

import { type LayerSpec, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, weightSpecsOf } from '../../common/model-weights.js';
import { seededRandom } from '../../common/seeded-random.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import { FedBN } from '../../coordinator/domain/strategies/fed-bn.strategy.js';
import { memoryUpdate } from '../../coordinator/domain/strategies/memory-update.js';
import { LocalTensorStore } from '../../site-agent/local-tensors.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { splitTrained, withLocalTensors } from '../../site-agent/training/shared-tensors.js';
import { type TrainingJob, trainLocally } from '../../site-agent/training/trainer.js';

const topology = normalizeTopology({
  class_name: 'Sequential',
  config: {
    layers: [
      { class_name: 'Dense', config: { input_shape: [4], units: 6, activation: 'relu' } },
      { class_name: 'BatchNormalization', config: {} },
      { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
    ] as LayerSpec[],
  },
});
const random = seededRandom(3);
const data = {
  inputShape: [4],
  classCount: 2,
  train: inMemoryRows(
    Float32Array.from({ length: 64 * 4 }, () => random() * 2 - 1),
    Int32Array.from({ length: 64 }, (_, i) => i % 2),
  ),
  validation: inMemoryRows(new Float32Array(0), new Int32Array(0)),
};
const distance = (a: readonly NamedTensor[], b: readonly NamedTensor[]) =>
  Math.sqrt(a.reduce((s, t, i) => s + t.values.reduce((q, v, j) => q + (v - b[i]!.values[j]!) ** 2, 0), 0));

describe('FedProx at the site', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('keeps the trained model closer to the global one as μ grows, and leaks no tensor', async () => {
    await tf.setBackend('cpu');
    const weights = initialWeights(weightSpecsOf(await buildModel(topology)), 1);
    const job: TrainingJob = { topology, weights, localEpochs: 4, batchSize: 8, optimizer: 'sgd', learningRate: 0.1, loss: 'categoricalCrossentropy', seed: 1 };
    const before = tf.memory().numTensors;
    // Distance over the trainable weights (the proximal term's domain), not batch norm's moving statistics.
    const trainable = (tensors: NamedTensor[]) => tensors.filter((t) => !t.name.includes('/moving_'));
    const drift = async (mu: number) => distance(trainable((await trainLocally({ ...job, proximalMu: mu }, data)).weights), trainable(weights));
    const [free, pulled, held] = [await drift(0), await drift(0.5), await drift(2)];
    expect(tf.memory().numTensors).toBe(before);
    expect(pulled).toBeLessThan(free);
    expect(held).toBeLessThan(pulled);
  });

  it('takes the same first step as plain training (the proximal gradient is zero at the received weights)', async () => {
    const weights = initialWeights(weightSpecsOf(await buildModel(topology)), 2);
    const job: TrainingJob = {
      topology,
      weights,
      localEpochs: 1,
      batchSize: 64,
      optimizer: 'sgd',
      learningRate: 0.1,
      loss: 'categoricalCrossentropy',
      seed: 1,
    };
    const plain = await trainLocally(job, data);
    const proximal = await trainLocally({ ...job, proximalMu: 3 }, data);
    const scale = Math.max(...plain.delta.flatMap((t) => Array.from(t.values, Math.abs)));
    expect(distance(proximal.weights, plain.weights) / scale).toBeLessThan(1e-5);
  });
});

describe('FedBN at the site', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("never sends, averages or overwrites a site's batch-norm tensors across rounds", async () => {
    const specs = weightSpecsOf(await buildModel(topology));
    const plan = new FedBN().configureRound(1, ['a', 'b'], specs);
    const shared = specs.filter((s) => plan.sharedTensors.includes(s.name));
    const bnNames = specs.filter((s) => s.layerClass === 'BatchNormalization').map((s) => s.name);
    expect(bnNames).toEqual([
      'batch_normalization_1/gamma',
      'batch_normalization_1/beta',
      'batch_normalization_1/moving_mean',
      'batch_normalization_1/moving_variance',
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-fedbn-'));
    dirs.push(dir);
    const stores = { a: new LocalTensorStore(path.join(dir, 'a')), b: new LocalTensorStore(path.join(dir, 'b')) };
    let global = initialWeights(specs, 1);
    const initialBn = global.filter((t) => bnNames.includes(t.name));
    for (let round = 1; round <= 3; round++) {
      const updates = [];
      for (const [siteId, store] of Object.entries(stores)) {
        const own = await store.load('run-1');
        const start = withLocalTensors(global, own, plan.sharedTensors);
        // The site trains from its own batch-norm values, from round 2 on the ones it kept.
        for (const t of start.filter((x) => bnNames.includes(x.name))) {
          expect(Array.from(t.values)).toEqual(Array.from((own ?? initialBn).find((x) => x.name === t.name)!.values));
        }
        // Stand-in training: every value moves by a site- and round-specific amount.
        const shift = (siteId === 'a' ? 1 : -2) * round;
        const trained = start.map((t) => ({ ...t, values: t.values.map((v) => v + shift) }));
        const delta = trained.map((t, i) => ({ ...t, values: t.values.map((v, j) => v - start[i]!.values[j]!) }));
        const { sharedDelta, local } = splitTrained(trained, delta, plan.sharedTensors);
        expect(sharedDelta.map((t) => t.name)).toEqual(shared.map((s) => s.name));
        expect(local.map((t) => t.name)).toEqual(bnNames);
        await store.save('run-1', local);
        updates.push(memoryUpdate(siteId, 1, sharedDelta));
      }
      global = (await new FedBN().aggregate({ round, global, shared, updates, failures: [], state: null })).weights;
      // The coordinator's batch-norm tensors never change: no site's values reach them.
      expect(global.filter((t) => bnNames.includes(t.name))).toEqual(initialBn);
    }
    // Each site's kept values moved by its own shifts only: a by 1 + 2 + 3, b by −2 − 4 − 6.
    const keptA = (await stores.a.load('run-1'))!;
    const keptB = (await stores.b.load('run-1'))!;
    expect(Array.from(keptA[0]!.values)).toEqual(Array.from(initialBn[0]!.values, (v) => Math.fround(v + 6)));
    expect(Array.from(keptB[0]!.values)).toEqual(Array.from(initialBn[0]!.values, (v) => Math.fround(v - 12)));
  });
});

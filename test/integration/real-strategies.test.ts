import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';

import { loadFashionMnist } from '../../cli/simulate/fashion-mnist.js';
import { dirichletPartition } from '../../cli/simulate/partition.js';
import { simulate, type SimulatedSite, type SimulationSpec } from '../../cli/simulate/simulation.js';
import { type LayerSpec, normalizeTopology } from '../../common/model-spec.schema.js';
import { strategySchema } from '../../common/run-spec.schema.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';

// Real public data from CONSILIUM_DATASETS (.ci/run sets it); a missing file fails, never skips silently.
const root = process.env['CONSILIUM_DATASETS'];

describe.runIf(root)('strategies on Fashion-MNIST, label-skewed over 4 sites', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('FedAvg and FedAdam reach 75 %; with a Byzantine site the robust strategies hold while FedAvg falls', { timeout: 600_000 }, async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
    // 12 000 training images split by Dirichlet(0.3) over labels (seed 7); each site holds out every fifth image.
    const train = await loadFashionMnist(root, 'train', 12_000);
    const test = await loadFashionMnist(root, 't10k');
    const rows = train.rows;
    const parts = dirichletPartition(train.labels, 4, 0.3, 7);
    expect(parts.map((p) => p.length)).toEqual([1817, 4559, 3700, 1924]);
    const sites: SimulatedSite[] = parts.map((indices, i) => ({
      id: `site-${i + 1}`,
      data: { inputShape: [784], classCount: 10, train: rows(indices.filter((_, k) => k % 5 !== 0)), validation: rows(indices.filter((_, k) => k % 5 === 0)) },
    }));
    const spec = (strategy: Record<string, unknown>, byzantine = false): SimulationSpec => ({
      topology: normalizeTopology({
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { input_shape: [784], units: 128, activation: 'relu' } },
            { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
          ] as LayerSpec[],
        },
      }),
      strategy: strategySchema.parse(strategy),
      rounds: 10,
      job: { localEpochs: 1, batchSize: 32, optimizer: 'sgd', learningRate: 0.05, loss: 'categoricalCrossentropy' },
      seed: 1,
      // A fifth site sends N(0, 1) noise for every parameter, claiming the honest sites' mean sample count.
      ...(byzantine ? { byzantine: { ids: ['byzantine'], sigma: 1 } } : {}),
    });
    const testSet = { data: inMemoryRows(test.features, test.labels), inputShape: [784], classCount: 10 };
    const final = async (strategy: Record<string, unknown>, byzantine = false) => {
      const result = await simulate(spec(strategy, byzantine), sites, testSet);
      return { accuracy: result.rounds.at(-1)!.testAccuracy!, pickedByzantine: result.rounds.some((r) => r.used.includes('byzantine')) };
    };

    const clean = { fedavg: await final({ name: 'fedavg' }), fedadam: await final({ name: 'fedadam' }) };
    const attacked = {
      fedavg: await final({ name: 'fedavg' }, true),
      median: await final({ name: 'median' }, true),
      'trimmed-mean (β 0.2)': await final({ name: 'trimmed-mean', beta: 0.2 }, true),
      'krum (f 1)': await final({ name: 'krum', f: 1 }, true),
      'multi-krum (f 1)': await final({ name: 'multi-krum', f: 1 }, true),
    };
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    console.log(
      [
        'Fashion-MNIST official test set (10 000 images), 4 sites, Dirichlet α = 0.3, 10 rounds, MLP 784-128-10:',
        '| strategy | faulty site | test accuracy |',
        '| --- | --- | --- |',
        ...Object.entries(clean).map(([name, r]) => `| ${name} | none | ${pct(r.accuracy)} |`),
        ...Object.entries(attacked).map(([name, r]) => `| ${name} | 1 of 5 sends N(0, 1) noise | ${pct(r.accuracy)} |`),
      ].join('\n'),
    );
    expect(clean.fedavg.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(clean.fedadam.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(attacked.fedavg.accuracy).toBeLessThan(clean.fedavg.accuracy - 0.1);
    for (const name of ['median', 'trimmed-mean (β 0.2)', 'multi-krum (f 1)'] as const) {
      expect(attacked[name].accuracy, name).toBeGreaterThanOrEqual(clean.fedavg.accuracy - 0.03);
    }
    // Krum never picks the faulty update, but one site's update per round is a poor model of label-skewed data.
    expect(attacked['krum (f 1)'].pickedByzantine).toBe(false);
    expect(attacked['multi-krum (f 1)'].pickedByzantine).toBe(false);
  });
});

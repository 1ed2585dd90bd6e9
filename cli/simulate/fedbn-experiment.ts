import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type LayerSpec, normalizeTopology } from '../../common/model-spec.schema.js';
import { strategySchema } from '../../common/run-spec.schema.js';
import { RowCache } from '../../site-agent/data/decoded-rows.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { DEMO_CLASSES, DEMO_SITES, IMAGE_SIZE } from '../demo/synthetic-lesions.js';
import { demoSiteData } from './demo-data.js';
import { simulate, type SimulatedSite } from './simulation.js';

/** The demo CNN with batch normalization after each convolution: the tensors FedBN keeps at each site. */
const MODEL = normalizeTopology({
  class_name: 'Sequential',
  config: {
    layers: [
      { class_name: 'Conv2D', config: { input_shape: [IMAGE_SIZE, IMAGE_SIZE, 1], filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' } },
      { class_name: 'BatchNormalization', config: { momentum: 0.9 } },
      { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
      { class_name: 'Conv2D', config: { filters: 16, kernel_size: 3, padding: 'same', activation: 'relu' } },
      { class_name: 'BatchNormalization', config: { momentum: 0.9 } },
      { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
      { class_name: 'Flatten', config: {} },
      { class_name: 'Dense', config: { units: 32, activation: 'relu' } },
      { class_name: 'Dense', config: { units: DEMO_CLASSES.length, activation: 'softmax' } },
    ] as LayerSpec[],
  },
});

export interface FedBnTable {
  rounds: number;
  sites: { id: string; scanner: string; fedavg: number; fedbn: number }[];
}

/**
 * FedAvg against FedBN on the demo's three scanner-shifted hospitals: the
 * same data, model, seed and local training; per-site validation accuracy of
 * the model each site would use after the last round (for FedBN, the shared
 * tensors with that site's own batch normalization).
 */
export async function fedBnExperiment(options: { rounds: number; imagesPerSite: number }): Promise<FedBnTable> {
  await selectBackend('auto');
  const root = await mkdtemp(path.join(tmpdir(), 'consilium-fedbn-'));
  try {
    const cache = new RowCache(512 * 2 ** 20);
    const sites: SimulatedSite[] = [];
    for (const [i, demo] of DEMO_SITES.entries()) {
      sites.push({ id: demo.id, data: await demoSiteData(root, demo.id, options.imagesPerSite, demo.signature, 1000 + i, cache) });
    }
    const run = (name: 'fedavg' | 'fedbn') =>
      simulate(
        {
          topology: MODEL,
          strategy: strategySchema.parse({ name }),
          rounds: options.rounds,
          job: { localEpochs: 2, batchSize: 16, optimizer: 'adam', learningRate: 0.003, loss: 'categoricalCrossentropy' },
          seed: 42,
        },
        sites,
      );
    const fedavg = (await run('fedavg')).rounds.at(-1)!.siteAccuracy;
    const fedbn = (await run('fedbn')).rounds.at(-1)!.siteAccuracy;
    return {
      rounds: options.rounds,
      sites: DEMO_SITES.map((s) => ({
        id: s.id,
        scanner: `gain ${s.signature.gain}, offset ${s.signature.offset}, noise ${s.signature.noise}, blur ${s.signature.blur}`,
        fedavg: fedavg[s.id]!,
        fedbn: fedbn[s.id]!,
      })),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function renderFedBnTable(table: FedBnTable): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `Per-site validation accuracy after ${table.rounds} rounds (demo hospitals, CNN with batch normalization):`,
    '| site | scanner | FedAvg | FedBN |',
    '| --- | --- | --- | --- |',
    ...table.sites.map((s) => `| ${s.id} | ${s.scanner} | ${pct(s.fedavg)} | ${pct(s.fedbn)} |`),
  ].join('\n');
}

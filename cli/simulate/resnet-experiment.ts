import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Augmentation } from '../../common/augmentation.schema.js';
import { augmentationSchema } from '../../common/augmentation.schema.js';
import { modelTopologySchema, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, weightSpecsOf } from '../../common/model-weights.js';
import { strategySchema } from '../../common/run-spec.schema.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import { RowCache } from '../../site-agent/data/decoded-rows.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { trainLocally } from '../../site-agent/training/trainer.js';
import { DEMO_CLASSES, DEMO_SITES, IMAGE_SIZE, type ScannerSignature } from '../demo/synthetic-lesions.js';
import { demoSiteData } from './demo-data.js';
import { residualClassifierSpec } from './graph-models.js';
import { simulate, type SimulatedSite } from './simulation.js';

/** The public collection the starting point is trained on: another scanner, balanced classes, more cases than any hospital. */
const PUBLIC: ScannerSignature = { gain: 1.1, offset: 0.05, noise: 0.05, blur: 1, malignantFraction: 0.5 };
/** Lesions have no orientation: mirrored and turned, they are still lesions of the same kind. */
const AUGMENTATION: Augmentation = augmentationSchema.parse({ flipHorizontal: true, flipVertical: true, rotate90: true });
const JOB = { localEpochs: 2, batchSize: 16, optimizer: 'adam', learningRate: 0.003, loss: 'categoricalCrossentropy' } as const;

export interface ResNetRow {
  start: string;
  trained: string;
  bytesPerRound: number;
  meanAccuracy: number[];
  siteAccuracy: Record<string, number>;
}

export interface ResNetTable {
  rounds: number;
  imagesPerSite: number;
  pretrainImages: number;
  parameters: number;
  rows: ResNetRow[];
}

/**
 * A small residual network on the demo's scanner-shifted hospitals, with few
 * cases each, three ways: from seeded weights; from a starting point trained
 * on a public collection from another scanner; and from that starting point
 * with its stem and first block frozen. All augment their training batches
 * alike; the table shows validation accuracy and what each way sends.
 */
export async function resNetExperiment(options: { rounds: number; imagesPerSite: number; pretrainImages: number }): Promise<ResNetTable> {
  await selectBackend('auto');
  const root = await mkdtemp(path.join(tmpdir(), 'consilium-resnet-'));
  try {
    const cache = new RowCache(512 * 2 ** 20);
    const topology = normalizeTopology(modelTopologySchema.parse(residualClassifierSpec([IMAGE_SIZE, IMAGE_SIZE, 1], DEMO_CLASSES.length)));
    const seeded = initialWeights(weightSpecsOf(await buildModel(topology)), 42);
    const collection = await demoSiteData(root, 'public', options.pretrainImages, PUBLIC, 7, cache);
    const pretrained: NamedTensor[] = (await trainLocally({ ...JOB, localEpochs: 6, topology, weights: seeded, seed: 7 }, collection)).weights;
    const sites: SimulatedSite[] = [];
    for (const [i, demo] of DEMO_SITES.entries()) {
      sites.push({ id: demo.id, data: await demoSiteData(root, demo.id, options.imagesPerSite, demo.signature, 2000 + i, cache) });
    }
    const run = async (start: string, trained: string, setup: { initial?: NamedTensor[]; freeze?: string[] }): Promise<ResNetRow> => {
      const result = await simulate(
        { topology, strategy: strategySchema.parse({ name: 'fedavg' }), rounds: options.rounds, job: JOB, seed: 42, augmentation: AUGMENTATION, ...setup },
        sites,
      );
      const mean = (accuracy: Record<string, number>) => Object.values(accuracy).reduce((a, b) => a + b, 0) / Object.values(accuracy).length;
      return {
        start,
        trained,
        bytesPerRound: result.rounds[0]!.bytesSent,
        meanAccuracy: result.rounds.map((r) => mean(r.siteAccuracy)),
        siteAccuracy: result.rounds.at(-1)!.siteAccuracy,
      };
    };
    return {
      rounds: options.rounds,
      imagesPerSite: options.imagesPerSite,
      pretrainImages: options.pretrainImages,
      parameters: seeded.reduce((n, t) => n + t.values.length, 0),
      rows: [
        await run('seeded (from scratch)', 'every layer', {}),
        await run('pretrained', 'every layer', { initial: pretrained }),
        await run('pretrained', 'all but the stem and block 1 (frozen)', { initial: pretrained, freeze: ['stem', 'b1_'] }),
      ],
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function renderResNetTable(table: ResNetTable): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `A residual network (${table.parameters.toLocaleString('en-US')} parameters) on the demo hospitals, ${table.imagesPerSite} cases each, FedAvg, ${table.rounds} rounds,`,
    `flips and quarter turns; the starting point was trained on ${table.pretrainImages} cases from another scanner. Mean validation accuracy of the sites:`,
    `| start | trained | sent per round (3 sites) | after round 1 | after round ${table.rounds} | ${DEMO_SITES.map((s) => s.id).join(' | ')} |`,
    `| --- | --- | --- | --- | --- | ${DEMO_SITES.map(() => '---').join(' | ')} |`,
    ...table.rows.map(
      (r) =>
        `| ${r.start} | ${r.trained} | ${(r.bytesPerRound / 1024).toFixed(0)} KiB | ${pct(r.meanAccuracy[0]!)} | ${pct(r.meanAccuracy.at(-1)!)} | ${DEMO_SITES.map((s) => pct(r.siteAccuracy[s.id]!)).join(' | ')} |`,
    ),
  ].join('\n');
}

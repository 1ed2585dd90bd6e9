import { modelTopologySchema, normalizeTopology } from '../../common/model-spec.schema.js';
import { strategySchema } from '../../common/run-spec.schema.js';
import { weightedMetrics } from '../../coordinator/domain/round-metrics.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { DEMO_SEGMENTATION_CLASSES, DEMO_SITES, IMAGE_SIZE, segmentationCases } from '../demo/synthetic-lesions.js';
import { maskedCaseSplit } from './demo-data.js';
import { graphSpec } from './graph-models.js';
import { simulate, type SimulatedSite } from './simulation.js';

/** A small 2-D U-Net: two levels with batch normalization, a skip connection, one class per pixel. */
export const UNET = graphSpec(
  [IMAGE_SIZE, IMAGE_SIZE, 1],
  [
    ['down1', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
    ['down1_norm', 'BatchNormalization', { momentum: 0.9 }, ['down1']],
    ['pool1', 'MaxPooling2D', { pool_size: 2 }, ['down1_norm']],
    ['bottom', 'Conv2D', { filters: 16, kernel_size: 3, padding: 'same', activation: 'relu' }, ['pool1']],
    ['bottom_norm', 'BatchNormalization', { momentum: 0.9 }, ['bottom']],
    ['up1', 'UpSampling2D', { size: 2, interpolation: 'bilinear' }, ['bottom_norm']],
    ['skip1', 'Concatenate', {}, ['down1_norm', 'up1']],
    ['fuse1', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['skip1']],
    ['pixels', 'Conv2D', { filters: DEMO_SEGMENTATION_CLASSES.length, kernel_size: 1, activation: 'softmax' }, ['fuse1']],
  ],
);

export interface SegmentationTable {
  rounds: number;
  imagesPerSite: number;
  /** Per strategy, per round: each site's lesion Dice and the pooled one. */
  dice: Record<'fedavg' | 'fedbn', { sites: Record<string, number>; pooled: number }[]>;
}

/**
 * A 2-D U-Net segmenting the demo's lesions across the three scanner-shifted
 * hospitals, FedAvg against FedBN; the lesion Dice of each site's validation
 * split each round, and the pooled Dice from the summed pixel counts.
 */
export async function segmentationExperiment(options: { rounds: number; imagesPerSite: number }): Promise<SegmentationTable> {
  await selectBackend('auto');
  const topology = normalizeTopology(modelTopologySchema.parse(UNET));
  const sites: SimulatedSite[] = DEMO_SITES.map((demo, i) => {
    const { features, masks } = segmentationCases(options.imagesPerSite, demo.signature, 3000 + i);
    return {
      id: demo.id,
      data: {
        inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1],
        classCount: DEMO_SEGMENTATION_CLASSES.length,
        ...maskedCaseSplit(`${demo.id}/case`, features, masks, IMAGE_SIZE * IMAGE_SIZE),
      },
    };
  });
  const lesion = DEMO_SEGMENTATION_CLASSES.indexOf('lesion');
  const run = async (name: 'fedavg' | 'fedbn') => {
    const result = await simulate(
      {
        topology,
        strategy: strategySchema.parse({ name }),
        rounds: options.rounds,
        job: { localEpochs: 2, batchSize: 16, optimizer: 'adam', learningRate: 0.01, loss: 'diceCrossentropy' },
        seed: 42,
      },
      sites,
    );
    return result.rounds.map((r) => ({
      sites: Object.fromEntries(Object.entries(r.siteMetrics).map(([id, m]) => [id, m[`val_dice_${lesion}`] ?? 0])),
      pooled: weightedMetrics(Object.values(r.siteMetrics).map((metrics) => ({ sampleCount: 1, metrics })))[`val_dice_${lesion}`] ?? 0,
    }));
  };
  return { rounds: options.rounds, imagesPerSite: options.imagesPerSite, dice: { fedavg: await run('fedavg'), fedbn: await run('fedbn') } };
}

export function renderSegmentationTable(table: SegmentationTable): string {
  const pct = (x: number) => x.toFixed(3);
  const ids = DEMO_SITES.map((s) => s.id);
  return [
    `Lesion Dice of a 2-D U-Net on the demo hospitals (${table.imagesPerSite} cases each; validation splits), soft Dice + cross-entropy, per round:`,
    `| round | ${ids.map((id) => `FedAvg ${id}`).join(' | ')} | FedAvg pooled | ${ids.map((id) => `FedBN ${id}`).join(' | ')} | FedBN pooled |`,
    `| --- | ${[...ids, 'p', ...ids, 'p'].map(() => '---').join(' | ')} |`,
    ...table.dice.fedavg.map((avg, r) => {
      const bn = table.dice.fedbn[r]!;
      return `| ${r + 1} | ${ids.map((id) => pct(avg.sites[id]!)).join(' | ')} | ${pct(avg.pooled)} | ${ids.map((id) => pct(bn.sites[id]!)).join(' | ')} | ${pct(bn.pooled)} |`;
    }),
  ].join('\n');
}

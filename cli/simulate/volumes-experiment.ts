import { modelTopologySchema, normalizeTopology } from '../../common/model-spec.schema.js';
import { strategySchema } from '../../common/run-spec.schema.js';
import { weightedMetrics } from '../../coordinator/domain/round-metrics.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { DEMO_SEGMENTATION_CLASSES, DEMO_SITES } from '../demo/synthetic-lesions.js';
import { VOLUME_SIZE, volumeCases } from '../demo/synthetic-volumes.js';
import { maskedCaseSplit } from './demo-data.js';
import { graphSpec } from './graph-models.js';
import { simulate, type SimulatedSite } from './simulation.js';

/** A small 3-D network at full resolution (TensorFlow.js trains no 3-D upsampling): two 3×3×3 convolutions, one class per voxel. */
export const NETWORK_3D = graphSpec(
  [VOLUME_SIZE, VOLUME_SIZE, VOLUME_SIZE, 1],
  [
    ['conv1', 'Conv3D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
    ['conv2', 'Conv3D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['conv1']],
    ['voxels', 'Conv3D', { filters: DEMO_SEGMENTATION_CLASSES.length, kernel_size: 1, activation: 'softmax' }, ['conv2']],
  ],
);

export interface VolumesTable {
  rounds: number;
  volumesPerSite: number;
  dice: { sites: Record<string, number>; pooled: number }[];
}

/** The 3-D counterpart of the segmentation experiment: lesion Dice per round on the demo hospitals' volumes, FedAvg. */
export async function volumesExperiment(options: { rounds: number; volumesPerSite: number }): Promise<VolumesTable> {
  await selectBackend('auto');
  const topology = normalizeTopology(modelTopologySchema.parse(NETWORK_3D));
  const voxels = VOLUME_SIZE ** 3;
  const sites: SimulatedSite[] = DEMO_SITES.map((demo, i) => {
    const { features, masks } = volumeCases(options.volumesPerSite, demo.signature, 5000 + i);
    return {
      id: demo.id,
      data: {
        inputShape: [VOLUME_SIZE, VOLUME_SIZE, VOLUME_SIZE, 1],
        classCount: DEMO_SEGMENTATION_CLASSES.length,
        ...maskedCaseSplit(`${demo.id}/volume`, features, masks, voxels),
      },
    };
  });
  const lesion = DEMO_SEGMENTATION_CLASSES.indexOf('lesion');
  const result = await simulate(
    {
      topology,
      strategy: strategySchema.parse({ name: 'fedavg' }),
      rounds: options.rounds,
      job: { localEpochs: 3, batchSize: 4, optimizer: 'adam', learningRate: 0.01, loss: 'diceCrossentropy' },
      seed: 42,
    },
    sites,
  );
  return {
    rounds: options.rounds,
    volumesPerSite: options.volumesPerSite,
    dice: result.rounds.map((r) => ({
      sites: Object.fromEntries(Object.entries(r.siteMetrics).map(([id, m]) => [id, m[`val_dice_${lesion}`] ?? 0])),
      pooled: weightedMetrics(Object.values(r.siteMetrics).map((metrics) => ({ sampleCount: 1, metrics })))[`val_dice_${lesion}`] ?? 0,
    })),
  };
}

export function renderVolumesTable(table: VolumesTable): string {
  const ids = DEMO_SITES.map((s) => s.id);
  return [
    `Lesion Dice of a 3-D network on ${VOLUME_SIZE}³ volumes of the demo hospitals (${table.volumesPerSite} each; validation splits), FedAvg, per round:`,
    `| round | ${ids.join(' | ')} | pooled |`,
    `| --- | ${ids.map(() => '---').join(' | ')} | --- |`,
    ...table.dice.map((d, r) => `| ${r + 1} | ${ids.map((id) => d.sites[id]!.toFixed(3)).join(' | ')} | ${d.pooled.toFixed(3)} |`),
  ].join('\n');
}

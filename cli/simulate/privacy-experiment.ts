import { ConsiliumError } from '../../common/errors.js';
import { type LayerSpec, normalizeTopology } from '../../common/model-spec.schema.js';
import { roundSpend } from '../../common/privacy-spend.js';
import { roundsEpsilon } from '../../common/rdp-accountant.js';
import { strategySchema } from '../../common/run-spec.schema.js';
import { NOISE_ROOM, weightedInput } from '../../common/secure-aggregation/weighted-input.js';
import { seededRandom } from '../../common/seeded-random.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { loadFashionMnist } from './fashion-mnist.js';
import { dirichletPartition } from './partition.js';
import { simulateSecAgg } from './secagg-simulation.js';
import { simulate, type SimulatedSite, type SimulationSpec } from './simulation.js';

export interface PrivacyExperimentOptions {
  rounds: number;
  sites: number;
  /** Training images taken from Fashion-MNIST's training file. */
  images: number;
  /** Noise multipliers of the site-level noised runs. */
  noise: number[];
  /** Noise multipliers of the sample-level (DP-SGD) runs. */
  dpSgdNoise: number[];
  /** Site counts of the secure-aggregation cost rows. */
  costSites: number[];
}

export interface AccuracyRow {
  setting: string;
  noiseMultiplier: number;
  /** ε at δ over the run's rounds (for DP-SGD the largest over the sites, whose sizes differ), null without noise (unbounded). */
  epsilon: number | null;
  /** What ε protects: a hospital's whole dataset (site) or one patient's examples (sample). */
  unit: 'site' | 'sample' | null;
  accuracy: number;
  /** Seconds per round secure aggregation took over every site and the coordinator, when used. */
  secAggSeconds: number | null;
}

export interface CostRow {
  sites: number;
  graph: string;
  dropped: number;
  /** Mean seconds one site spends on the protocol per round, and the coordinator's seconds. */
  siteSeconds: number;
  coordinatorSeconds: number;
  /** Bytes one site sends and receives for the protocol, beyond its plain float32 upload. */
  bytesPerSite: number;
  plainUploadBytes: number;
}

export interface PrivacyTable {
  options: PrivacyExperimentOptions;
  clipNorm: number;
  delta: number;
  parameters: number;
  accuracy: AccuracyRow[];
  cost: CostRow[];
}

const DELTA = 1e-5;
/** Each site's update is clipped to this L2 norm in the noised runs; about the median norm of a plain round-1 update here. */
const CLIP_NORM = 1;
const MAX_WEIGHT = 10_000;
/**
 * DP-SGD's learning rate: an image's gradient here has a norm near 10, so clipping each to 1 shrinks the step about
 * tenfold; DP-SGD is tuned with a learning rate raised to match (Abadi et al. 2016 and Opacus's examples do the same).
 */
const DP_SGD_LEARNING_RATE = 0.5;

/** Softmax regression on the 784 pixels: few enough parameters (7 850) that site-level noise leaves it something to learn. */
const MODEL = normalizeTopology({
  class_name: 'Sequential',
  config: { layers: [{ class_name: 'Dense', config: { input_shape: [784], units: 10, activation: 'softmax' } }] as LayerSpec[] },
});

/** The cost rows' model: a 784-128-10 network (101 770 parameters), the size of a small real update. */
const COST_PARAMETERS = 784 * 128 + 128 + 128 * 10 + 10;

/**
 * What privacy costs on real data: Fashion-MNIST split over simulated
 * hospitals, trained without DP, with site-level DP (each site clips its
 * update and adds noise locally, or only clips and the coordinator adds the
 * noise to the equally weighted mean), and with the same noise distributed across
 * the sites under secure aggregation (each adds 1/√n of it, so the sum the
 * coordinator sees carries the full noise); ε from the RDP accountant, test
 * accuracy on the 10 000 test images. Then the seconds and bytes secure
 * aggregation adds per round at each site count, with the complete graph and
 * with SecAgg+ neighbourhoods, a tenth of the sites dropping after sharing.
 */
export async function privacyExperiment(options: PrivacyExperimentOptions): Promise<PrivacyTable> {
  await selectBackend('auto');
  const train = await loadFashionMnist(process.env['CONSILIUM_DATASETS'], 'train', options.images);
  const test = await loadFashionMnist(process.env['CONSILIUM_DATASETS'], 't10k');
  const sites: SimulatedSite[] = dirichletPartition(train.labels, options.sites, 1, 7).map((indices, i) => ({
    id: `hospital-${String(i + 1).padStart(2, '0')}`,
    data: {
      inputShape: [784],
      classCount: 10,
      train: train.rows(indices.filter((_, k) => k % 5 !== 0)),
      validation: train.rows(indices.filter((_, k) => k % 5 === 0)),
    },
  }));
  const testSet = { data: inMemoryRows(test.features, test.labels), inputShape: [784], classCount: 10 };
  const base: SimulationSpec = {
    topology: MODEL,
    strategy: strategySchema.parse({ name: 'fedavg' }),
    rounds: options.rounds,
    job: { localEpochs: 1, batchSize: 32, optimizer: 'sgd', learningRate: 0.05, loss: 'categoricalCrossentropy' },
    seed: 1,
  };
  const n = options.sites;
  // Wide enough that no coordinate of an unclipped update is cut.
  const secure = {
    clippingRange: 8 * CLIP_NORM,
    maxWeight: MAX_WEIGHT,
    threshold: Math.ceil((2 * n) / 3),
    reconstruction: Math.max(2, Math.floor(n / 2) + 1),
    neighbours: null,
  };
  const smallest = Math.min(...sites.map((s) => s.data.train.count));
  const runOf = async (setting: string, noiseMultiplier: number, extra: Partial<SimulationSpec>): Promise<AccuracyRow> => {
    const result = await simulate({ ...base, ...extra }, sites, testSet);
    const seconds = result.rounds.map((r) => r.secureAggregation?.seconds ?? 0);
    const level = extra.job?.dpSgd ? 'sample' : 'site';
    const privacy = { level, clipNorm: CLIP_NORM, noiseMultiplier } as const;
    const epsilons = sites.map((site) => roundsEpsilon([{ ...roundSpend({ ...base.job, privacy }, site.data.train.count), rounds: options.rounds }], DELTA));
    return {
      setting,
      noiseMultiplier,
      epsilon: noiseMultiplier > 0 ? Math.max(...epsilons) : null,
      unit: noiseMultiplier > 0 ? level : null,
      accuracy: result.rounds.at(-1)!.testAccuracy!,
      secAggSeconds: extra.secureAggregation ? seconds.reduce((a, b) => a + b, 0) / seconds.length : null,
    };
  };
  const accuracy: AccuracyRow[] = [await runOf('no DP', 0, {}), await runOf('no DP, secure aggregation', 0, { secureAggregation: secure })];
  for (const z of options.noise) {
    accuracy.push(await runOf('site-level DP, noise added at each site', z, { privacy: { clipNorm: CLIP_NORM, noiseMultiplier: z } }));
    // The sites only clip; the coordinator adds noise of z × clip / n to the equally weighted mean.
    accuracy.push(
      await runOf('site-level DP, noise added centrally by the coordinator', z, {
        privacy: { clipNorm: CLIP_NORM, noiseMultiplier: 0 },
        centralNoise: { clipNorm: CLIP_NORM, noiseMultiplier: z },
      }),
    );
    // Each site clips, weighs and adds noise of z × clip / √n to its weighted input: the sum of n such draws carries
    // noise of z × clip, which is all the coordinator ever sees under secure aggregation. maxWeight is the smallest
    // site's size, so every weight is 1 and the mean divides that noise by n, as central noise does.
    const share = (z * CLIP_NORM) / Math.sqrt(n);
    accuracy.push(
      await runOf('site-level DP, noise distributed under secure aggregation', z, {
        privacy: { clipNorm: CLIP_NORM, noiseMultiplier: 0 },
        secureAggregation: { ...secure, maxWeight: smallest, noiseStdDev: share, clippingRange: CLIP_NORM + NOISE_ROOM * share },
      }),
    );
  }
  for (const z of options.dpSgdNoise) {
    accuracy.push(
      await runOf('sample-level DP (DP-SGD at each site)', z, {
        job: { ...base.job, learningRate: DP_SGD_LEARNING_RATE, dpSgd: { clipNorm: CLIP_NORM, noiseMultiplier: z } },
      }),
    );
  }
  const cost: CostRow[] = [];
  for (const count of options.costSites) {
    const degrees: (number | null)[] = [null];
    const logDegree = 2 * Math.ceil(Math.log2(count));
    if (logDegree < count - 1) degrees.push(logDegree);
    for (const degree of degrees) cost.push(await costRow(count, degree));
  }
  return { options, clipNorm: CLIP_NORM, delta: DELTA, parameters: 7850, accuracy, cost };
}

async function costRow(sites: number, degree: number | null): Promise<CostRow> {
  const random = seededRandom(sites);
  const siteIds = Array.from({ length: sites }, (_, i) => `site-${String(i).padStart(3, '0')}`);
  const inputs = siteIds.map(() =>
    weightedInput(
      Float32Array.from({ length: COST_PARAMETERS }, () => (random() - 0.5) / 100),
      500,
      MAX_WEIGHT,
    ),
  );
  const holders = (degree ?? sites - 1) + 1;
  const dropped = Math.floor(sites / 10);
  const result = await simulateSecAgg({
    roundId: `cost-${sites}-${degree ?? 'all'}`,
    siteIds,
    inputs,
    threshold: Math.ceil((2 * sites) / 3),
    reconstruction: Math.max(2, Math.floor(holders / 2) + 1),
    neighbours: degree,
    clippingRange: 1,
    faults: siteIds.slice(0, dropped).map((site) => ({ site, kind: 'drop-before-upload' as const })),
  });
  if (!result.outcome) throw new ConsiliumError('INTERNAL', `the cost round of ${sites} sites failed: ${result.failure}`);
  const perSite = Object.values(result.siteMs).reduce((a, b) => a + b, 0);
  return {
    sites,
    graph: degree === null ? 'complete' : `SecAgg+, ${degree} neighbours`,
    dropped,
    siteSeconds: perSite / 1000,
    coordinatorSeconds: Object.values(result.coordinatorMs).reduce((a, b) => a + b, 0) / 1000,
    bytesPerSite: result.siteBytes.sent + result.siteBytes.received,
    plainUploadBytes: COST_PARAMETERS * 4,
  };
}

export function renderPrivacyTable(table: PrivacyTable): string {
  const { options } = table;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  return [
    `Fashion-MNIST (${options.images} training images, Dirichlet(1) over ${options.sites} hospitals), softmax regression (${table.parameters} parameters), FedAvg, ${options.rounds} rounds of 1 local epoch (batch 32); ε at δ = ${table.delta}, clip norm ${table.clipNorm} (a site's update, or each example's gradient in DP-SGD; the noise multiplier of the distributed rows is that of the sum); accuracy on the 10 000 test images:`,
    '| setting | noise multiplier | ε | protects | test accuracy | secure aggregation s/round |',
    '| --- | --- | --- | --- | --- | --- |',
    ...table.accuracy.map(
      (r) =>
        `| ${r.setting} | ${r.noiseMultiplier} | ${r.epsilon === null ? '∞' : r.epsilon.toFixed(2)} | ${r.unit === null ? '–' : r.unit === 'site' ? "a hospital's dataset" : "a patient's example"} | ${pct(r.accuracy)} | ${r.secAggSeconds === null ? '–' : r.secAggSeconds.toFixed(2)} |`,
    ),
    '',
    `Secure aggregation's cost per round for a ${COST_PARAMETERS}-parameter update, a tenth of the sites dropping after sharing (one process; site seconds are one site's):`,
    '| sites | graph | dropped | seconds per site | coordinator seconds | bytes per site added | plain upload |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...table.cost.map(
      (r) =>
        `| ${r.sites} | ${r.graph} | ${r.dropped} | ${r.siteSeconds.toFixed(3)} | ${r.coordinatorSeconds.toFixed(2)} | ${kb(r.bytesPerSite)} | ${kb(r.plainUploadBytes)} |`,
    ),
  ].join('\n');
}

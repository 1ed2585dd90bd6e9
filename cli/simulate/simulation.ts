import type { Augmentation } from '../../common/augmentation.schema.js';
import { ConsiliumError } from '../../common/errors.js';
import { frozenLayers, layerOfWeight } from '../../common/model-freeze.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, type WeightSpec, weightSpecsOf } from '../../common/model-weights.js';
import type { StrategySpec } from '../../common/run-spec.schema.js';
import { addInputNoise, weightedInput, weightedMean } from '../../common/secure-aggregation/weighted-input.js';
import { seededNormal, seededRandom } from '../../common/seeded-random.js';
import { encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { type CentralNoise, noisedMean } from '../../coordinator/domain/central-noise.js';
import { flatLength, splitFlat } from '../../coordinator/domain/strategies/flat-vector.js';
import { strategyFor } from '../../coordinator/domain/strategies/index.js';
import { memoryUpdate } from '../../coordinator/domain/strategies/memory-update.js';
import type { StrategyUpdate } from '../../coordinator/domain/strategies/strategy.js';
import { augmenter, siteSeed } from '../../site-agent/training/augment.js';
import type { FeatureRows } from '../../site-agent/training/feature-rows.js';
import { privatizeUpdate, type UpdatePrivacy } from '../../site-agent/training/privatize-update.js';
import { splitTrained, withLocalTensors } from '../../site-agent/training/shared-tensors.js';
import { evaluateLocally, type LocalData, type TrainingJob, trainLocally } from '../../site-agent/training/trainer.js';
import { simulateSecAgg } from './secagg-simulation.js';

export interface SimulatedSite {
  id: string;
  data: LocalData;
}

export interface SimulationSpec {
  topology: ModelTopology;
  strategy: StrategySpec;
  rounds: number;
  job: Omit<TrainingJob, 'topology' | 'weights' | 'seed' | 'proximalMu'>;
  seed: number;
  /** Faulty sites that send N(0, σ²) noise instead of training, claiming the honest sites' mean sample count. */
  byzantine?: { ids: string[]; sigma: number };
  /** Weights to start from instead of the seeded initializer (a pretrained model), by tensor name. */
  initial?: readonly NamedTensor[];
  /** Layers kept fixed at the sites and left out of every round, as a run's `freeze`. */
  freeze?: readonly string[];
  /** Training-batch augmentation at each site, seeded per round and site, as a run's `augmentation`. */
  augmentation?: Augmentation;
  /** Each site clips its shared delta and adds Gaussian noise before it leaves (the spec's privacy). */
  privacy?: UpdatePrivacy;
  /** The coordinator's noise (privacy.noise central): the strategy sees the clipped updates' equally weighted mean, noised. */
  centralNoise?: CentralNoise;
  /** The updates are summed by secure aggregation among every site, the coordinator seeing only the weighted mean. */
  secureAggregation?: {
    clippingRange: number;
    maxWeight: number;
    threshold: number;
    reconstruction: number;
    neighbours: number | null;
    /** Distributed noise: the standard deviation each site adds to its weighted input (privacy.noise distributed). */
    noiseStdDev?: number;
  };
}

export interface SimulationResult {
  /** Per round: which updates the strategy used, and each site's validation accuracy with the model it would use. */
  rounds: {
    round: number;
    used: string[];
    siteAccuracy: Record<string, number>;
    /** Every validation metric of each site (Dice and its pixel counts for segmentation). */
    siteMetrics: Record<string, Record<string, number>>;
    testAccuracy?: number;
    bytesSent: number;
    /** With secure aggregation: the protocol's seconds (every site's and the coordinator's) and bytes added per site. */
    secureAggregation?: { seconds: number; bytesPerSite: number };
  }[];
  global: NamedTensor[];
}

/**
 * Federated training in one process (what Flower calls simulation): the same
 * strategies, local trainer and shared-tensor rules as a real federation,
 * without gRPC or a database. For experiments that compare strategies on
 * equal terms; the real path is the coordinator and its agents.
 */
export async function simulate(
  spec: SimulationSpec,
  sites: readonly SimulatedSite[],
  test?: { data: FeatureRows; inputShape: number[]; classCount: number },
): Promise<SimulationResult> {
  const strategy = strategyFor(spec.strategy);
  const layout = weightSpecsOf(await buildModel(spec.topology));
  const seeded = initialWeights(layout, spec.seed);
  const start = new Map((spec.initial ?? []).map((t) => [t.name, t]));
  let global = seeded.map((t) => start.get(t.name) ?? t);
  const frozen = frozenLayers(spec.topology, spec.freeze ?? []);
  const trainable = layout.filter((w) => !frozen.has(layerOfWeight(w.name)));
  let state: NamedTensor[] | null = null;
  const local = new Map<string, NamedTensor[]>();
  const faulty = spec.byzantine?.ids ?? [];
  const noise = seededNormal(seededRandom(spec.seed ^ 0x5eed));
  const rounds: SimulationResult['rounds'] = [];
  for (let round = 1; round <= spec.rounds; round++) {
    const plan = strategy.configureRound(round, [...sites.map((s) => s.id), ...faulty], trainable);
    const shared = layout.filter((s) => plan.sharedTensors.includes(s.name));
    const updates: StrategyUpdate[] = [];
    let bytesSent = 0;
    for (const site of sites) {
      const instructions = plan.sites.find((s) => s.siteId === site.id)!;
      const weights = withLocalTensors(global, local.get(site.id) ?? null, plan.sharedTensors);
      const seed = (spec.seed + round * 7919) >>> 0;
      const job: TrainingJob = {
        ...spec.job,
        topology: spec.topology,
        weights,
        seed,
        proximalMu: instructions.proximalMu,
        frozenLayers: [...frozen],
        ...(spec.augmentation ? { augment: augmenter(spec.augmentation, site.data.inputShape, siteSeed(seed, site.id)) } : {}),
      };
      const result = await trainLocally(job, site.data);
      const { sharedDelta, local: kept } = splitTrained(result.weights, result.delta, plan.sharedTensors);
      const own = kept.filter((t) => !frozen.has(layerOfWeight(t.name)));
      if (own.length > 0) local.set(site.id, own);
      const outgoing = spec.privacy ? privatizeUpdate(sharedDelta, spec.privacy).tensors : sharedDelta;
      bytesSent += encodeTensors(outgoing, 'float32').length;
      updates.push(memoryUpdate(site.id, result.sampleCount, outgoing));
    }
    const secure = spec.secureAggregation ? await securelySummed(updates, shared, round, spec.secureAggregation, noise) : null;
    if (secure) updates.splice(0, updates.length, secure.update);
    if (spec.centralNoise) {
      // The sites clipped (spec.privacy with multiplier 0), so the coordinator's clipping would change nothing here.
      const { mean } = noisedMean(updates, flatLength(shared), updates.length, spec.centralNoise, noise);
      updates.splice(0, updates.length, memoryUpdate('central-noise', 1, splitFlat(mean, shared)));
    }
    const claimed = Math.round(updates.reduce((n, u) => n + u.sampleCount, 0) / Math.max(1, updates.length));
    for (const id of faulty) {
      const sigma = spec.byzantine!.sigma;
      updates.push(
        memoryUpdate(
          id,
          claimed,
          shared.map((s) => ({
            name: s.name,
            shape: s.shape,
            values: Float32Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => sigma * noise()),
          })),
        ),
      );
    }
    const outcome = await strategy.aggregate({ round, global, shared, updates, failures: [], state });
    global = outcome.weights;
    state = outcome.state;
    const siteAccuracy: Record<string, number> = {};
    const siteMetrics: Record<string, Record<string, number>> = {};
    for (const site of sites) {
      const weights = withLocalTensors(global, local.get(site.id) ?? null, plan.sharedTensors);
      const evaluation = await evaluateLocally({ ...spec.job, topology: spec.topology, weights, seed: 0 }, site.data);
      siteAccuracy[site.id] = evaluation.metrics['val_accuracy'] ?? NaN;
      siteMetrics[site.id] = { ...evaluation.metrics, val_samples: evaluation.sampleCount };
    }
    const entry: SimulationResult['rounds'][number] = {
      round,
      used: outcome.used,
      siteAccuracy,
      siteMetrics,
      bytesSent,
      ...(secure ? { secureAggregation: secure.cost } : {}),
    };
    if (test) {
      const evaluation = await evaluateLocally(
        { ...spec.job, topology: spec.topology, weights: global, seed: 0 },
        { inputShape: test.inputShape, classCount: test.classCount, train: test.data, validation: test.data },
      );
      entry.testAccuracy = evaluation.metrics['val_accuracy'] ?? NaN;
    }
    rounds.push(entry);
  }
  return { rounds, global };
}

/**
 * The sites' updates summed as secure aggregation sums them: each site's
 * weighted input masked, the coordinator's unmasked weighted mean standing
 * for them all as one update (FedAvg of one update is that update).
 */
async function securelySummed(
  updates: readonly StrategyUpdate[],
  shared: readonly WeightSpec[],
  round: number,
  { noiseStdDev, ...options }: NonNullable<SimulationSpec['secureAggregation']>,
  gaussian: () => number,
): Promise<{ update: StrategyUpdate; cost: { seconds: number; bytesPerSite: number } }> {
  const length = flatLength(shared);
  const inputs = updates.map((u) =>
    addInputNoise(weightedInput(u.readSlice(0, length, new Float32Array(length)), u.sampleCount, options.maxWeight), noiseStdDev ?? 0, gaussian),
  );
  const result = await simulateSecAgg({ roundId: `simulated-round-${round}`, siteIds: updates.map((u) => u.siteId), inputs, ...options });
  if (!result.outcome) throw new ConsiliumError('FAILED_PRECONDITION', result.failure!);
  const tensors = splitFlat(weightedMean(result.outcome.sum), shared);
  const siteSeconds = Object.values(result.siteMs).reduce((a, b) => a + b, 0) * updates.length;
  const coordinatorSeconds = Object.values(result.coordinatorMs).reduce((a, b) => a + b, 0);
  return {
    update: memoryUpdate('secure-sum', 1, tensors),
    cost: { seconds: (siteSeconds + coordinatorSeconds) / 1000, bytesPerSite: result.siteBytes.sent + result.siteBytes.received },
  };
}

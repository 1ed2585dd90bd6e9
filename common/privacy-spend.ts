import type { DatasetSpend } from './rdp-accountant.js';
import type { RunSpec } from './run-spec.schema.js';

/** What one round of a run spends on a site's data: the accountant's terms, rounds aside. */
export type RoundSpend = Required<Omit<DatasetSpend, 'rounds'>>;

/**
 * One round's spend under the spec, for a site training on `trainSamples`
 * examples. Site-level DP: one Gaussian mechanism on the whole dataset.
 * Sample-level DP (DP-SGD): localEpochs × ⌈n / batchSize⌉ steps, each on a
 * Poisson sample at rate batchSize / n, as the trainer draws them. A run
 * without privacy adds no noise (multiplier 0: unbounded).
 */
export function roundSpend(spec: Pick<RunSpec, 'privacy' | 'batchSize' | 'localEpochs'>, trainSamples: number): RoundSpend {
  const noiseMultiplier = spec.privacy?.noiseMultiplier ?? 0;
  if (spec.privacy?.level !== 'sample') return { noiseMultiplier, samplingRate: 1, stepsPerRound: 1 };
  const { samplingRate, steps } = dpSgdSampling(spec.batchSize, trainSamples);
  return { noiseMultiplier, samplingRate, stepsPerRound: spec.localEpochs * steps };
}

/** DP-SGD's Poisson sampling for one epoch: the rate that gives batches of batchSize on average, and the steps that cover n. */
export function dpSgdSampling(batchSize: number, trainSamples: number): { samplingRate: number; steps: number } {
  const n = Math.max(1, trainSamples);
  return { samplingRate: Math.min(1, batchSize / n), steps: Math.ceil(n / batchSize) };
}

/** A spend in words, for refusals and the ledger: "20 rounds, noise multiplier 4" or with the DP-SGD steps. */
export function describeSpend(spend: DatasetSpend): string {
  const rounds = `${spend.rounds} round${spend.rounds === 1 ? '' : 's'}`;
  const steps = spend.stepsPerRound ?? 1;
  const rate = spend.samplingRate ?? 1;
  return rate === 1 && steps === 1
    ? `${rounds}, noise multiplier ${spend.noiseMultiplier}`
    : `${rounds} of ${steps} DP-SGD steps at sampling rate ${Number(rate.toPrecision(4))}, noise multiplier ${spend.noiseMultiplier}`;
}

/** JSON has no infinity: an unbounded ε (no noise) travels and is recorded as null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

import type { StrategyUpdate } from './strategies/strategy.js';

/** The slice of the flat vector summed at a time: bounded memory whatever the model's size. */
const SLICE = 1 << 16;

export interface CentralNoise {
  clipNorm: number;
  noiseMultiplier: number;
}

/**
 * DP-FedAvg's central step (McMahan et al. 2018, "fixed denominator"): the
 * updates, each already clipped to L2 norm clipNorm, are summed with equal
 * weights and divided by the number of sites the round asked, not by the
 * number that answered, then Gaussian noise of standard deviation
 * noiseMultiplier × clipNorm / sites is added to every coordinate. Adding or
 * removing one site's update moves the sum by at most clipNorm, so the mean's
 * sensitivity is clipNorm / sites whoever answered; weighting by sample counts
 * would make it the largest site's share instead. The strategy, server
 * optimizers included, sees only the noised mean (post-processing).
 */
export function noisedMean(
  updates: readonly StrategyUpdate[],
  length: number,
  sites: number,
  noise: CentralNoise,
  gaussian: () => number,
): { mean: Float32Array; stdDev: number } {
  if (updates.length > sites) throw new RangeError(`${updates.length} updates from a round that asked ${sites} sites`);
  const stdDev = (noise.noiseMultiplier * noise.clipNorm) / sites;
  const mean = new Float32Array(length);
  const sum = new Float64Array(Math.min(SLICE, length));
  const slice = new Float32Array(sum.length);
  for (let start = 0; start < length; start += SLICE) {
    const end = Math.min(length, start + SLICE);
    sum.fill(0);
    for (const update of updates) {
      const values = update.readSlice(start, end, slice);
      for (let i = 0; i < values.length; i++) sum[i]! += values[i]!;
    }
    for (let i = 0; i < end - start; i++) mean[start + i] = sum[i]! / sites + (stdDev > 0 ? stdDev * gaussian() : 0);
  }
  return { mean, stdDev };
}

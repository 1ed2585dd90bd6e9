import { ConsiliumError } from '../errors.js';
import type { RunSpec } from '../run-spec.schema.js';

/**
 * FedAvg under secure aggregation: the coordinator must not learn a site's
 * sample count either, so the weight travels masked inside the vector. Each
 * site sends [r·Δ, r] with r = min(samples, maxWeight) / maxWeight in [0, 1]
 * (Flower's SecAgg+ does the same); the sum's last word divided into the rest
 * is the sample-weighted mean of the updates. A site with more than maxWeight
 * samples weighs as one with maxWeight.
 */
export function weightedInput(update: ArrayLike<number>, samples: number, maxWeight: number): Float64Array {
  const ratio = Math.min(samples, maxWeight) / maxWeight;
  const out = new Float64Array(update.length + 1);
  for (let i = 0; i < update.length; i++) out[i] = ratio * update[i]!;
  out[update.length] = ratio;
  return out;
}

/** The weighted mean from the unmasked fixed-point sum: the scale cancels, so only the integers matter. */
export function weightedMean(sum: Int32Array): Float32Array {
  const weight = sum[sum.length - 1]!;
  const out = new Float32Array(sum.length - 1);
  if (weight <= 0)
    throw new ConsiliumError('FAILED_PRECONDITION', 'secure aggregation: the summed weight is 0, so no included site reported samples; nothing to average');
  for (let i = 0; i < out.length; i++) out[i] = sum[i]! / weight;
  return out;
}

/**
 * Distributed DP noise on a weighted input: N(0, stdDev²) added to each word of r·Δ, in place; the weight word
 * stays exact (the sum of weights divides the mean). Returns the input.
 */
export function addInputNoise(input: Float64Array, stdDev: number, gaussian: () => number): Float64Array {
  if (stdDev > 0) for (let i = 0; i < input.length - 1; i++) input[i]! += stdDev * gaussian();
  return input;
}

/**
 * Distributed noise under secure aggregation: the standard deviation each site adds to every word of its weighted
 * input r·Δ (r ≤ 1 its weight), noiseMultiplier × clipNorm / √threshold, so the sum of at least threshold inputs
 * carries noise of noiseMultiplier × clipNorm, against which one site moves the sum by at most clipNorm whatever the
 * weights. Noise added before weighting would shrink with r and leave a heavy site less protected. 0 otherwise.
 */
export function distributedNoiseStdDev(spec: Pick<RunSpec, 'privacy' | 'secureAggregation'>): number {
  if (spec.privacy?.noise !== 'distributed' || !spec.secureAggregation || spec.privacy.level === 'sample') return 0;
  return (spec.privacy.noiseMultiplier * spec.privacy.clipNorm) / Math.sqrt(spec.secureAggregation.threshold);
}

/** How many standard deviations of a site's distributed noise the default clipping range leaves room for. */
export const NOISE_ROOM = 6;

/**
 * The range each coordinate of a weighted input is clipped to before fixed point: the spec's clippingRange, else
 * privacy.clipNorm with room for NOISE_ROOM standard deviations of distributed noise, whose tails clipping would
 * otherwise cut (and so weaken the guarantee).
 */
export function clippingRangeOf(spec: Pick<RunSpec, 'privacy' | 'secureAggregation'>): number {
  return spec.secureAggregation?.clippingRange ?? spec.privacy!.clipNorm + NOISE_ROOM * distributedNoiseStdDev(spec);
}

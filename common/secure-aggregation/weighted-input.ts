import { ConsiliumError } from '../errors.js';

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

import { flatLength, NextModel } from './flat-vector.js';
import { forEachSlice } from './column-slices.js';
import { FedAvg } from './fed-avg.strategy.js';
import type { NamedTensor } from '../../../common/tensor-codec.js';
import { AggregationRefused, type AggregationInput, type AggregationResult } from './strategy.js';

/** Mean of the values left after cutting `cut` from each end of the sorted column. */
export function trimmedMeanOf(sorted: Float64Array, cut: number): number {
  let sum = 0;
  for (let i = cut; i < sorted.length - cut; i++) sum += sorted[i]!;
  return sum / (sorted.length - 2 * cut);
}

/**
 * Aggregates coordinate by coordinate with a statistic of the sites' values
 * at that coordinate, unweighted (a site cannot buy influence by claiming
 * many samples). Reads updates in column slices and writes each slice's
 * statistics straight into the next model.
 */
export async function coordinateWise(input: AggregationInput, statistic: (sorted: Float64Array) => number): Promise<NamedTensor[]> {
  const { global, shared, updates } = input;
  const next = new NextModel(global, shared);
  const column = new Float64Array(updates.length);
  let out = new Float64Array(0);
  await forEachSlice(updates, flatLength(shared), (start, columns) => {
    const width = columns[0]!.length;
    if (out.length < width) out = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      for (let u = 0; u < columns.length; u++) column[u] = columns[u]![j]!;
      column.sort();
      out[j] = statistic(column);
    }
    next.add(start, out.subarray(0, width));
  });
  return next.result();
}

/**
 * Coordinate-wise median (Yin et al. 2018): at each coordinate the middle
 * value of the sites' deltas, or the mean of the two middle ones for an even
 * count. One arbitrarily large delta cannot move it past the honest values.
 */
export class CoordinateMedian extends FedAvg {
  override readonly name = 'median';

  override async aggregate(input: AggregationInput): Promise<AggregationResult> {
    if (input.updates.length === 0) throw new AggregationRefused('median needs at least one accepted update');
    const weights = await coordinateWise(input, (sorted) => {
      const middle = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    });
    return { weights, state: null, used: input.updates.map((u) => u.siteId), excluded: [...input.failures] };
  }
}

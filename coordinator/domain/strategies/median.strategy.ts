import { applyDelta, flatLength } from './flat-vector.js';
import { forEachSlice } from './column-slices.js';
import { FedAvg } from './fed-avg.strategy.js';
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
 * many samples). Reads updates in column slices.
 */
export async function coordinateWise(input: AggregationInput, statistic: (sorted: Float64Array) => number): Promise<Float64Array> {
  const { shared, updates } = input;
  const out = new Float64Array(flatLength(shared));
  const column = new Float64Array(updates.length);
  await forEachSlice(updates, out.length, (start, columns) => {
    const width = columns[0]!.length;
    for (let j = 0; j < width; j++) {
      for (let u = 0; u < columns.length; u++) column[u] = columns[u]![j]!;
      column.sort();
      out[start + j] = statistic(column);
    }
  });
  return out;
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
    const median = await coordinateWise(input, (sorted) => {
      const middle = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    });
    return { weights: applyDelta(input.global, input.shared, median), state: null, used: input.updates.map((u) => u.siteId), excluded: [...input.failures] };
  }
}

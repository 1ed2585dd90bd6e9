import type { NamedTensor } from '../../../common/tensor-codec.js';
import { forEachSlice } from './column-slices.js';
import { FedAvg } from './fed-avg.strategy.js';
import { flatLength, NextModel } from './flat-vector.js';
import { type AggregationInput, AggregationRefused, type AggregationResult } from './strategy.js';

/** Mean of the values left after cutting `cut` from each end of the column (sorted here, in place). */
export function trimmedMeanOf(column: Float64Array, cut: number): number {
  const sorted = column.sort();
  let sum = 0;
  for (let i = cut; i < sorted.length - cut; i++) sum += sorted[i]!;
  return sum / (sorted.length - 2 * cut);
}

/**
 * Aggregates coordinate by coordinate with a statistic of the sites' values
 * at that coordinate, unweighted (a site cannot buy influence by claiming
 * many samples). Reads updates in column slices and writes each slice's
 * statistics straight into the next model. `statistic` may reorder the
 * column it is given.
 */
export async function coordinateWise(input: AggregationInput, statistic: (column: Float64Array) => number): Promise<NamedTensor[]> {
  const { global, shared, updates } = input;
  const next = new NextModel(global, shared);
  const column = new Float64Array(updates.length);
  let out = new Float64Array(0);
  await forEachSlice(updates, flatLength(shared), (start, columns) => {
    const width = columns[0]!.length;
    if (out.length < width) out = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      for (let u = 0; u < columns.length; u++) column[u] = columns[u]![j]!;
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
    const weights = await coordinateWise(input, medianOf);
    return { weights, state: null, used: input.updates.map((u) => u.siteId), excluded: [...input.failures] };
  }
}

/**
 * The middle value of the column, or the mean of the two middle ones for an
 * even count: what sorting would give, found by selection (Hoare's
 * quickselect) in linear time. Reorders the column.
 */
export function medianOf(column: Float64Array): number {
  const n = column.length;
  const upper = select(column, n >> 1);
  if (n % 2 === 1) return upper;
  // Selection leaves every value below the upper middle in front of it: the lower middle is the largest of them.
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (column[i]! > lower) lower = column[i]!;
  return (lower + upper) / 2;
}

/** Reorders `values` so that values[k] is the k-th smallest and nothing before it is larger; returns it. */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}

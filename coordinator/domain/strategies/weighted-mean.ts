import { ConsiliumError } from '../../../common/errors.js';
import type { WeightSpec } from '../../../common/model-weights.js';
import { forEachSlice, nextTurn, PIPELINED_COLUMN_BYTES, readColumns, sliceWidth } from './column-slices.js';
import { flatLength } from './flat-vector.js';
import { FoldThread } from './fold/fold-thread.js';
import { foldMean } from './fold/mean-fold.js';
import type { StrategyUpdate } from './strategy.js';

/**
 * Values (updates × parameters) from which the fold runs on its own thread
 * beside the reading: below about 16 MB a slice's messages cost more than
 * the overlap saves.
 */
export const FOLD_THREAD_MIN_VALUES = 4 * 2 ** 20;

/**
 * Sample-weighted mean of deltas, slice by slice:
 *
 *   mean = Σ n_i · Δ_i / Σ n_i
 *
 * Each slice's sums are float64, added in update order (foldMean), so the
 * mean is bit for bit that of folding the updates one after another. With
 * a fold thread (given, or by default the process's own for aggregations of
 * FOLD_THREAD_MIN_VALUES or more where there are two cores or more), each
 * slice is folded on that thread while this one reads the next slice and
 * `visit`s the previous mean. `visit` gets each slice's mean in a reused
 * array.
 */
export async function forEachMeanSlice(
  shared: readonly WeightSpec[],
  updates: readonly StrategyUpdate[],
  visit: (start: number, mean: Float64Array) => void,
  foldThread: FoldThread | null | 'auto' = 'auto',
): Promise<void> {
  if (updates.length === 0) throw new ConsiliumError('FAILED_PRECONDITION', 'cannot aggregate a round with no accepted update');
  if (updates.some((u) => !(u.sampleCount > 0))) throw new ConsiliumError('INVALID_ARGUMENT', 'an update must carry a positive sample count');
  const weights = updates.map((u) => u.sampleCount);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const length = flatLength(shared);
  // 'auto' starts the process's fold thread only for an aggregation large enough to use it; a thread given is used.
  const thread = foldThread === 'auto' ? (length * updates.length >= FOLD_THREAD_MIN_VALUES ? FoldThread.shared() : null) : foldThread;
  if (thread) return pipelinedMean(thread, length, updates, weights, total, visit);
  let accumulator = new Float64Array(0);
  await forEachSlice(updates, length, (start, columns) => {
    const width = columns[0]!.length;
    if (accumulator.length < width) accumulator = new Float64Array(width);
    const sums = accumulator.subarray(0, width);
    foldMean(sums, columns, weights, total);
    visit(start, sums);
  });
}

/**
 * The mean with the fold on `thread`: two sets of shared buffers, one being
 * folded while the other is read, so slice k folds while slice k + 1 is
 * read and slice k − 1's mean is visited.
 */
async function pipelinedMean(
  thread: FoldThread,
  length: number,
  updates: readonly StrategyUpdate[],
  weights: number[],
  total: number,
  visit: (start: number, mean: Float64Array) => void,
): Promise<void> {
  const width = sliceWidth(updates.length, length, PIPELINED_COLUMN_BYTES);
  const sets = [0, 1].map(() => ({
    columns: updates.map(() => new Float32Array(new SharedArrayBuffer(4 * width))),
    sums: new Float64Array(new SharedArrayBuffer(8 * width)),
  }));
  let folding: { start: number; width: number; sums: Float64Array; done: Promise<void> } | null = null;
  const finish = async (): Promise<void> => {
    if (!folding) return;
    await folding.done;
    visit(folding.start, folding.sums.subarray(0, folding.width));
  };
  for (let start = 0, k = 0; start < length; start += width, k++) {
    const set = sets[k % 2]!;
    const end = Math.min(length, start + width);
    readColumns(updates, start, end, set.columns);
    const done = thread.fold({
      columns: set.columns.map((c) => c.buffer as SharedArrayBuffer),
      sums: set.sums.buffer as SharedArrayBuffer,
      width: end - start,
      weights,
      total,
    });
    // Should the previous slice fail, this fold's outcome is never awaited; it must not surface as an unhandled rejection.
    done.catch(() => undefined);
    await finish();
    folding = { start, width: end - start, sums: set.sums, done };
    await nextTurn();
  }
  await finish();
}

/** The whole mean delta as one vector, for strategies that keep server state over it (momentum, moments). */
export async function weightedMeanOf(shared: readonly WeightSpec[], updates: readonly StrategyUpdate[]): Promise<Float64Array> {
  const mean = new Float64Array(flatLength(shared));
  await forEachMeanSlice(shared, updates, (start, slice) => mean.set(slice, start));
  return mean;
}

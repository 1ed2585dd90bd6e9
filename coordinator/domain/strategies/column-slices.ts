import type { StrategyUpdate } from './strategy.js';

/** Bytes of columns a slice aims at: with the sums beside them they stay in the processor's last-level cache. */
const COLUMN_BYTES = 4 * 2 ** 20;
/** The narrowest column read: below 64 KiB a read's fixed cost (about 5 µs here) outweighs copying its bytes. */
const MIN_WIDTH = 16_384;

/**
 * Values per column slice for `updates` updates of a `length`-value flat
 * vector: all the columns of a slice together about 4 MiB, each at least
 * 64 KiB. Memory is then at most max(4 MiB, updates × 64 KiB), whatever the
 * model's size.
 */
export function sliceWidth(updates: number, length: number): number {
  return Math.max(1, Math.min(length, Math.max(MIN_WIDTH, Math.floor(COLUMN_BYTES / 4 / Math.max(1, updates)))));
}

/**
 * Walks the flat parameter vector in slices, reading the same slice of every
 * update into buffers reused from slice to slice: memory is sites × slice,
 * never every update whole. The columns handed to `visit` are only valid
 * during the call. Between slices the walk yields to the event loop, so a
 * long aggregation never starves the coordinator's streams.
 */
export async function forEachSlice(updates: readonly StrategyUpdate[], length: number, visit: (start: number, columns: Float32Array[]) => void): Promise<void> {
  const width = sliceWidth(updates.length, length);
  const buffers = updates.map(() => new Float32Array(Math.min(width, length)));
  for (let start = 0; start < length; start += width) {
    const end = Math.min(length, start + width);
    visit(
      start,
      updates.map((u, i) => u.readSlice(start, end, buffers[i]!)),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
}

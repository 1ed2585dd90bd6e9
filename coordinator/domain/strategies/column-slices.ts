import type { StrategyUpdate } from './strategy.js';

/** Bytes of columns a slice aims at: with the sums beside them they stay in the processor's last-level cache. */
const COLUMN_BYTES = 4 * 2 ** 20;
/**
 * The same for a slice folded on another thread while the next is read: two
 * sets of columns are then live, and the fold thread reads what this thread
 * wrote, so smaller slices that stay in the caches both threads share win
 * (10 updates × 10 M values here: 3.3 to 3.8 GB/s at 1.3 MB per slice,
 * 2.4 to 2.6 at 4 MB, against 2.8 to 3.0 folding on one thread).
 */
export const PIPELINED_COLUMN_BYTES = 2 ** 20;
/** The narrowest column read: below 64 KiB a read's fixed cost (about 5 µs here) outweighs copying its bytes. */
const MIN_WIDTH = 16_384;

/**
 * Values per column slice for `updates` updates of a `length`-value flat
 * vector: all the columns of a slice together about `columnBytes` (4 MiB), each at least
 * 64 KiB. Memory is then at most max(4 MiB, updates × 64 KiB), whatever the
 * model's size.
 */
export function sliceWidth(updates: number, length: number, columnBytes = COLUMN_BYTES): number {
  return Math.max(1, Math.min(length, Math.max(MIN_WIDTH, Math.floor(columnBytes / 4 / Math.max(1, updates)))));
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
    visit(start, readColumns(updates, start, Math.min(length, start + width), buffers));
    await nextTurn();
  }
}

/**
 * Values [start, end) of every update, each in its buffer (an update may
 * hand back a view of its own, which is copied in, so the caller can rely on
 * the buffers it gave: shared memory another thread reads, say).
 */
export function readColumns(updates: readonly StrategyUpdate[], start: number, end: number, buffers: readonly Float32Array[]): Float32Array[] {
  return updates.map((update, i) => {
    const into = buffers[i]!.subarray(0, end - start);
    const read = update.readSlice(start, end, into);
    if (read.buffer !== into.buffer || read.byteOffset !== into.byteOffset) into.set(read);
    return into;
  });
}

/** Yields to the event loop, so a long aggregation never starves the coordinator's streams. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

import type { StrategyUpdate } from './strategy.js';

/** Parameters per column slice: 64 Ki float32 values, 256 KiB per update held at a time. */
export const DEFAULT_SLICE = 65_536;

/**
 * Walks the flat parameter vector in slices, reading the same slice of every
 * update at once: memory is sites × slice, never every update whole.
 */
export async function forEachSlice(
  updates: readonly StrategyUpdate[],
  length: number,
  visit: (start: number, columns: Float32Array[]) => void,
  slice = DEFAULT_SLICE,
): Promise<void> {
  for (let start = 0; start < length; start += slice) {
    const end = Math.min(length, start + slice);
    const columns = await Promise.all(updates.map((u) => u.readSlice(start, end)));
    visit(start, columns);
  }
}

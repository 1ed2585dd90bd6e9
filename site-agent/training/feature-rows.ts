/**
 * One split of a site's samples as the trainer sees it: labels known up
 * front, features read on demand by row, so a split need not fit in memory
 * and reading can run ahead of the training step (see prefetch.ts).
 */
export interface FeatureRows {
  readonly count: number;
  /** Each sample's class index in the run's class list. */
  readonly labels: Int32Array;
  /** Features of the given rows, row-major, in the order asked. */
  read(rows: readonly number[]): Promise<Float32Array>;
}

/** Rows already decoded into one array (tables, IDX files, tests, benchmarks). */
export function inMemoryRows(features: Float32Array, labels: Int32Array): FeatureRows {
  const count = labels.length;
  const size = count === 0 ? 0 : features.length / count;
  if (!Number.isInteger(size)) throw new Error(`${features.length} feature values do not split into ${count} rows`);
  return {
    count,
    labels,
    read: async (rows) => {
      const out = new Float32Array(rows.length * size);
      rows.forEach((row, i) => out.set(features.subarray(row * size, (row + 1) * size), i * size));
      return out;
    },
  };
}

import type { Subgroups } from '../../common/subgroup-metrics.js';

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
  /** Segmentation: each pixel's class index in the run's class list, for the given rows, row-major. */
  readMasks?(rows: readonly number[]): Promise<Int32Array>;
  /** Validation: each row's scanner vendor, scanner model, age bin and sex where the headers say, for subgroup figures. */
  readonly subgroups?: Subgroups;
}

/** Rows already decoded into one array (tables, IDX files, tests, benchmarks); with masks, one class index per pixel. */
export function inMemoryRows(features: Float32Array, labels: Int32Array, masks?: Int32Array): FeatureRows {
  const count = labels.length;
  const size = count === 0 ? 0 : features.length / count;
  if (!Number.isInteger(size)) throw new Error(`${features.length} feature values do not split into ${count} rows`);
  const pick = <T extends Float32Array | Int32Array>(values: T, per: number, rows: readonly number[], out: T): T => {
    rows.forEach((row, i) => out.set(values.subarray(row * per, (row + 1) * per), i * per));
    return out;
  };
  const maskSize = masks && count > 0 ? masks.length / count : 0;
  return {
    count,
    labels,
    read: async (rows) => pick(features, size, rows, new Float32Array(rows.length * size)),
    ...(masks ? { readMasks: async (rows: readonly number[]) => pick(masks, maskSize, rows, new Int32Array(rows.length * maskSize)) } : {}),
  };
}

import { ConsiliumError } from '../../common/errors.js';
import type { FeatureScaling, Preprocessing } from '../../common/preprocessing.schema.js';

export interface FeatureStatistics {
  samples: number;
  mean: number[];
  /** Population standard deviation per column. */
  std: number[];
}

/** Mean and standard deviation of each column over a table's rows (Welford's update: stable for large values). */
export function featureStatistics(rows: Iterable<readonly number[]>, width: number): FeatureStatistics {
  let n = 0;
  const mean = new Array<number>(width).fill(0);
  const m2 = new Array<number>(width).fill(0);
  for (const row of rows) {
    n += 1;
    for (let j = 0; j < width; j++) {
      const delta = row[j]! - mean[j]!;
      mean[j]! += delta / n;
      m2[j]! += delta * (row[j]! - mean[j]!);
    }
  }
  return { samples: n, mean, std: m2.map((v) => (n > 0 ? Math.sqrt(v / n) : 0)) };
}

/**
 * The scaling a table applies for this preprocessing: none, this site's own
 * statistics, or the pooled ones the coordinator sent with the task.
 */
export function scalingFor(preprocessing: Preprocessing, local: () => FeatureStatistics, width: number): Pick<FeatureScaling, 'mean' | 'std'> | null {
  if (preprocessing.standardize === 'none') return null;
  const scaling = preprocessing.standardize === 'site' ? local() : preprocessing.featureScaling;
  if (!scaling)
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      'the run standardizes features federatedly, but the task carries no pooled statistics; the coordinator sends them from round 1 on',
    );
  if (scaling.mean.length !== width)
    throw new ConsiliumError('FAILED_PRECONDITION', `the pooled feature statistics have ${scaling.mean.length} columns; this site's table has ${width}`);
  return scaling;
}

/** (x − mean) / std in place, row-major; a constant column (std 0) is only centred. */
export function standardizeRows(features: Float32Array, width: number, scaling: Pick<FeatureScaling, 'mean' | 'std'> | null): Float32Array {
  if (!scaling) return features;
  for (let i = 0; i < features.length; i++) {
    const j = i % width;
    const std = scaling.std[j]!;
    features[i] = (features[i]! - scaling.mean[j]!) / (std > 1e-12 ? std : 1);
  }
  return features;
}

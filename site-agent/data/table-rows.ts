import { ConsiliumError } from '../../common/errors.js';
import type { DecodedSamples, SampleRef } from './dataset.js';
import { type FeatureStatistics, featureStatistics, scalingFor, standardizeRows } from './feature-scaling.js';
import { DEFAULT_PREPROCESSING, type Preprocessing } from './preprocess.js';

/** A table's feature rows by sample id, kept from the scan: decoding reads no file, and standardizes as the run asks. */
export class TableRows {
  private readonly rows = new Map<string, number[]>();
  private statistics: FeatureStatistics | null = null;
  width = 0;

  /** `shape` says what the columns are in the error for a model input of another width, e.g. "the table has 30 feature columns". */
  constructor(private readonly shape: (width: number) => string = (w) => `the table has ${w} feature columns`) {}

  reset(width: number): void {
    this.rows.clear();
    this.statistics = null;
    this.width = width;
  }

  set(id: string, values: number[]): void {
    this.rows.set(id, values);
    this.statistics = null;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Every column's mean and standard deviation over the scanned rows. */
  featureStatistics(): FeatureStatistics {
    this.statistics ??= featureStatistics(this.rows.values(), this.width);
    return this.statistics;
  }

  decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing: Preprocessing = DEFAULT_PREPROCESSING): DecodedSamples {
    if (inputShape.join(',') !== String(this.width)) {
      throw new ConsiliumError('INVALID_ARGUMENT', `${this.shape(this.width)}; the model's input must be [${this.width}], not [${inputShape.join(', ')}]`);
    }
    const features = new Float32Array(samples.length * this.width);
    samples.forEach((sample, row) => features.set(this.rows.get(sample.id)!, row * this.width));
    standardizeRows(
      features,
      this.width,
      scalingFor(preprocessing, () => this.featureStatistics(), this.width),
    );
    return { samples: [...samples], features, skipped: [] };
  }
}

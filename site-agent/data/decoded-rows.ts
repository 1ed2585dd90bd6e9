import { ConsiliumError } from '../../common/errors.js';
import type { FeatureRows } from '../training/feature-rows.js';
import type { DatasetSource, SampleRef } from './dataset.js';
import { DEFAULT_PREPROCESSING, type Preprocessing } from './preprocess.js';

/**
 * Decoded rows kept between epochs and rounds, up to a byte budget shared by
 * every split of the agent: a site whose data fits decodes each file once; a
 * larger one decodes what does not fit again each epoch, ahead of the
 * training step, instead of running out of memory.
 */
export class RowCache {
  private used = 0;
  private readonly rows = new Map<string, Float32Array>();

  constructor(private readonly budgetBytes: number) {}

  get(key: string): Float32Array | undefined {
    return this.rows.get(key);
  }

  /** Keeps the row if it fits in what is left of the budget; rows once kept stay (no churn between epochs). */
  offer(key: string, row: Float32Array): void {
    if (this.rows.has(key) || this.used + row.byteLength > this.budgetBytes) return;
    this.rows.set(key, row);
    this.used += row.byteLength;
  }

  get bytes(): number {
    return this.used;
  }
}

/** A split read from a dataset source on demand, decoding to one input shape and caching what the budget allows. */
export function decodedRows(
  source: DatasetSource,
  samples: readonly SampleRef[],
  labels: Int32Array,
  inputShape: readonly number[],
  cache: RowCache,
  preprocessing: Preprocessing = DEFAULT_PREPROCESSING,
): FeatureRows {
  const size = inputShape.reduce((a, b) => a * b, 1);
  const prepared = JSON.stringify(preprocessing);
  const keyOf = (sample: SampleRef): string => `${inputShape.join('x')}|${prepared}|${sample.id}|${sample.contentSha256}`;
  return {
    count: samples.length,
    labels,
    async read(rows) {
      const out = new Float32Array(rows.length * size);
      const missing: { at: number; sample: SampleRef }[] = [];
      rows.forEach((row, at) => {
        const sample = samples[row]!;
        const cached = source.inMemory ? undefined : cache.get(keyOf(sample));
        if (cached) out.set(cached, at * size);
        else missing.push({ at, sample });
      });
      if (missing.length === 0) return out;
      const decoded = await source.decode(
        missing.map((m) => m.sample),
        inputShape,
        preprocessing,
      );
      if (decoded.skipped.length > 0) {
        // Every sample decoded when the agent scanned; one that no longer does changed on disk since.
        const first = decoded.skipped[0]!;
        throw new ConsiliumError(
          'FAILED_PRECONDITION',
          `${first.id} decoded at scan but not now (${first.reason}); the data changed under the agent: restart it to rescan`,
        );
      }
      missing.forEach(({ at, sample }, i) => {
        const row = decoded.features.slice(i * size, (i + 1) * size);
        out.set(row, at * size);
        if (!source.inMemory) cache.offer(keyOf(sample), row);
      });
      return out;
    },
  };
}

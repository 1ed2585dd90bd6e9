import { forEachSlice } from './column-slices.js';
import { FedAvg } from './fed-avg.strategy.js';
import { flatLength, NextModel } from './flat-vector.js';
import { type AggregationInput, AggregationRefused, type AggregationResult } from './strategy.js';
import { forEachMeanSlice } from './weighted-mean.js';

/** Krum's guarantee needs n ≥ 2f + 3 updates to tolerate f faulty ones. */
export function krumMinimum(f: number): number {
  return 2 * f + 3;
}

/**
 * Krum and Multi-Krum (Blanchard et al. 2017). Each update is scored by the
 * sum of squared distances to its n − f − 2 nearest other updates; Krum
 * keeps the best-scored update, Multi-Krum the m best and averages them by
 * sample count (as Flower does). Distances are summed over column slices, so
 * memory is n² distances plus n slices. Ties go to the earlier update.
 */
export class Krum extends FedAvg {
  override readonly name: string;

  constructor(
    private readonly f: number,
    /** How many updates to keep; 1 is Krum, more is Multi-Krum; null keeps n − f. */
    private readonly keep: number | null,
  ) {
    super();
    this.name = keep === 1 ? 'krum' : 'multi-krum';
  }

  override async aggregate(input: AggregationInput): Promise<AggregationResult> {
    const { updates, shared, failures } = input;
    const n = updates.length;
    if (n < krumMinimum(this.f)) {
      const missing = failures.length > 0 ? `; missing: ${failures.map((x) => `${x.siteId} (${x.reason})`).join(', ')}` : '';
      throw new AggregationRefused(`${this.name} tolerating f = ${this.f} needs at least ${krumMinimum(this.f)} updates, got ${n}${missing}`);
    }
    const distances = Array.from({ length: n }, () => new Float64Array(n));
    await forEachSlice(updates, flatLength(shared), (_start, columns) => {
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b < n; b++) {
          const x = columns[a]!;
          const y = columns[b]!;
          let sum = 0;
          for (let j = 0; j < x.length; j++) sum += (x[j]! - y[j]!) ** 2;
          distances[a]![b]! += sum;
          distances[b]![a]! += sum;
        }
      }
    });
    const neighbours = n - this.f - 2;
    const scores = distances.map((row, a) => {
      const others = Array.from(row)
        .filter((_, b) => b !== a)
        .sort((p, q) => p - q);
      return others.slice(0, neighbours).reduce((s, d) => s + d, 0);
    });
    const keep = Math.min(n, this.keep ?? n - this.f);
    const ranked = scores.map((score, i) => ({ score, i })).sort((p, q) => p.score - q.score || p.i - q.i);
    const chosen = ranked
      .slice(0, keep)
      .map((r) => r.i)
      .sort((p, q) => p - q);
    const next = new NextModel(input.global, shared);
    await forEachMeanSlice(
      shared,
      chosen.map((i) => updates[i]!),
      (start, mean) => next.add(start, mean),
    );
    const excluded = ranked
      .slice(keep)
      .map((r) => ({ siteId: updates[r.i]!.siteId, reason: `${this.name} score ${r.score.toPrecision(4)} not among the ${keep} lowest` }));
    return { weights: next.result(), state: null, used: chosen.map((i) => updates[i]!.siteId), excluded: [...failures, ...excluded] };
  }
}

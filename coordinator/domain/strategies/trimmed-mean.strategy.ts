import { FedAvg } from './fed-avg.strategy.js';
import { coordinateWise, trimmedMeanOf } from './median.strategy.js';
import { type AggregationInput, AggregationRefused, type AggregationResult } from './strategy.js';

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018): at each coordinate, drop
 * the ⌊β·n⌋ largest and ⌊β·n⌋ smallest of the n sites' values and average
 * the rest, unweighted. β = 0 is the plain unweighted mean.
 */
export class TrimmedMean extends FedAvg {
  override readonly name = 'trimmed-mean';

  constructor(private readonly beta: number) {
    super();
  }

  override async aggregate(input: AggregationInput): Promise<AggregationResult> {
    const n = input.updates.length;
    const cut = Math.floor(this.beta * n);
    if (n - 2 * cut < 1) throw new AggregationRefused(`trimmed mean with beta ${this.beta} cuts ${cut} of ${n} updates from each side and leaves none`);
    const weights = await coordinateWise(input, (sorted) => trimmedMeanOf(sorted, cut));
    return { weights, state: null, used: input.updates.map((u) => u.siteId), excluded: [...input.failures] };
  }
}

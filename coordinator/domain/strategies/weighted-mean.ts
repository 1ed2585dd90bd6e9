import { ConsiliumError } from '../../../common/errors.js';
import type { WeightSpec } from '../../../common/model-weights.js';
import type { NamedTensor } from '../../../common/tensor-codec.js';
import { flatLength } from './flat-vector.js';
import type { StrategyUpdate } from './strategy.js';

/**
 * Sample-weighted mean of deltas, folded one update at a time: memory is one
 * float64 sum per parameter, whatever the number of sites, and float64 sums
 * keep the digits many float32 additions would lose.
 *
 *   mean = Σ n_i · Δ_i / Σ n_i
 */
export class WeightedMean {
  private readonly sums: Float64Array;
  private totalWeight = 0;
  private count = 0;

  constructor(shared: readonly WeightSpec[]) {
    this.sums = new Float64Array(flatLength(shared));
  }

  get updates(): number {
    return this.count;
  }

  get weight(): number {
    return this.totalWeight;
  }

  /** Folds one delta (the shared tensors in layout order, already checked against the layout). */
  add(delta: readonly NamedTensor[], weight: number): void {
    if (!(weight > 0)) throw new ConsiliumError('INVALID_ARGUMENT', 'an update must carry a positive sample count');
    let offset = 0;
    for (const tensor of delta) {
      const values = tensor.values;
      if (offset + values.length > this.sums.length) throw new ConsiliumError('INVALID_ARGUMENT', 'update holds more values than the shared model');
      for (let j = 0; j < values.length; j++) this.sums[offset + j]! += weight * values[j]!;
      offset += values.length;
    }
    if (offset !== this.sums.length) throw new ConsiliumError('INVALID_ARGUMENT', 'update does not carry every shared tensor');
    this.totalWeight += weight;
    this.count += 1;
  }

  mean(): Float64Array {
    if (this.count === 0) throw new ConsiliumError('FAILED_PRECONDITION', 'cannot aggregate a round with no accepted update');
    return this.sums.map((sum) => sum / this.totalWeight);
  }
}

/** Reads each update once, in turn, and returns the sample-weighted mean delta. */
export async function weightedMeanOf(shared: readonly WeightSpec[], updates: readonly StrategyUpdate[]): Promise<Float64Array> {
  const mean = new WeightedMean(shared);
  for (const update of updates) mean.add(await update.read(), update.sampleCount);
  return mean.mean();
}

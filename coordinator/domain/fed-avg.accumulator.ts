import { ConsiliumError } from '../../common/errors.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import type { WeightSpec } from '../../common/model-weights.js';
import { elementCount } from '../../common/tensor-codec.js';

/**
 * Sample-weighted FedAvg over weight deltas, folded one update at a time:
 * memory is one float64 sum per parameter, whatever the number of sites.
 * Sums are float64 so that adding many float32 deltas does not lose digits.
 *
 *   next = global + Σ n_i · Δ_i / Σ n_i
 */
export class FedAvgAccumulator {
  private readonly sums: Float64Array[];
  private totalSamples = 0;
  private count = 0;

  constructor(private readonly specs: readonly WeightSpec[]) {
    this.sums = specs.map((s) => new Float64Array(elementCount(s.shape)));
  }

  get updates(): number {
    return this.count;
  }

  get samples(): number {
    return this.totalSamples;
  }

  /** Folds one delta; the caller has already validated its names and shapes against the specs. */
  add(delta: readonly NamedTensor[], sampleCount: number): void {
    if (!(sampleCount > 0)) throw new ConsiliumError('INVALID_ARGUMENT', 'an update must carry a positive sample count');
    if (delta.length !== this.specs.length) throw new ConsiliumError('INVALID_ARGUMENT', 'update does not carry every model tensor');
    delta.forEach((tensor, i) => {
      const sum = this.sums[i]!;
      const values = tensor.values;
      for (let j = 0; j < sum.length; j++) sum[j]! += sampleCount * values[j]!;
    });
    this.totalSamples += sampleCount;
    this.count += 1;
  }

  /** The next global weights. */
  apply(global: readonly NamedTensor[]): NamedTensor[] {
    if (this.count === 0) throw new ConsiliumError('FAILED_PRECONDITION', 'cannot aggregate a round with no accepted update');
    return global.map((tensor, i) => {
      const sum = this.sums[i]!;
      const next = new Float32Array(sum.length);
      for (let j = 0; j < sum.length; j++) next[j] = tensor.values[j]! + sum[j]! / this.totalSamples;
      return { name: tensor.name, shape: [...tensor.shape], values: next };
    });
  }
}

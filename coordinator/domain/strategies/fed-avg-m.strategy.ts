import { FedAvg } from './fed-avg.strategy.js';
import { applyDelta, flatLength, stateTensor, stateVector } from './flat-vector.js';
import type { AggregationInput, AggregationResult } from './strategy.js';
import { weightedMeanOf } from './weighted-mean.js';

/**
 * FedAvgM (Hsu et al. 2019): server momentum over the mean delta Δ̄.
 *   v ← β·v + Δ̄        w ← w + η·v        (v starts at 0)
 */
export class FedAvgM extends FedAvg {
  override readonly name = 'fedavgm';

  constructor(
    private readonly serverLearningRate: number,
    private readonly momentum: number,
  ) {
    super();
  }

  override async aggregate({ global, shared, updates, failures, state }: AggregationInput): Promise<AggregationResult> {
    const mean = await weightedMeanOf(shared, updates);
    const velocity = stateVector(state, 'velocity', flatLength(shared)) ?? new Float64Array(mean.length);
    const step = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      velocity[i] = this.momentum * velocity[i]! + mean[i]!;
      step[i] = this.serverLearningRate * velocity[i]!;
    }
    return {
      weights: applyDelta(global, shared, step),
      state: [stateTensor('velocity', velocity)],
      used: updates.map((u) => u.siteId),
      excluded: [...failures],
    };
  }
}

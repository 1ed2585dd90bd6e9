import type { WeightSpec } from '../../../common/model-weights.js';
import { applyDelta } from './flat-vector.js';
import { everySite } from './round-plans.js';
import type { AggregationInput, AggregationResult, Strategy } from './strategy.js';
import { weightedMeanOf } from './weighted-mean.js';

/**
 * FedAvg (McMahan et al. 2017): the sample-weighted mean of the deltas.
 *   w ← w + Σ n_i Δ_i / Σ n_i
 */
export class FedAvg implements Strategy {
  readonly name: string = 'fedavg';

  configureRound(_round: number, candidates: readonly string[], model: readonly WeightSpec[]) {
    return everySite(candidates, model);
  }

  async aggregate({ global, shared, updates, failures }: AggregationInput): Promise<AggregationResult> {
    const mean = await weightedMeanOf(shared, updates);
    return { weights: applyDelta(global, shared, mean), state: null, used: updates.map((u) => u.siteId), excluded: [...failures] };
  }
}

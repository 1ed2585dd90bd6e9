import type { WeightSpec } from '../../../common/model-weights.js';
import { NextModel } from './flat-vector.js';
import { everySite } from './round-plans.js';
import type { AggregationInput, AggregationResult, Strategy } from './strategy.js';
import { forEachMeanSlice } from './weighted-mean.js';

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
    // Written into the next model slice by slice: the whole mean delta is never held.
    const next = new NextModel(global, shared);
    await forEachMeanSlice(shared, updates, (start, mean) => next.add(start, mean));
    return { weights: next.result(), state: null, used: updates.map((u) => u.siteId), excluded: [...failures] };
  }
}

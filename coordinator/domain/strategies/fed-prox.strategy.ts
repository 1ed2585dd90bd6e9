import type { WeightSpec } from '../../../common/model-weights.js';
import { FedAvg } from './fed-avg.strategy.js';
import { everySite } from './round-plans.js';

/**
 * FedProx (Li et al. 2020): each site minimises its loss plus
 * μ/2·‖w − w_global‖², which holds sites with skewed data near the global
 * model; the server averages as FedAvg does.
 */
export class FedProx extends FedAvg {
  override readonly name = 'fedprox';

  constructor(private readonly mu: number) {
    super();
  }

  override configureRound(_round: number, candidates: readonly string[], model: readonly WeightSpec[]) {
    return everySite(candidates, model, { proximalMu: this.mu });
  }
}

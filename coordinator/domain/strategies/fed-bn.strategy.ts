import type { WeightSpec } from '../../../common/model-weights.js';
import { FedAvg } from './fed-avg.strategy.js';
import { everySite } from './round-plans.js';

/** Batch normalization's tensors: gamma, beta, moving mean and moving variance. */
export function isNormalization(spec: WeightSpec): boolean {
  return spec.layerClass === 'BatchNormalization';
}

/**
 * FedBN (Li et al. 2021): normalization-layer tensors stay at each site (never
 * sent, never averaged, never overwritten there); the rest is averaged as
 * FedAvg does. Each scanner keeps the statistics of its own images.
 */
export class FedBN extends FedAvg {
  override readonly name = 'fedbn';

  override configureRound(_round: number, candidates: readonly string[], model: readonly WeightSpec[]) {
    return everySite(candidates, model, { share: (spec) => !isNormalization(spec) });
  }
}

import type { WeightSpec } from '../../../common/model-weights.js';
import type { RoundConfiguration } from './strategy.js';

/** Every candidate site trains with the run's settings and shares every tensor (or those `share` keeps). */
export function everySite(
  candidates: readonly string[],
  model: readonly WeightSpec[],
  options: { proximalMu?: number; share?: (spec: WeightSpec) => boolean } = {},
): RoundConfiguration {
  return {
    sites: candidates.map((siteId) => ({ siteId, proximalMu: options.proximalMu ?? 0, hyperParameters: {} })),
    sharedTensors: model.filter(options.share ?? (() => true)).map((s) => s.name),
  };
}

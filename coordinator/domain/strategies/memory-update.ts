import type { NamedTensor } from '../../../common/tensor-codec.js';
import { flatSlice } from './flat-vector.js';
import type { StrategyUpdate } from './strategy.js';

/** An update held in memory (simulations, tests), read through the same interface as stored ones. */
export function memoryUpdate(siteId: string, sampleCount: number, delta: readonly NamedTensor[]): StrategyUpdate {
  return {
    siteId,
    sampleCount,
    readSlice: (start, end, into) => flatSlice(delta, start, end, into),
  };
}

import type { NamedTensor } from '../../../common/tensor-codec.js';
import { flatSlice } from './flat-vector.js';
import type { StrategyUpdate } from './strategy.js';

/** An update held in memory (simulations, tests), read through the same interface as stored ones. */
export function memoryUpdate(siteId: string, sampleCount: number, delta: readonly NamedTensor[]): StrategyUpdate {
  return {
    siteId,
    sampleCount,
    read: async () => delta.map((t) => ({ ...t, values: new Float32Array(t.values) })),
    readSlice: async (start, end) => flatSlice(delta, start, end),
  };
}

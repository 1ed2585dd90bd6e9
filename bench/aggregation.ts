import { seededRandom } from '../common/seeded-random.js';
import { WeightedMean } from '../coordinator/domain/strategies/weighted-mean.js';
import type { BenchRow } from './table.js';

/** FedAvg fold throughput next to this process's plain sequential read of the same bytes. */
export function aggregationBench(quick: boolean): { rows: BenchRow[]; checksum: number } {
  const params = quick ? 1_000_000 : 10_000_000;
  const updates = quick ? 3 : 10;
  const random = seededRandom(1);
  const delta = [{ name: 'w', shape: [params], values: Float32Array.from({ length: params }, () => random() - 0.5) }];
  let checksum = 0;
  let started = performance.now();
  for (let u = 0; u < updates; u++) for (let i = 0; i < params; i++) checksum += delta[0]!.values[i]!;
  const readSeconds = (performance.now() - started) / 1000;
  const accumulator = new WeightedMean([{ name: 'w', shape: [params] }]);
  started = performance.now();
  for (let u = 0; u < updates; u++) accumulator.add(delta, 10 + u);
  const foldSeconds = (performance.now() - started) / 1000;
  const gb = (updates * params * 4) / 1e9;
  return {
    rows: [{ benchmark: `FedAvg fold, ${updates} updates × ${params / 1e6} M float32`, measured: `${(gb / foldSeconds).toFixed(2)} GB/s`, baseline: `${(gb / readSeconds).toFixed(2)} GB/s read`, ratio: readSeconds / foldSeconds }],
    checksum,
  };
}

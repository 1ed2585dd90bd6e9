import { seededRandom } from '../common/seeded-random.js';
import type { NamedTensor } from '../common/tensor-codec.js';
import { strategyFor } from '../coordinator/domain/strategies/index.js';
import { memoryUpdate } from '../coordinator/domain/strategies/memory-update.js';
import { WeightedMean } from '../coordinator/domain/strategies/weighted-mean.js';
import type { StrategySpec } from '../common/run-spec.schema.js';
import type { BenchRow } from './table.js';

/**
 * Aggregation cost, side by side: the FedAvg fold against a plain sequential
 * read of the same bytes, and each robust strategy against FedAvg on the
 * same updates (in memory, so the rows compare arithmetic, not disks).
 */
export async function aggregationBench(quick: boolean): Promise<{ rows: BenchRow[]; checksum: number }> {
  const params = quick ? 1_000_000 : 10_000_000;
  const sites = 10;
  const random = seededRandom(1);
  const deltas: NamedTensor[][] = Array.from({ length: sites }, () => [{ name: 'w', shape: [params], values: Float32Array.from({ length: params }, () => random() - 0.5) }]);
  const rows: BenchRow[] = [];
  let checksum = 0;
  // Each measurement runs twice and keeps the second, so neither side pays for JIT warm-up.
  const twice = (work: () => void): number => {
    work();
    const t = performance.now();
    work();
    return (performance.now() - t) / 1000;
  };
  const readSeconds = twice(() => {
    let sum = 0;
    for (const delta of deltas) {
      const values = delta[0]!.values;
      for (let i = 0; i < params; i++) sum += values[i]!;
    }
    checksum += sum;
  });
  const foldSeconds = twice(() => {
    const mean = new WeightedMean([{ name: 'w', shape: [params] }]);
    for (const [u, delta] of deltas.entries()) mean.add(delta, 10 + u);
  });
  const gb = (sites * params * 4) / 1e9;
  rows.push({ benchmark: `FedAvg fold, ${sites} updates × ${params / 1e6} M float32`, measured: `${(gb / foldSeconds).toFixed(2)} GB/s`, baseline: `${(gb / readSeconds).toFixed(2)} GB/s read`, ratio: readSeconds / foldSeconds });

  const global = [{ name: 'w', shape: [params], values: new Float32Array(params) }];
  const time = async (spec: StrategySpec): Promise<number> => {
    const updates = deltas.map((d, i) => memoryUpdate(`site-${i}`, 10 + i, d));
    let seconds = 0;
    for (let pass = 0; pass < 2; pass++) {
      const t = performance.now();
      const result = await strategyFor(spec).aggregate({ round: 1, global, shared: [{ name: 'w', shape: [params] }], updates, failures: [], state: null });
      checksum += result.weights[0]!.values[0]!;
      seconds = (performance.now() - t) / 1000;
    }
    return seconds;
  };
  const fedavg = await time({ name: 'fedavg' });
  for (const spec of [{ name: 'median' }, { name: 'trimmed-mean', beta: 0.2 }, { name: 'krum', f: 2 }, { name: 'fedadam', serverLearningRate: 0.01, beta1: 0.9, beta2: 0.99, tau: 0.001 }] as StrategySpec[]) {
    const seconds = await time(spec);
    rows.push({ benchmark: `aggregate ${sites} updates × ${params / 1e6} M: ${spec.name} vs fedavg`, measured: `${seconds.toFixed(2)} s`, baseline: `${fedavg.toFixed(2)} s`, ratio: fedavg / seconds });
  }
  return { rows, checksum };
}

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { StrategySpec } from '../common/run-spec.schema.js';
import { seededRandom } from '../common/seeded-random.js';
import type { NamedTensor } from '../common/tensor-codec.js';
import { strategyFor } from '../coordinator/domain/strategies/index.js';
import { memoryUpdate } from '../coordinator/domain/strategies/memory-update.js';
import { forEachMeanSlice } from '../coordinator/domain/strategies/weighted-mean.js';
import type { BenchRow } from './table.js';

/** A local accumulator in a function of its own, so the loop reaches the JIT's top tier like the fold it is compared with. */
export function sumOf(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}

/** Seconds of each of three runs of `work`, fastest first. */
export async function threePasses(work: () => unknown): Promise<number[]> {
  const seconds: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    await work();
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds.sort((a, b) => a - b);
}

/** Seconds of the fastest of three runs: the first ones also bring the code to the JIT's top tier. */
export async function bestOfThree(work: () => unknown): Promise<number> {
  return (await threePasses(work))[0]!;
}

/**
 * Aggregation cost, side by side: the FedAvg fold against a plain sequential
 * read of the same bytes, and each robust strategy against FedAvg on the
 * same updates (in memory, so the rows compare arithmetic, not disks).
 */
export async function aggregationBench(quick: boolean): Promise<{ rows: BenchRow[]; checksum: number }> {
  const params = quick ? 1_000_000 : 10_000_000;
  const sites = 10;
  const random = seededRandom(1);
  const deltas: NamedTensor[][] = Array.from({ length: sites }, () => [
    { name: 'w', shape: [params], values: Float32Array.from({ length: params }, () => random() - 0.5) },
  ]);
  const rows: BenchRow[] = [];
  let checksum = 0;
  const readSeconds = await bestOfThree(() => {
    for (const delta of deltas) checksum += sumOf(delta[0]!.values);
  });
  const shared = [{ name: 'w', shape: [params] }];
  const memoryUpdates = deltas.map((d, i) => memoryUpdate(`site-${i}`, 10 + i, d));
  const foldSeconds = await bestOfThree(() => forEachMeanSlice(shared, memoryUpdates, (_start, mean) => (checksum += mean[0]!)));
  const gb = (sites * params * 4) / 1e9;
  rows.push({
    benchmark: `FedAvg fold, ${sites} updates × ${params / 1e6} M float32`,
    measured: `${(gb / foldSeconds).toFixed(2)} GB/s`,
    baseline: `${(gb / readSeconds).toFixed(2)} GB/s read`,
    ratio: readSeconds / foldSeconds,
  });

  rows.push(numpyRow(sites, params, gb / foldSeconds));

  const global = [{ name: 'w', shape: [params], values: new Float32Array(params) }];
  const time = (spec: StrategySpec): Promise<number> =>
    bestOfThree(async () => {
      const result = await strategyFor(spec).aggregate({ round: 1, global, shared, updates: memoryUpdates, failures: [], state: null });
      checksum += result.weights[0]!.values[0]!;
    });
  const fedavg = await time({ name: 'fedavg' });
  for (const spec of [
    { name: 'median' },
    { name: 'trimmed-mean', beta: 0.2 },
    { name: 'krum', f: 2 },
    { name: 'fedadam', serverLearningRate: 0.01, beta1: 0.9, beta2: 0.99, tau: 0.001 },
  ] as StrategySpec[]) {
    const seconds = await time(spec);
    rows.push({
      benchmark: `aggregate ${sites} updates × ${params / 1e6} M: ${spec.name} vs fedavg`,
      measured: `${seconds.toFixed(2)} s`,
      baseline: `${fedavg.toFixed(2)} s`,
      ratio: fedavg / seconds,
    });
  }
  return { rows, checksum };
}

/**
 * Consilium's in-memory FedAvg fold against Flower's `aggregate()`
 * arithmetic in numpy on the same shape (bench/numpy_fedavg.py), when a
 * Python with numpy is at hand.
 */
function numpyRow(sites: number, params: number, foldGbPerSecond: number): BenchRow {
  const benchmark = `FedAvg fold vs numpy (Flower's aggregate()), ${sites} updates × ${params / 1e6} M float32`;
  const script = fileURLToPath(new URL('../../bench/numpy_fedavg.py', import.meta.url));
  const run = spawnSync('python3', [script, '--updates', String(sites), '--params', String(params)], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    const why = run.error ? 'python3 not installed' : /No module named .?numpy/.test(run.stderr) ? 'numpy not installed' : run.stderr.trim().split('\n').at(-1);
    return { benchmark, measured: `${foldGbPerSecond.toFixed(2)} GB/s`, baseline: why ?? 'failed', ratio: NaN };
  }
  const { numpy, gbPerSecond } = JSON.parse(run.stdout) as { numpy: string; gbPerSecond: number };
  return {
    benchmark,
    measured: `${foldGbPerSecond.toFixed(2)} GB/s`,
    baseline: `${gbPerSecond.toFixed(2)} GB/s numpy ${numpy}`,
    ratio: foldGbPerSecond / gbPerSecond,
  };
}

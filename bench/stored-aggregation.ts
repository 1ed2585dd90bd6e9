import { spawnSync } from 'node:child_process';
import path from 'node:path';

import type { BenchRow } from './table.js';

interface ChildResult {
  n: number;
  p: number;
  results: Record<string, { seconds: number; peakAboveIdle: number }>;
  readSeconds: number;
}

/** Runs one aggregation measurement in a process of its own (see aggregation-child.ts). */
function measure(n: number, p: number, strategies: string[]): ChildResult {
  const child = spawnSync(process.execPath, ['--expose-gc', path.resolve('dist/bench/aggregation-child.js'), String(n), String(p), ...strategies], {
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`aggregation-child ${n} ${p}: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/**
 * Aggregation of updates stored as blobs, as the coordinator runs it:
 * streaming FedAvg's GB/s next to the same process's plain read of as many
 * bytes; median and Krum next to FedAvg; and the peak RSS above idle while
 * aggregating, divided by the model size.
 */
export function storedAggregationBench(quick: boolean): BenchRow[] {
  const shapes: [number, number][] = quick
    ? [
        [10, 1_000_000],
        [20, 500_000],
      ]
    : [
        [10, 10_000_000],
        [50, 2_000_000],
        [100, 1_000_000],
      ];
  const rows: BenchRow[] = [];
  for (const [n, p] of shapes) {
    const robust = (quick && n === 20) || (!quick && n === 50);
    const result = measure(n, p, robust ? ['fedavg', 'median', 'krum'] : ['fedavg']);
    const gb = (n * p * 4) / 1e9;
    const fedavg = result.results['fedavg']!;
    rows.push({
      benchmark: `stored FedAvg, ${n} updates × ${p / 1e6} M float32`,
      measured: `${(gb / fedavg.seconds).toFixed(2)} GB/s`,
      baseline: `${(gb / result.readSeconds).toFixed(2)} GB/s plain read`,
      ratio: result.readSeconds / fedavg.seconds,
    });
    const robustNames = robust ? ['median', 'krum'] : [];
    for (const name of robustNames) {
      const r = result.results[name]!;
      rows.push({
        benchmark: `stored ${name} vs FedAvg, ${n} × ${p / 1e6} M`,
        measured: `${r.seconds.toFixed(2)} s`,
        baseline: `${fedavg.seconds.toFixed(2)} s`,
        ratio: fedavg.seconds / r.seconds,
      });
    }
    for (const name of ['fedavg', ...robustNames]) {
      const r = result.results[name]!;
      const model = p * 4;
      rows.push({
        benchmark: `peak RSS above idle while aggregating ${n} × ${p / 1e6} M: ${name}`,
        measured: `${(r.peakAboveIdle / 2 ** 20).toFixed(1)} MB`,
        baseline: `model ${(model / 2 ** 20).toFixed(1)} MB`,
        ratio: r.peakAboveIdle / model,
      });
    }
  }
  return rows;
}

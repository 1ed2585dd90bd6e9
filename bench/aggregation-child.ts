// node --expose-gc dist/bench/aggregation-child.js N P strategy…: aggregation of N stored updates of P float32
// parameters in a process of its own, so its peak RSS is the aggregation's. Prints one JSON line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { StrategySpec } from '../common/run-spec.schema.js';
import { seededRandom } from '../common/seeded-random.js';
import { encodeTensors } from '../common/tensor-codec.js';
import type { Update } from '../coordinator/domain/records.js';
import { strategyFor } from '../coordinator/domain/strategies/index.js';
import { FsBlobStore } from '../coordinator/persistence/blob-store.js';
import { openStoredUpdates } from '../coordinator/services/stored-update.js';
import { sumOf } from './aggregation.js';
import { benchUpdate } from './bench-update.js';

const [n, p] = [Number(process.argv[2]), Number(process.argv[3])];
const strategies = process.argv.slice(4);
const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
let checksum = 0;

const root = mkdtempSync(path.join(tmpdir(), 'consilium-aggregation-'));
try {
  const blobs = new FsBlobStore(root);
  const random = seededRandom(n * 7919 + p);
  const values = new Float32Array(p);
  const rows: Update[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) values[j] = random() - 0.5;
    const sha256 = await blobs.put(encodeTensors([{ name: 'w', shape: [p], values }]));
    rows.push(benchUpdate(i, sha256, p * 4));
  }
  const global = [{ name: 'w', shape: [p], values: new Float32Array(p) }];
  const shared = [{ name: 'w', shape: [p] }];
  const results: Record<string, { seconds: number; peakAboveIdle?: number }> = {};
  for (const name of strategies) {
    const spec = (name === 'krum' ? { name, f: Math.max(1, Math.floor((n - 3) / 2 / 4)) } : { name }) as StrategySpec;
    const run = async () => {
      const updates = await openStoredUpdates(blobs, rows);
      try {
        return await strategyFor(spec).aggregate({ round: 1, global, shared, updates, failures: [], state: null });
      } finally {
        for (const update of updates) update.close();
      }
    };
    // The first pass warms the JIT and the page cache; then the best of two is kept, each with the peak RSS reset just
    // before it, and the higher of the two peaks.
    await run();
    let seconds = Infinity;
    let peakAboveIdle = 0;
    for (let pass = 0; pass < 2; pass++) {
      gc();
      const idle = kb('VmRSS');
      writeFileSync('/proc/self/clear_refs', '5');
      const started = performance.now();
      const result = await run();
      seconds = Math.min(seconds, (performance.now() - started) / 1000);
      peakAboveIdle = Math.max(peakAboveIdle, kb('VmHWM') - idle);
      if (!Number.isFinite(result.weights[0]!.values[0]!)) throw new Error(`${name} produced a non-finite weight`);
    }
    results[name] = { seconds, peakAboveIdle };
  }
  // The same process's plain sequential read of as many bytes from memory: n arrays of p float32 values, each summed,
  // best of three passes (the first ones also bring the loop to the JIT's top tier).
  const arrays = Array.from({ length: n }, (_, i) => new Float32Array(p).fill(i));
  let readSeconds = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const array of arrays) checksum += sumOf(array);
    readSeconds = Math.min(readSeconds, (performance.now() - started) / 1000);
  }
  console.log(JSON.stringify({ n, p, results, readSeconds, checksum }));
} finally {
  rmSync(root, { recursive: true, force: true });
}

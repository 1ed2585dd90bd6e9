import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../common/seeded-random.js';
import { FoldThread } from '../../coordinator/domain/strategies/fold/fold-thread.js';
import { memoryUpdate } from '../../coordinator/domain/strategies/memory-update.js';
import type { StrategyUpdate } from '../../coordinator/domain/strategies/strategy.js';
import { FOLD_THREAD_MIN_VALUES, forEachMeanSlice } from '../../coordinator/domain/strategies/weighted-mean.js';

const shared = [
  { name: 'a', shape: [1000, 700] },
  { name: 'b', shape: [300_001] },
];
const length = 1_000_001;

/** Five updates (four folded together, one alone) of a model split over two tensors, with seeded values. */
function updates(): StrategyUpdate[] {
  const random = seededRandom(5);
  return [3, 17, 1, 250, 9].map((samples, i) =>
    memoryUpdate(
      `site-${i}`,
      samples,
      shared.map((s) => {
        const values = new Float32Array(s.shape.reduce((x, y) => x * y, 1));
        // A seeded table of 4096 values, strided by a prime: varied enough, and cheap for five million values.
        const table = Float32Array.from({ length: 4096 }, () => random() * 2 - 1);
        for (let j = 0; j < values.length; j++) values[j] = table[(j * 769) & 4095]!;
        return { name: s.name, shape: s.shape, values };
      }),
    ),
  );
}

/** The mean, and where each visited slice ended when the next began (so [0, …] with one entry per slice means in order, no gap, no overlap). */
async function meanOf(list: StrategyUpdate[], thread: FoldThread | null): Promise<{ mean: Float64Array; gaps: number[] }> {
  const mean = new Float64Array(length);
  const gaps: number[] = [];
  let end = 0;
  await forEachMeanSlice(
    shared,
    list,
    (start, slice) => {
      gaps.push(start - end);
      end = start + slice.length;
      mean.set(slice, start);
    },
    thread,
  );
  gaps.push(length - end);
  return { mean, gaps };
}

/** The first index where two means differ in any bit, or -1 (a deep equality over a million values takes seconds). */
function firstDifference(a: Float64Array, b: Float64Array): number {
  const [x, y] = [new BigUint64Array(a.buffer), new BigUint64Array(b.buffer)];
  if (x.length !== y.length) return Math.min(x.length, y.length);
  return x.findIndex((v, i) => v !== y[i]);
}

describe('the fold thread', () => {
  it.skipIf(availableParallelism() < 2)('gives the mean bit for bit as folding on this thread does, every slice once and in order', async () => {
    expect(length * 5).toBeGreaterThanOrEqual(FOLD_THREAD_MIN_VALUES);
    const thread = FoldThread.shared();
    expect(thread).not.toBeNull();
    const list = updates();
    const here = await meanOf(list, null);
    const there = await meanOf(list, thread);
    expect(new Set(here.gaps)).toEqual(new Set([0]));
    expect(new Set(there.gaps)).toEqual(new Set([0]));
    expect(there.gaps.length).toBeGreaterThan(3);
    expect(firstDifference(there.mean, here.mean)).toBe(-1);
    // Spot values worked by hand from the updates: the weighted mean of the first value.
    const first = list.map((u) => u.readSlice(0, 1, new Float32Array(1))[0]!);
    expect(there.mean[0]).toBe((3 * first[0]! + 17 * first[1]! + 1 * first[2]! + 250 * first[3]! + 9 * first[4]!) / 280);
  });

  it.skipIf(availableParallelism() < 2)('fails with the reading error of a slice, and folds the next aggregation as before', async () => {
    const list = updates();
    const broken: StrategyUpdate = {
      ...list[2]!,
      readSlice: (start, end, into) => {
        if (start > 0) throw new Error('disk read failed');
        return list[2]!.readSlice(start, end, into);
      },
    };
    await expect(meanOf([list[0]!, list[1]!, broken, list[3]!, list[4]!], FoldThread.shared())).rejects.toThrow('disk read failed');
    expect(firstDifference((await meanOf(list, FoldThread.shared())).mean, (await meanOf(list, null)).mean)).toBe(-1);
  });

  it.skipIf(availableParallelism() < 2)('lets the process exit while it is idle, whether it folded or not (an unused one held the demo open once)', () => {
    const module = pathToFileURL(path.resolve('dist/coordinator/domain/strategies/fold/fold-thread.js')).href;
    for (const fold of [false, true]) {
      const script = [
        `const { FoldThread } = await import(${JSON.stringify(module)});`,
        'const shared = (bytes) => new SharedArrayBuffer(bytes);',
        'const thread = FoldThread.shared();',
        fold ? 'await thread.fold({ columns: [shared(16)], sums: shared(32), width: 4, weights: [1], total: 1 });' : '',
        "console.log('done');",
      ].join('\n');
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
      expect(run.stdout.trim(), `folded: ${fold}`).toBe('done');
      expect(run.signal, `folded: ${fold}`).toBeNull();
      expect(run.status, `folded: ${fold}`).toBe(0);
    }
  });
});

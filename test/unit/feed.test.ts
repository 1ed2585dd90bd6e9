import { describe, expect, it } from 'vitest';

import type { DatasetSource, DecodedSamples, SampleRef } from '../../site-agent/data/dataset.js';
import { decodedRows, RowCache } from '../../site-agent/data/decoded-rows.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { prefetched } from '../../site-agent/training/prefetch.js';

async function collect<T>(items: AsyncGenerator<T>, onItem: (item: T) => void = () => undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    onItem(item);
    out.push(item);
  }
  return out;
}

describe('prefetched', () => {
  it('yields in order while keeping `depth` loads running ahead of the consumer', async () => {
    const started: number[] = [];
    const seenWhenConsumed: number[][] = [];
    const items = await collect(
      prefetched(6, 2, async (i) => {
        started.push(i);
        await new Promise((resolve) => setTimeout(resolve, (6 - i) * 2)); // later loads finish first
        return i * 10;
      }),
      () => seenWhenConsumed.push([...started]),
    );
    expect(items).toEqual([0, 10, 20, 30, 40, 50]);
    expect(seenWhenConsumed).toEqual([
      [0, 1, 2],
      [0, 1, 2, 3],
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4, 5],
      [0, 1, 2, 3, 4, 5],
      [0, 1, 2, 3, 4, 5],
    ]);
  });

  it('loads one at a time at depth 0 and passes a load error to the consumer', async () => {
    const started: number[] = [];
    const failing = prefetched(3, 0, async (i) => {
      started.push(i);
      if (i === 1) throw new Error('disk gone');
      return i;
    });
    await expect(collect(failing)).rejects.toThrow('disk gone');
    expect(started).toEqual([0, 1]);
  });
});

describe('decodedRows', () => {
  const samples: SampleRef[] = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: 'x', contentSha256: id.repeat(64) }));
  /** A source of 2-value rows [code, code + 0.5] that counts what it is asked to decode. */
  const countingSource = (inMemory: boolean, broken = new Set<string>()) => {
    const decodedIds: string[] = [];
    const source: DatasetSource = {
      kind: 'test',
      inMemory,
      scan: async () => ({ samples, skipped: [] }),
      decode: async (refs): Promise<DecodedSamples> => {
        decodedIds.push(...refs.map((r) => r.id));
        const kept = refs.filter((r) => !broken.has(r.id));
        return {
          samples: kept,
          features: Float32Array.from(kept.flatMap((r) => [r.id.charCodeAt(0), r.id.charCodeAt(0) + 0.5])),
          skipped: refs.filter((r) => broken.has(r.id)).map((r) => ({ id: r.id, reason: 'truncated' })),
        };
      },
    };
    return { source, decodedIds };
  };

  it('returns rows in the order asked and decodes each file once while the cache has room', async () => {
    const { source, decodedIds } = countingSource(false);
    const rows = decodedRows(source, samples, Int32Array.of(0, 1, 0, 1), [2], new RowCache(1024));
    expect(Array.from(await rows.read([2, 0]))).toEqual([99, 99.5, 97, 97.5]);
    expect(Array.from(await rows.read([0, 1, 2]))).toEqual([97, 97.5, 98, 98.5, 99, 99.5]);
    expect(decodedIds).toEqual(['c', 'a', 'b']);
  });

  it('decodes again what does not fit in the budget, and never caches in-memory sources', async () => {
    const small = countingSource(false);
    const cache = new RowCache(16); // two rows of 2 float32
    const rows = decodedRows(small.source, samples, Int32Array.of(0, 0, 0, 0), [2], cache);
    await rows.read([0, 1, 2, 3]);
    await rows.read([0, 1, 2, 3]);
    expect(small.decodedIds).toEqual(['a', 'b', 'c', 'd', 'c', 'd']);
    expect(cache.bytes).toBe(16);
    const memory = countingSource(true);
    const direct = decodedRows(memory.source, samples, Int32Array.of(0, 0, 0, 0), [2], new RowCache(1024));
    await direct.read([0]);
    await direct.read([0]);
    expect(memory.decodedIds).toEqual(['a', 'a']);
  });

  it('refuses a file that decoded at scan but no longer does', async () => {
    const { source } = countingSource(false, new Set(['b']));
    const rows = decodedRows(source, samples, Int32Array.of(0, 0, 0, 0), [2], new RowCache(0));
    await expect(rows.read([0, 1])).rejects.toThrow('b decoded at scan but not now (truncated); the data changed under the agent: restart it to rescan');
  });

  it('inMemoryRows copies rows out in the order asked', async () => {
    const rows = inMemoryRows(Float32Array.of(1, 2, 3, 4, 5, 6), Int32Array.of(0, 1, 1));
    expect(rows.count).toBe(3);
    expect(Array.from(await rows.read([2, 2, 0]))).toEqual([5, 6, 5, 6, 1, 2]);
  });
});

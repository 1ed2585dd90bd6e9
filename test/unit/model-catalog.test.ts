import { describe, expect, it } from 'vitest';

import type { ModelVersion } from '../../coordinator/domain/records.js';
import type { BlobStore } from '../../coordinator/persistence/storage.port.js';
import { MAX_CACHED_MODEL_BYTES, MODEL_CACHE_BYTES, ModelCatalog } from '../../coordinator/services/model-catalog.js';

/** A blob store of made-up blobs (byte i of a blob is i mod 251), counting whole reads and open descriptors. */
function countingBlobs(sizes: Record<string, number>) {
  const counts = { get: 0, open: 0, closed: 0 };
  const byte = (i: number) => i % 251;
  const blobs = {
    get: async (sha256: string) => {
      counts.get++;
      // The pattern where a test reads it; zeros for the large blobs only the cache's bookkeeping sees.
      const bytes = Buffer.alloc(sizes[sha256]!);
      if (bytes.length <= 1024) bytes.forEach((_, i) => (bytes[i] = byte(i)));
      return bytes;
    },
    openReader: async (sha256: string) => {
      counts.open++;
      return {
        size: sizes[sha256]!,
        read: (into: Uint8Array, position: number) => {
          const n = Math.max(0, Math.min(into.length, sizes[sha256]! - position));
          for (let i = 0; i < n; i++) into[i] = byte(position + i);
          return n;
        },
        close: () => void counts.closed++,
      };
    },
  } as unknown as BlobStore;
  return { blobs, counts, byte };
}

const version = (sha256: string, bytes: number) => ({ id: `v-${sha256}`, sha256, bytes }) as ModelVersion;
const download = async (catalog: ModelCatalog, v: ModelVersion, offset: number, chunk: number) => {
  const parts: { offset: number; length: number; first: number }[] = [];
  for await (const { offset: at, data } of catalog.chunks(v, offset, chunk)) parts.push({ offset: at, length: data.length, first: data[0]! });
  return parts;
};

describe('model downloads', () => {
  it('read a small version once for every site of a round, and resume at any offset', async () => {
    const { blobs, counts } = countingBlobs({ a: 10 });
    const catalog = new ModelCatalog(null as never, blobs, null as never, null as never);
    for (let site = 0; site < 3; site++) expect(await download(catalog, version('a', 10), 0, 4)).toHaveLength(3);
    expect(await download(catalog, version('a', 10), 6, 4)).toEqual([{ offset: 6, length: 4, first: 6 }]);
    expect(counts).toEqual({ get: 1, open: 0, closed: 0 });
  });

  it('keep at most MODEL_CACHE_BYTES of versions in memory, the least recently served dropped first', async () => {
    const size = MAX_CACHED_MODEL_BYTES;
    const kept = MODEL_CACHE_BYTES / size;
    const { blobs, counts } = countingBlobs(Object.fromEntries(Array.from({ length: kept + 1 }, (_, i) => [`v${i}`, size])));
    const catalog = new ModelCatalog(null as never, blobs, null as never, null as never);
    const serve = async (i: number) => {
      for await (const _ of catalog.chunks(version(`v${i}`, size), size - 1, 1));
    };
    for (let i = 0; i < kept; i++) await serve(i);
    await serve(0);
    // One more version than fits: v1, the least recently served, goes; v0, served again, stays.
    await serve(kept);
    await new Promise((r) => setImmediate(r));
    expect(counts.get).toBe(kept + 1);
    await serve(0);
    expect(counts.get).toBe(kept + 1);
    await serve(1);
    expect(counts.get).toBe(kept + 2);
  });

  it('stream a version larger than MAX_CACHED_MODEL_BYTES through one descriptor per download, closed at the end', async () => {
    const size = MAX_CACHED_MODEL_BYTES + 5;
    const { blobs, counts, byte } = countingBlobs({ big: size });
    const catalog = new ModelCatalog(null as never, blobs, null as never, null as never);
    const parts = await download(catalog, version('big', size), MAX_CACHED_MODEL_BYTES - 3, 4);
    expect(parts).toEqual([
      { offset: MAX_CACHED_MODEL_BYTES - 3, length: 4, first: byte(MAX_CACHED_MODEL_BYTES - 3) },
      { offset: MAX_CACHED_MODEL_BYTES + 1, length: 4, first: byte(MAX_CACHED_MODEL_BYTES + 1) },
    ]);
    expect(counts).toEqual({ get: 0, open: 1, closed: 1 });
  });
});

import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { encodeTensors } from '../../common/tensor-codec.js';
import { FsBlobStore } from '../../coordinator/persistence/blob-store.js';
import type { UpdateEntity } from '../../coordinator/persistence/entities/index.js';
import { storedUpdate } from '../../coordinator/services/stored-update.js';

const root = await mkdtemp(path.join(tmpdir(), 'consilium-stored-update-'));
afterAll(() => rm(root, { recursive: true, force: true }));
const blobs = new FsBlobStore(root);

const row = (sha256: string): UpdateEntity => ({
  id: 'u',
  taskId: 't',
  runId: 'r',
  roundNumber: 1,
  siteId: 'a',
  sha256,
  bytes: 0,
  sampleCount: 3,
  metrics: {},
  l2Norm: null,
  status: 'accepted',
  reason: null,
  receivedAt: '',
  auditSeq: null,
});

describe('a stored update read in slices', () => {
  // Flat vector [1, 2, 3 | 0.5, -1.5]: a float32 tensor of 3 values (12 bytes, so the next one starts after 4 bytes of padding).
  const tensors = [
    { name: 'w', shape: [3], values: Float32Array.of(1, 2, 3) },
    { name: 'b', shape: [2], values: Float32Array.of(0.5, -1.5) },
  ];

  it('reads across tensors and their padding into the caller’s buffer, clipped by its scale', async () => {
    const update = await storedUpdate(blobs, row(await blobs.put(encodeTensors(tensors))), 0.5);
    const into = new Float32Array(8).fill(99);
    const slice = update.readSlice(2, 5, into);
    expect(slice.buffer).toBe(into.buffer);
    expect([...slice]).toEqual([1.5, 0.25, -0.75]);
    expect([...into.subarray(3)]).toEqual([99, 99, 99, 99, 99]);
    expect([...update.readSlice(0, 1, into)]).toEqual([0.5]);
    update.close();
  });

  it('widens float16 updates to float32', async () => {
    const update = await storedUpdate(blobs, row(await blobs.put(encodeTensors(tensors, 'float16'))), 1);
    expect([...update.readSlice(0, 5, new Float32Array(5))]).toEqual([1, 2, 3, 0.5, -1.5]);
    update.close();
  });

  it('names the missing blob, and a truncated one, instead of reading zeros', async () => {
    await expect(storedUpdate(blobs, row('0'.repeat(64)), 1)).rejects.toThrow(`blob ${'0'.repeat(64)} is not in the blob store`);
    const whole = encodeTensors(tensors);
    // Stored under the hash of the whole, as a disk that lost the file's tail would leave it.
    const sha256 = await blobs.put(whole);
    await truncate(path.join(root, sha256.slice(0, 2), sha256), whole.length - 8);
    await expect(storedUpdate(blobs, row(sha256), 1)).rejects.toThrow(/tensor container data is \d+ bytes but its header says \d+/);
  });
});

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { FsBlobStore } from '../../coordinator/persistence/blob-store.js';
import { PartialUploads } from '../../coordinator/persistence/partial-uploads.js';
import { blobStoreContract, uploadStoreContract } from './storage.contract.js';

blobStoreContract('filesystem', async () => new FsBlobStore(mkdtempSync(path.join(tmpdir(), 'consilium-blobs-'))));
uploadStoreContract('filesystem', async () => new PartialUploads(mkdtempSync(path.join(tmpdir(), 'consilium-uploads-'))));

describe('filesystem blob store write probe', () => {
  it('leaves no file in the store', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-blobs-'));
    await new FsBlobStore(root).probeWrite();
    expect(readdirSync(root)).toEqual([]);
  });

  it('fails with UNAVAILABLE naming the store and the cause when nothing can be written there', async () => {
    // Root can write anywhere, so a store whose folder would sit under a plain file is the unwritable case.
    const scratch = mkdtempSync(path.join(tmpdir(), 'consilium-blobs-'));
    writeFileSync(path.join(scratch, 'file'), 'not a folder');
    const root = path.join(scratch, 'file', 'blobs');
    await expect(new FsBlobStore(root).probeWrite()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(new RegExp(`^the blob store at ${root} cannot take a write: .*ENOTDIR`)),
    });
  });
});

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { isConsiliumError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { BlobStore, UploadStore } from '../../coordinator/persistence/storage.port.js';

const codeOf = async (action: () => unknown): Promise<string> => {
  try {
    await action();
    return 'no error';
  } catch (error) {
    return isConsiliumError(error) ? error.code : String(error);
  }
};

/** The suite every BlobStore adapter must pass (the filesystem, and S3 against a real server: storage.s3.test.ts). */
export function blobStoreContract(name: string, open: () => Promise<BlobStore>): void {
  describe(`blob store: ${name}`, () => {
    const bytes = Buffer.from('consilium blob store contract: twenty-nine bytes+');
    const sha = sha256Hex(bytes);

    it('stores by SHA-256, idempotently, and gives the bytes back', async () => {
      const store = await open();
      expect(await store.put(bytes)).toBe(sha);
      expect(await store.put(bytes)).toBe(sha);
      expect(Buffer.compare(await store.get(sha), bytes)).toBe(0);
    });

    it('reads positional slices, short at the end', async () => {
      const store = await open();
      await store.put(bytes);
      const reader = await store.openReader(sha);
      try {
        expect(reader.size).toBe(bytes.length);
        const into = new Uint8Array(4);
        expect(reader.read(into, 2)).toBe(4);
        expect(Buffer.from(into).toString()).toBe(bytes.subarray(2, 6).toString());
        expect(reader.read(into, bytes.length - 3)).toBe(3);
        expect(Buffer.from(into.subarray(0, 3)).toString()).toBe(bytes.subarray(-3).toString());
        expect(reader.read(into, bytes.length)).toBe(0);
      } finally {
        reader.close();
      }
    });

    it('answers NOT_FOUND for a blob it does not hold, and INVALID_ARGUMENT for a name that is no SHA-256', async () => {
      const store = await open();
      const absent = sha256Hex('never stored');
      expect(await codeOf(() => store.get(absent))).toBe('NOT_FOUND');
      expect(await codeOf(() => store.openReader(absent))).toBe('NOT_FOUND');
      expect(await codeOf(() => store.get('../../etc/passwd'))).toBe('INVALID_ARGUMENT');
    });

    it('answers a write probe, leaving nothing behind that a blob could be confused with', async () => {
      const store = await open();
      await store.probeWrite();
      await store.probeWrite();
      await store.put(bytes);
      expect(Buffer.compare(await store.get(sha), bytes)).toBe(0);
    });

    it('adopts a finished local file, which is gone afterwards, also when the blob was already stored', async () => {
      const store = await open();
      const scratch = mkdtempSync(path.join(tmpdir(), 'consilium-adopt-'));
      const content = Buffer.from(`adopted ${name}`);
      const file = path.join(scratch, 'upload.part');
      writeFileSync(file, content);
      await store.adopt(file, sha256Hex(content));
      expect(existsSync(file)).toBe(false);
      expect(Buffer.compare(await store.get(sha256Hex(content)), content)).toBe(0);
      writeFileSync(file, content);
      await store.adopt(file, sha256Hex(content));
      expect(existsSync(file)).toBe(false);
    });
  });
}

/** The suite every UploadStore adapter must pass. */
export function uploadStoreContract(name: string, open: () => Promise<UploadStore>): void {
  describe(`upload store: ${name}`, () => {
    const sha = 'b'.repeat(64);

    it('holds what arrived, replays it in order to a resumed stream, which supersedes the stale one', async () => {
      const uploads = await open();
      const seen: string[] = [];
      const first = await uploads.open('site-a', 'task-1', sha, (b) => seen.push(`first:${Buffer.from(b).toString()}`));
      await first.write(Buffer.from('abc'));
      await first.flush();
      expect(await uploads.size('site-a', 'task-1', sha)).toBe(3);
      const resumed = await uploads.open('site-a', 'task-1', sha, (b) => seen.push(`resumed:${Buffer.from(b).toString()}`));
      expect(resumed.held).toBe(3);
      expect(await codeOf(() => first.flush())).toBe('FAILED_PRECONDITION');
      await resumed.write(Buffer.from('de'));
      await resumed.flush();
      await first.close();
      await resumed.close();
      expect(seen).toEqual(['first:abc', 'resumed:abc', 'resumed:de']);
      expect(await uploads.size('site-a', 'task-1', sha)).toBe(5);
    });

    it('keeps uploads apart by site and task, discards one, sweeps the abandoned, and refuses names it cannot hold', async () => {
      const uploads = await open();
      for (const [site, task] of [
        ['site-a', 'task-2'],
        ['site-b', 'task-2'],
      ] as const) {
        const writer = await uploads.open(site, task, sha, () => undefined);
        await writer.write(Buffer.from(site));
        await writer.close();
      }
      expect(await uploads.size('site-b', 'task-2', sha)).toBe(6);
      await uploads.discard('site-a', 'task-2', sha);
      expect(await uploads.size('site-a', 'task-2', sha)).toBe(0);
      expect(await uploads.sweep(60_000, Date.now() + 3_600_000)).toBeGreaterThanOrEqual(1);
      expect(await uploads.size('site-b', 'task-2', sha)).toBe(0);
      expect(await codeOf(() => uploads.open('../site', 'task', sha, () => undefined))).toBe('INVALID_ARGUMENT');
    });
  });
}

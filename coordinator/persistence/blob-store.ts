import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { SHA256_HEX, sha256Hex } from '../../common/hashing.js';
import type { BlobReader, BlobStore } from './storage.port.js';

/**
 * Content-addressed blobs on the filesystem: models and updates are stored
 * under their SHA-256 (`ab/abcdef…`), written to a temporary name and renamed
 * so a crash never leaves a half-written blob under a valid address.
 */
export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new ConsiliumError('INVALID_ARGUMENT', `"${sha256}" is not a SHA-256 hex digest`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    // Already stored: content addressing makes the write idempotent.
    if (!(await stored(target))) await placeVia(target, (temporary) => writeFile(temporary, bytes));
    return sha256;
  }

  /**
   * Takes over a finished file whose SHA-256 the caller has checked (an
   * upload scanned as it arrived): renamed into place, so a 256 MB update is
   * never read back or written twice. The file is gone afterwards either way.
   */
  async adopt(file: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (await stored(target)) {
      await rm(file, { force: true }); // already stored: content addressing makes this idempotent
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(file, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // Another filesystem: a copy, placed like any new blob.
      await placeVia(target, (temporary) => copyFile(file, temporary));
      await rm(file, { force: true });
    }
  }

  async get(sha256: string): Promise<Buffer> {
    const file = this.pathOf(sha256);
    try {
      return await readFile(file);
    } catch {
      throw new ConsiliumError('NOT_FOUND', `blob ${sha256} is not in the blob store at ${this.root}`);
    }
  }

  async probeWrite(): Promise<void> {
    const probe = path.join(this.root, `.probe-${randomUUID()}.tmp`);
    const bytes = Buffer.from(`consilium readiness probe ${probe}`);
    try {
      await mkdir(this.root, { recursive: true });
      await writeFile(probe, bytes, { flush: true });
      if (Buffer.compare(await readFile(probe), bytes) !== 0) throw new Error('the probe read back different bytes');
    } catch (error) {
      throw new ConsiliumError('UNAVAILABLE', `the blob store at ${this.root} cannot take a write: ${describeError(error)}`);
    } finally {
      await rm(probe, { force: true }).catch(() => undefined);
    }
  }

  /** One descriptor on the blob, for readers that take it in many small positional reads; the caller closes it. */
  async openReader(sha256: string): Promise<BlobReader> {
    const file = this.pathOf(sha256);
    try {
      return fileReader(file);
    } catch {
      throw new ConsiliumError('NOT_FOUND', `blob ${sha256} is not in the blob store at ${this.root}`);
    }
  }
}

/** Synchronous positional reads on one open descriptor of a local file; throws when the file cannot be opened. */
export function fileReader(file: string): BlobReader {
  const fd = openSync(file, 'r');
  return {
    size: fstatSync(fd).size,
    read: (into, position) => readSync(fd, into, 0, into.length, position),
    close: () => closeSync(fd),
  };
}

const stored = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Writes a blob under a temporary name, then renames it into place: a crash never leaves half a blob under its address. */
async function placeVia(target: string, write: (temporary: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID()}.tmp`;
  await write(temporary);
  await rename(temporary, target);
}

import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConsiliumError } from '../../common/errors.js';
import { SHA256_HEX } from '../../common/hashing.js';

/**
 * Updates being uploaded, one file per (site, task, SHA-256) under
 * `<stateDir>/partial`. Bytes are written as they arrive, so a broken
 * connection, or a coordinator restart, keeps what was received: the site
 * asks how much is held and sends only the rest. The file is always a prefix
 * of the update; only the finished whole is checked by its SHA-256.
 */
export class PartialUploads {
  constructor(private readonly root: string) {}

  private fileOf(siteId: string, taskId: string, sha256: string): string {
    if (!SHA256_HEX.test(sha256) || !/^[A-Za-z0-9-]{1,64}$/.test(taskId) || !/^[a-z0-9._-]{1,128}$/.test(siteId)) {
      throw new ConsiliumError('INVALID_ARGUMENT', 'upload key: task id, site id or SHA-256 has characters an upload cannot be named with');
    }
    return path.join(this.root, `${siteId}.${taskId}.${sha256}.part`);
  }

  /** Bytes held so far; 0 when none. */
  async size(siteId: string, taskId: string, sha256: string): Promise<number> {
    try {
      return (await stat(this.fileOf(siteId, taskId, sha256))).size;
    } catch {
      return 0;
    }
  }

  /**
   * Writes a chunk at its position. Positional writes, not appends: two
   * streams of the same upload (a stale one still draining and its retry)
   * write the same bytes at the same places, so neither can tear the file.
   */
  async write(siteId: string, taskId: string, sha256: string, position: number, chunk: Uint8Array): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const file = await open(this.fileOf(siteId, taskId, sha256), constants.O_RDWR | constants.O_CREAT, 0o600);
    try {
      await file.write(chunk, 0, chunk.length, position);
    } finally {
      await file.close();
    }
  }

  read(siteId: string, taskId: string, sha256: string): Promise<Buffer> {
    return readFile(this.fileOf(siteId, taskId, sha256));
  }

  async discard(siteId: string, taskId: string, sha256: string): Promise<void> {
    await rm(this.fileOf(siteId, taskId, sha256), { force: true });
  }

  /** Deletes uploads nobody has added to for `maxAgeMs` (a site that never came back, a round long closed); returns how many. */
  async sweep(maxAgeMs: number, now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const file = path.join(this.root, name);
      if (now - (await stat(file)).mtimeMs > maxAgeMs) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError } from '../../common/errors.js';
import { SHA256_HEX } from '../../common/hashing.js';
import type { PartialWriter, UploadStore } from './storage.port.js';

/** Bytes read back at a time when a resumed upload replays what it already holds. */
const REPLAY_BYTES = 4 * 1024 * 1024;

/**
 * Writes of one stream in flight at once, so the network and the disk
 * overlap; past this the stream waits for the disk (and the edge pauses it).
 */
const WRITES_IN_FLIGHT = 4;

/**
 * Updates being uploaded, one file per (site, task, SHA-256) under
 * `<stateDir>/partial`. Bytes are written as they arrive, so a broken
 * connection, or a coordinator restart, keeps what was received: the site
 * asks how much is held and sends only the rest. The file is always a prefix
 * of the update, and the stream writing it has seen every byte of it in
 * order, so its scan covers the whole file when the last byte lands.
 */
export class PartialUploads implements UploadStore {
  /** The stream now writing each upload; a newer one supersedes it. */
  private readonly writers = new Map<string, { superseded: boolean; drained: () => Promise<unknown> }>();

  constructor(private readonly root: string) {}

  /**
   * Opens the upload for one stream. A stream still writing the same upload
   * (a stale one its site gave up on) is superseded first and its last write
   * awaited, so the file holds only what this stream's `observe` saw: the
   * bytes already held are replayed to it, then each chunk as written.
   */
  async open(siteId: string, taskId: string, sha256: string, observe: (bytes: Uint8Array) => void): Promise<PartialWriter> {
    const file = this.fileOf(siteId, taskId, sha256);
    const inFlight = new Set<Promise<void>>();
    let failure: unknown = null;
    const drained = () => Promise.all(inFlight);
    const state = { superseded: false, drained };
    const previous = this.writers.get(file);
    this.writers.set(file, state);
    if (previous) {
      previous.superseded = true;
      await previous.drained();
    }
    await mkdir(this.root, { recursive: true });
    const handle = await open(file, constants.O_RDWR | constants.O_CREAT, 0o600);
    let held: number;
    try {
      held = (await handle.stat()).size;
      await replay(handle, held, observe);
    } catch (error) {
      await handle.close();
      throw error;
    }
    const writers = this.writers;
    return {
      file,
      get held() {
        return held;
      },
      async write(chunk) {
        if (state.superseded) throw superseded();
        if (failure) throw failure;
        observe(chunk);
        const writing: Promise<void> = handle.write(chunk, 0, chunk.length, held).then(
          () => void inFlight.delete(writing),
          (error: unknown) => {
            failure ??= error;
            inFlight.delete(writing);
          },
        );
        inFlight.add(writing);
        held += chunk.length;
        if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
      },
      async flush() {
        await drained();
        if (failure) throw failure;
        // A stale stream must never hand over the file the newer one is still writing.
        if (state.superseded) throw superseded();
      },
      async close() {
        await drained();
        await handle.close();
        if (writers.get(file) === state) writers.delete(file);
      },
    };
  }

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

/** Shows `observe` the first `bytes` of the file, in order, a few MiB at a time. */
async function replay(handle: FileHandle, bytes: number, observe: (bytes: Uint8Array) => void): Promise<void> {
  const buffer = new Uint8Array(Math.min(bytes, REPLAY_BYTES));
  for (let at = 0; at < bytes;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, bytes - at), at);
    if (bytesRead === 0) throw new ConsiliumError('INTERNAL', `partial upload shrank to ${at} bytes while being replayed`);
    observe(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
}

const superseded = (): ConsiliumError => new ConsiliumError('FAILED_PRECONDITION', 'a newer stream of the same upload took over; this one stops');

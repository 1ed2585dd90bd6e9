import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError, describeError } from '../../../common/errors.js';
import { replaceFile, TEMPORARY_FILE } from '../../../common/replace-file.js';

/** A DICOM UID: digits in dot-separated components, at most 64 characters (PS3.5 section 9.1); safe as a file name. */
export const UID = /^[0-9]+(\.[0-9]+)*$/;

export function isUid(value: string): boolean {
  return value.length <= 64 && UID.test(value);
}

interface Entry {
  bytes: number;
  mtimeMs: number;
}

/**
 * Retrieved instances on local disk, one `<SOP Instance UID>.dcm` file each.
 * A file is written whole or not at all (replaceFile), so a file under its
 * final name is always whole: an interrupted fetch leaves only a temporary
 * file, removed at the next open. The folder itself is
 * the index, so nothing can disagree with it. Its size stays within the
 * budget: room is made by evicting what the current selection does not
 * need, oldest first; a selection that alone exceeds the budget is refused.
 */
export class InstanceCache {
  private reserved = 0;

  private constructor(
    readonly dir: string,
    private readonly maxBytes: number,
    private readonly entries: Map<string, Entry>,
  ) {
    for (const entry of entries.values()) this.reserved += entry.bytes;
  }

  static async open(dir: string, maxBytes: number): Promise<InstanceCache> {
    const entries = new Map<string, Entry>();
    try {
      await mkdir(dir, { recursive: true });
      for (const name of await readdir(dir)) {
        if (TEMPORARY_FILE.test(name)) await unlink(path.join(dir, name));
        else if (name.endsWith('.dcm') && isUid(name.slice(0, -4))) {
          const info = await stat(path.join(dir, name));
          entries.set(name.slice(0, -4), { bytes: info.size, mtimeMs: info.mtimeMs });
        }
      }
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `data.cache.path ${dir} cannot be used: ${describeError(error)}`);
    }
    return new InstanceCache(dir, maxBytes, entries);
  }

  has(sop: string): boolean {
    return this.entries.has(sop);
  }

  /** The file name of an instance, relative to the cache folder. */
  static fileOf(sop: string): string {
    return `${sop}.dcm`;
  }

  get bytes(): number {
    return this.reserved;
  }

  /** Stores one instance whole, first making room for it without touching `selection`. */
  async put(sop: string, bytes: Uint8Array, selection: ReadonlySet<string>): Promise<void> {
    if (!isUid(sop)) throw new ConsiliumError('INVALID_ARGUMENT', `"${sop}" is not a SOP Instance UID`);
    await this.makeRoom(bytes.byteLength, selection);
    try {
      await replaceFile(path.join(this.dir, InstanceCache.fileOf(sop)), bytes, 0o600);
    } catch (error) {
      this.reserved -= bytes.byteLength;
      throw new ConsiliumError('UNAVAILABLE', `the DICOMweb cache ${this.dir} could not store an instance: ${describeError(error)}`);
    }
    this.entries.set(sop, { bytes: bytes.byteLength, mtimeMs: Date.now() });
  }

  /** Removes instances outside `selection`, oldest first, until `bytes` more fit; refuses when the selection alone does not. */
  private async makeRoom(bytes: number, selection: ReadonlySet<string>): Promise<void> {
    // Reserved at once, before any await: concurrent puts cannot all see the same free space.
    this.reserved += bytes;
    if (this.reserved <= this.maxBytes) return;
    const evictable = [...this.entries].filter(([sop]) => !selection.has(sop)).sort((a, b) => a[1].mtimeMs - b[1].mtimeMs);
    // Chosen first, committed only when they make room: a refused put leaves the index as the folder is.
    const evicted: string[] = [];
    let freed = 0;
    for (const [sop, entry] of evictable) {
      if (this.reserved - freed <= this.maxBytes) break;
      freed += entry.bytes;
      evicted.push(sop);
    }
    if (this.reserved - freed > this.maxBytes) {
      this.reserved -= bytes;
      throw new ConsiliumError(
        'RESOURCE_EXHAUSTED',
        `the selected instances need more than the DICOMweb cache's ${(this.maxBytes / 2 ** 30).toFixed(2)} GB: raise data.cache.maxGigabytes or narrow data.query`,
      );
    }
    for (const sop of evicted) this.entries.delete(sop);
    this.reserved -= freed;
    await Promise.all(evicted.map((sop) => unlink(path.join(this.dir, InstanceCache.fileOf(sop))).catch(() => undefined)));
  }
}

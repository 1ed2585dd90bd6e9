import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A small tmpfs mounted on a fresh folder, for tests of a full disk; null (with the reason) where mounting is not permitted. */
export function mountTmpfs(megabytes: number): { dir: string; unmount(): void } | { skip: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'consilium-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `mounting a tmpfs needs root (CI runs as root): ${(mounted.stderr || mounted.error?.message || '').trim()}` };
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a file until the file system is full; returns its path, to delete to free the space again. */
export function fillDisk(dir: string): string {
  const file = path.join(dir, 'filler');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  // Byte by byte to the last free byte: tmpfs hands out whole pages, so a 64 KiB write can fail with room left.
  try {
    for (;;) writeSync(fd, block, 0, 1);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

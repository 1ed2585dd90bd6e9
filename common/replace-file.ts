import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The temporary files replaceFile writes, for a folder's owner to clear after a crash. */
export const TEMPORARY_FILE = /\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/**
 * Writes a file whole or not at all: into a temporary file beside it, synced
 * to disk, then renamed over it, so a crash or a full disk mid-write leaves
 * the previous contents (or no file), never half of the new ones.
 */
export async function replaceFile(target: string, contents: string | Uint8Array, mode = 0o644): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file whole or not at all: into a temporary file beside it, then
 * renamed over it, so a crash mid-write leaves the previous contents, never
 * half of the new ones.
 */
export async function replaceFile(target: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID()}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, target);
}

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes a secret readable by its owner only (the folder too), as ssh and kubelet keep keys. */
export function writePrivate(file: string, contents: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, contents, { mode: 0o600 });
  // writeFileSync keeps an existing file's mode; set it explicitly.
  chmodSync(file, 0o600);
}

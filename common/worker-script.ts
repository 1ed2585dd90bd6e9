import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root in a checkout (this file is common/worker-script.ts or dist/common/worker-script.js). */
const sourceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The file a worker thread runs: `script` (a .js name) beside the module
 * `moduleUrl` that starts it. vitest runs the TypeScript sources, and a
 * worker thread cannot load TypeScript: from a .ts module the thread runs
 * the build of the same place under dist/ (`npm test` builds first).
 */
export function workerScript(moduleUrl: string, script: string): URL {
  const here = fileURLToPath(moduleUrl);
  if (!here.endsWith('.ts')) return new URL(`./${script}`, moduleUrl);
  return pathToFileURL(path.join(sourceRoot, 'dist', path.relative(sourceRoot, path.dirname(here)), script));
}

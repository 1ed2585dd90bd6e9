import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root in a checkout (this file is common/worker-script.ts or dist/common/worker-script.js). */
const sourceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A file the build puts at `relative` from the module `moduleUrl`: the module's
 * own neighbour when it runs built, or the same place under dist/ when vitest
 * runs the TypeScript sources (`npm test` builds first).
 */
export function builtFile(moduleUrl: string, relative: string): URL {
  const here = fileURLToPath(moduleUrl);
  if (!here.endsWith('.ts')) return new URL(`./${relative}`, moduleUrl);
  return pathToFileURL(path.join(sourceRoot, 'dist', path.relative(sourceRoot, path.dirname(here)), relative));
}

/**
 * The file a worker thread runs: `script` (a .js name) beside the module
 * `moduleUrl` that starts it; a worker thread cannot load TypeScript, so
 * from a .ts module it is the build's (see builtFile).
 */
export function workerScript(moduleUrl: string, script: string): URL {
  return builtFile(moduleUrl, script);
}

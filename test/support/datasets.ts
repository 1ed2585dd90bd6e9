import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder of real public data (../shared/datasets), named by CONSILIUM_DATASETS; .ci/run sets it. */
export const datasetsRoot = process.env['CONSILIUM_DATASETS'];

/** A file of it; when the variable is set, a missing file fails the test, never passes it silently. */
export function datasetFile(relative: string): string {
  const full = path.join(datasetsRoot!, relative);
  if (!existsSync(full)) throw new Error(`CONSILIUM_DATASETS is set but ${full} is missing`);
  return full;
}

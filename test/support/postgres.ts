import type { DataSource } from 'typeorm';

import { freshSchema } from '../../cli/simulate/fresh-schema.js';
import { openDataSource } from '../../coordinator/persistence/data-source.js';

/** A data source on a fresh schema of the DATABASE_URL database, so migrations run from scratch and test runs never collide. */
export async function freshPostgres(url: string, prefix: string): Promise<DataSource> {
  return openDataSource({ url: (await freshSchema(url, prefix)).url, sqlitePath: '' });
}

export { freshSchema };

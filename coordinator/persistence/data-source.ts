import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { DataSource } from 'typeorm';

import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

export interface DatabaseConfig {
  /** postgres://… selects PostgreSQL; otherwise SQLite at sqlitePath. */
  url?: string | undefined;
  sqlitePath: string;
}

/** Opens the database and applies pending migrations; never `synchronize`. */
export async function openDataSource(config: DatabaseConfig): Promise<DataSource> {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  let dataSource: DataSource;
  if (config.url) {
    dataSource = new DataSource({ type: 'postgres', url: config.url, ...common });
  } else {
    if (config.sqlitePath !== ':memory:') mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
    // WAL lets the HTTP API read while the round engine writes.
    dataSource = new DataSource({ type: 'better-sqlite3', database: config.sqlitePath, enableWAL: config.sqlitePath !== ':memory:', ...common });
  }
  return dataSource.initialize();
}

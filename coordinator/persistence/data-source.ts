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

/** Any number: it names the PostgreSQL advisory lock under which one coordinator process at a time migrates. */
const MIGRATION_LOCK = 0x636f6e73;

/** Opens the database and applies pending migrations; never `synchronize`. */
export async function openDataSource(config: DatabaseConfig): Promise<DataSource> {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (config.url) return migrated(await new DataSource({ type: 'postgres', url: config.url, ...common }).initialize());
  if (config.sqlitePath !== ':memory:') mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  // WAL lets the HTTP API read while the round engine writes.
  const sqlite = new DataSource({
    type: 'better-sqlite3',
    database: config.sqlitePath,
    enableWAL: config.sqlitePath !== ':memory:',
    migrationsRun: true,
    ...common,
  });
  return sqlite.initialize();
}

/** Several coordinator processes may start together on one PostgreSQL database: the first migrates, the others wait for it and find nothing to do. */
async function migrated(dataSource: DataSource): Promise<DataSource> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'all' });
    return dataSource;
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  } finally {
    if (dataSource.isInitialized) await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release().catch(() => undefined);
  }
}

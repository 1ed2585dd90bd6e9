import { describe, expect, it } from 'vitest';

import { openDataSource } from '../../coordinator/persistence/data-source.js';
import { freshPostgres } from '../support/postgres.js';

const url = process.env['DATABASE_URL'];

/**
 * The migrations build exactly the schema the entities describe: TypeORM's
 * schema builder, asked what it would change, has nothing to say. A column or
 * index added to an entity without its migration (or the other way round)
 * fails here, not on a production database.
 */
describe('migrations and entities agree', () => {
  it('on SQLite', async () => {
    const ds = await openDataSource({ sqlitePath: ':memory:' });
    try {
      expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it.skipIf(!url)('on PostgreSQL', async () => {
    const ds = await freshPostgres(url!, 'drift');
    try {
      expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});

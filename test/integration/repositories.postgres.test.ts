import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openDataSource } from '../../coordinator/persistence/data-source.js';
import { repositoryContract } from './repository.contract.js';

const url = process.env['DATABASE_URL'];

if (url) {
  // A fresh schema per run, so migrations run from scratch and runs never collide.
  const schema = `consilium_test_${randomBytes(4).toString('hex')}`;
  repositoryContract('PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const separator = url.includes('?') ? '&' : '?';
    return openDataSource({ url: `${url}${separator}options=-c%20search_path%3D${schema}`, sqlitePath: '' });
  });
} else {
  describe('repositories on PostgreSQL', () => {
    it.skip('needs DATABASE_URL (postgres://…); .ci/run sets it', () => undefined);
  });
}

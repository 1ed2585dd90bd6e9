import { randomBytes } from 'node:crypto';

import pg from 'pg';
import type { DataSource } from 'typeorm';

import { openDataSource } from '../../coordinator/persistence/data-source.js';

/** A data source on a fresh schema of the DATABASE_URL database, so migrations run from scratch and test runs never collide. */
export async function freshPostgres(url: string, prefix: string): Promise<DataSource> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const separator = url.includes('?') ? '&' : '?';
  return openDataSource({ url: `${url}${separator}options=-c%20search_path%3D${schema}`, sqlitePath: '' });
}

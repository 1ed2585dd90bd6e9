import { randomBytes } from 'node:crypto';

import pg from 'pg';
import type { DataSource } from 'typeorm';

import { openDataSource } from '../../coordinator/persistence/data-source.js';

/** A data source on a fresh schema of the DATABASE_URL database, so migrations run from scratch and test runs never collide. */
export async function freshPostgres(url: string, prefix: string): Promise<DataSource> {
  return openDataSource({ url: (await freshSchema(url, prefix)).url, sqlitePath: '' });
}

/** Makes a fresh schema in the database at `url`; returns its name and a URL whose connections work in it. */
export async function freshSchema(url: string, prefix: string): Promise<{ schema: string; url: string }> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const separator = url.includes('?') ? '&' : '?';
  return { schema, url: `${url}${separator}options=-c%20search_path%3D${schema}` };
}

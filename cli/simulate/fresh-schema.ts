import { randomBytes } from 'node:crypto';

import pg from 'pg';

/**
 * Makes a fresh schema `<prefix>_<random>` in the PostgreSQL database at
 * `url`, so each test or bench starts empty and runs never collide; returns
 * its name and a URL whose connections work in it. Compiled with the build:
 * the bench uses it, and the tests through test/support/postgres.ts.
 */
export async function freshSchema(url: string, prefix: string): Promise<{ schema: string; url: string }> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const separator = url.includes('?') ? '&' : '?';
  return { schema, url: `${url}${separator}options=-c%20search_path%3D${schema}` };
}

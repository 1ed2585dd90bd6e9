import { rmSync } from 'node:fs';
import path from 'node:path';

import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';

import { type AuditRecord, verifyChain } from '../../coordinator/domain/audit-chain.js';
import { openDataSource } from '../../coordinator/persistence/data-source.js';
import { DatabaseHealth } from '../../coordinator/persistence/database-health.js';
import { Repositories } from '../../coordinator/persistence/repositories/index.js';
import { DataSourceTransactions, JoinedTransaction } from '../../coordinator/persistence/transactions.js';
import { freshPostgres } from '../support/postgres.js';
import { fillDisk, mountTmpfs } from '../support/tmpfs.js';

const at = '2026-11-30T00:00:00.000Z';
const event = (i: number) => ({ actor: 'test', action: 'test.write', subjects: {}, payload: { i, pad: 'x'.repeat(3000) } });

function open(dataSource: DataSource): { repos: Repositories; health: DatabaseHealth } {
  const health = new DatabaseHealth(() => at);
  return { repos: new Repositories(dataSource, new DataSourceTransactions(dataSource, health)), health };
}

async function chain(repos: Repositories): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for await (const r of repos.audit.all()) records.push(r);
  return records;
}

describe('a failed commit never becomes a success (SQLite on a full tmpfs)', () => {
  const tmpfs = mountTmpfs(3);
  afterAll(() => ('dir' in tmpfs ? tmpfs.unmount() : undefined));

  it.skipIf('skip' in tmpfs)('answers every write after a failed COMMIT honestly, and keeps on disk exactly what it acknowledged', async () => {
    if (!('dir' in tmpfs)) return;
    const file = path.join(tmpfs.dir, 'coordinator.sqlite');
    let dataSource = await openDataSource({ sqlitePath: file });
    const opened = open(dataSource);
    const { health } = opened;
    let { repos } = opened;
    const acknowledged: number[] = [];
    const refused: string[] = [];
    const attempt = async (i: number) => {
      try {
        acknowledged.push((await repos.audit.append(event(i), at)).seq);
      } catch (error) {
        refused.push((error as Error).message);
      }
    };
    for (let i = 0; i < 20; i++) await attempt(i);
    expect(acknowledged).toHaveLength(20);

    const filler = fillDisk(tmpfs.dir);
    for (let i = 20; i < 80; i++) await attempt(i);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatch(
      /^the coordinator's database could not (commit|write) \(.*(disk is full|SQLITE_FULL).*\); nothing of this request was stored\. Free space/,
    );
    expect((await health.check('better-sqlite3', () => repos.commitProbe(at))).writable).toBe(false);

    rmSync(filler);
    for (let i = 80; i < 100; i++) await attempt(i);
    expect(await health.check('better-sqlite3', () => repos.commitProbe(at))).toEqual({
      type: 'better-sqlite3',
      writable: true,
      error: null,
      failingSince: null,
    });

    // What a restart finds: every acknowledged event, each sequence number once, and an intact chain.
    await dataSource.destroy();
    dataSource = await openDataSource({ sqlitePath: file });
    ({ repos } = open(dataSource));
    const records = await chain(repos);
    expect(records.map((r) => r.seq)).toEqual(acknowledged);
    expect(acknowledged).toEqual(Array.from({ length: acknowledged.length }, (_, i) => i + 1));
    expect(acknowledged.length + refused.length).toBe(100);
    expect(verifyChain(records).ok).toBe(true);
    await dataSource.destroy();
  });
});

const url = process.env['DATABASE_URL'];

describe.skipIf(!url)('a failed transaction never returns to the pool open (PostgreSQL)', () => {
  let dataSource: DataSource;
  afterAll(async () => dataSource?.destroy());

  it('reports a transaction that a caught statement failure aborted as failed, and commits none of it', async () => {
    dataSource = await freshPostgres(url!, 'consilium_failed');
    const { repos } = open(dataSource);
    const transactions = new DataSourceTransactions(dataSource);
    await expect(
      transactions.run(async (manager) => {
        await new Repositories(manager, new JoinedTransaction(manager)).audit.append(event(1), at);
        // The work swallows the error; PostgreSQL has aborted the transaction all the same, and its COMMIT would roll back without a word.
        await manager.query('SELECT 1/0').catch(() => undefined);
        return 'swallowed';
      }),
    ).rejects.toThrow(/current transaction is aborted/);
    expect(await chain(repos)).toEqual([]);
  });

  it('discards a connection killed mid-transaction: later transactions commit, none stays idle in transaction', async () => {
    const { repos } = open(dataSource);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await expect(
        new DataSourceTransactions(dataSource).run(async (manager) => {
          await new Repositories(manager, new JoinedTransaction(manager)).audit.append(event(2), at);
          const [{ pid }] = (await manager.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          await manager.query('SELECT 1');
        }),
        // pg reports the kill as the statement's error or, when its 'error' event wins, as a released connection: either way, not committed.
      ).rejects.toThrow(/terminat|released/);
      for (let i = 0; i < 12; i++) await repos.audit.append(event(10 + i), at);
      expect((await chain(repos)).map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const idle = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
      );
      expect(idle.rows[0].n).toBe(0);
    } finally {
      await admin.end();
    }
  });
});

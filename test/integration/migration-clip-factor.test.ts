import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';

import { MIGRATIONS } from '../../coordinator/persistence/migrations/index.js';

/** A coordinator upgraded mid-run keeps clipping the updates it accepted before clip factors were stored. */
describe('migration 0009: the clip factor on each update', () => {
  const before = new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    migrations: MIGRATIONS.slice(0, 8),
    migrationsRun: true,
    synchronize: false,
    logging: false,
  });
  afterAll(() => before.destroy());

  it('backfills the factor from the run spec and the stored norm, 1 where nothing was clipped', async () => {
    await before.initialize();
    const spec = (updateChecks: object) => JSON.stringify({ rounds: 1, updateChecks });
    await before.query(
      `INSERT INTO runs (id, name, spec, spec_sha256, status, completed_rounds, created_at, updated_at) VALUES ('clip', 'c', ?, 'x', 'running', 0, '', ''), ('reject', 'r', ?, 'x', 'running', 0, '', '')`,
      [spec({ maxNorm: 2, onExceed: 'clip' }), spec({ maxNorm: 2, onExceed: 'reject' })],
    );
    const update = (id: string, runId: string, norm: number | null, status = 'accepted') =>
      before.query(
        `INSERT INTO updates (id, task_id, run_id, round_number, site_id, sha256, bytes, sample_count, metrics, l2_norm, status, received_at) VALUES (?, ?, ?, 1, 's', 'x', 0, 1, '{}', ?, ?, '')`,
        [id, id, runId, norm, status],
      );
    await update('over', 'clip', 5);
    await update('within', 'clip', 1);
    await update('evaluation', 'clip', null);
    await update('rejected', 'clip', 9, 'rejected');
    await update('other-run', 'reject', 1.5);
    const migration = new MIGRATIONS[8]!();
    const runner = before.createQueryRunner();
    await migration.up(runner);
    await runner.release();
    const rows: { id: string; clip_factor: number }[] = await before.query('SELECT id, clip_factor FROM updates ORDER BY id');
    expect(rows.map((r) => [r.id, r.clip_factor])).toEqual([
      ['evaluation', 1],
      ['other-run', 1],
      ['over', 0.4],
      ['rejected', 1],
      ['within', 1],
    ]);
  });
});

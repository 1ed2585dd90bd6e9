import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Clock } from '../../common/clock.js';
import { openDataSource } from '../../coordinator/persistence/data-source.js';
import { Repositories } from '../../coordinator/persistence/repositories/index.js';
import { AuditLog } from '../../coordinator/services/audit-log.js';
import { freshPostgres } from '../support/postgres.js';

const url = process.env['DATABASE_URL'];

/** The same tamper checks on every database: edits made behind the application's back are found at their row. */
function auditContract(name: string, open: () => Promise<DataSource>, dropGuards: (ds: DataSource) => Promise<void>): void {
  describe(`audit chain on ${name}`, () => {
    let ds: DataSource;
    let repos: Repositories;
    let log: AuditLog;
    beforeAll(async () => {
      ds = await open();
      repos = new Repositories(ds);
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      log = new AuditLog(repos, new Clock(), { privateKey, publicKey, keyId: 'test' });
      // Ten events from concurrent transactions, then a signed checkpoint: the chain stays one line.
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          repos.transaction((tx) =>
            tx.audit.append(
              { actor: 'system', action: 'test.event', subjects: { runId: `run-${i % 3}` }, payload: { i } },
              new Date(Date.UTC(2026, 10, 24, 0, 0, i)).toISOString(),
            ),
          ),
        ),
      );
      await log.checkpoint('test');
    });
    afterAll(async () => {
      await ds?.destroy();
    });

    it('verifies the untouched chain with its signed checkpoint', async () => {
      const verdict = await log.verify();
      expect(verdict).toMatchObject({ ok: true, events: 11, checkpoints: 1 });
      expect((await repos.audit.query({ runId: 'run-1', limit: 100 })).map((e) => e.payload['i']).sort()).toEqual([1, 4, 7]);
    });

    it('refuses UPDATE and DELETE on the audit table', async () => {
      await expect(ds.query(`UPDATE audit_events SET actor = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(/append-only/);
    });

    it('names the first broken sequence number after an edit, a swap or a deletion', async () => {
      await dropGuards(ds);
      // One changed payload byte: event 3 no longer matches its payload digest.
      await ds.query(`UPDATE audit_events SET payload = replace(payload, '"i":', '"j":') WHERE seq = 3`);
      expect(await log.verify()).toMatchObject({ ok: false, seq: 3, reason: 'its payload does not match its payload digest' });
      await ds.query(`UPDATE audit_events SET payload = replace(payload, '"j":', '"i":') WHERE seq = 3`);
      expect((await log.verify()).ok).toBe(true);
      // Two rows swapped (contents exchanged, sequence numbers kept): event 5 now follows the wrong hash.
      await ds.query(`UPDATE audit_events SET seq = -5 WHERE seq = 5`);
      await ds.query(`UPDATE audit_events SET seq = 5 WHERE seq = 6`);
      await ds.query(`UPDATE audit_events SET seq = 6 WHERE seq = -5`);
      expect(await log.verify()).toMatchObject({ ok: false, seq: 5 });
      await ds.query(`UPDATE audit_events SET seq = -5 WHERE seq = 5`);
      await ds.query(`UPDATE audit_events SET seq = 5 WHERE seq = 6`);
      await ds.query(`UPDATE audit_events SET seq = 6 WHERE seq = -5`);
      expect((await log.verify()).ok).toBe(true);
      // A deleted row leaves a gap at its number.
      await ds.query(`DELETE FROM audit_events WHERE seq = 7`);
      expect(await log.verify()).toMatchObject({ ok: false, seq: 7, reason: 'event 7 is missing (the chain goes on at 8)' });
    });
  });
}

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

auditContract(
  'SQLite',
  async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-audit-'));
    dirs.push(dir);
    return openDataSource({ sqlitePath: path.join(dir, 'db.sqlite') });
  },
  async (ds) => {
    await ds.query('DROP TRIGGER audit_events_no_update');
    await ds.query('DROP TRIGGER audit_events_no_delete');
  },
);

if (url) {
  auditContract(
    'PostgreSQL',
    () => freshPostgres(url, 'consilium_audit'),
    async (ds) => {
      await ds.query('DROP TRIGGER audit_events_append_only ON audit_events');
    },
  );
}

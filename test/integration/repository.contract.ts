import { randomUUID } from 'node:crypto';

import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { demoRunSpec } from '../../cli/demo/demo.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import type { RunEntity, TaskEntity, UpdateEntity } from '../../coordinator/persistence/entities/index.js';
import { Repositories } from '../../coordinator/persistence/repositories/index.js';

/** The one repository suite every database must pass. */
export function repositoryContract(name: string, open: () => Promise<DataSource>): void {
  describe(`repositories on ${name}`, () => {
    let dataSource: DataSource;
    let repos: Repositories;
    beforeAll(async () => {
      dataSource = await open();
      repos = new Repositories(dataSource);
    });
    afterAll(async () => {
      await dataSource?.destroy();
    });

    const run = (): RunEntity => ({
      id: randomUUID(),
      name: 'contract',
      spec: parseRunSpec(demoRunSpec(2)),
      specSha256: 'a'.repeat(64),
      status: 'pending',
      completedRounds: 0,
      latestModelVersionId: null,
      error: null,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });

    it('stores and reads back sites with their JSON columns', async () => {
      const id = `site-${randomUUID().slice(0, 8)}`;
      await repos.sites.create({ id, name: 'Site', enrolledAt: '2026-01-01T00:00:00.000Z' });
      await repos.sites.update(id, { backend: { name: 'wasm', device: 'CPU', notes: ['x'] }, agentVersion: '0.1.0' });
      expect(await repos.sites.get(id)).toMatchObject({
        id,
        name: 'Site',
        backend: { name: 'wasm', device: 'CPU', notes: ['x'] },
        agentVersion: '0.1.0',
        lastSeenAt: null,
      });
    });

    it('spends an enrolment token once, even when two enrolments race for it', async () => {
      const id = randomUUID();
      await repos.enrolmentTokens.save({
        id,
        siteId: 'site-x',
        tokenSha256: randomUUID().replace(/-/g, '').padEnd(64, '0'),
        createdAt: 'c',
        createdBy: 'user:admin',
        expiresAt: 'e',
        usedAt: null,
      });
      const outcomes = await Promise.all([
        repos.enrolmentTokens.use(id, '2026-01-01T00:00:00.000Z'),
        repos.enrolmentTokens.use(id, '2026-01-01T00:00:01.000Z'),
      ]);
      expect(outcomes.sort()).toEqual([false, true]);
    });

    it('revokes every live certificate of a site and finds certificates by fingerprint', async () => {
      const siteId = `site-${randomUUID().slice(0, 8)}`;
      const cert = (serial: string, notAfter: string) => ({
        serial,
        siteId,
        sha256: serial.padEnd(64, 'f'),
        notBefore: '2026-01-01T00:00:00.000Z',
        notAfter,
        issuedAt: 'i',
        issuedBy: 'enrolment' as const,
        revokedAt: null,
      });
      await repos.certificates.save(cert(`${siteId}-1`, '2026-03-01T00:00:00.000Z'));
      await repos.certificates.save(cert(`${siteId}-2`, '2026-04-01T00:00:00.000Z'));
      expect((await repos.certificates.current(siteId))?.serial).toBe(`${siteId}-2`);
      expect(await repos.certificates.revokeAll(siteId, '2026-02-01T00:00:00.000Z')).toBe(2);
      expect(await repos.certificates.current(siteId)).toBeNull();
      expect((await repos.certificates.bySha256(`${siteId}-1`.padEnd(64, 'f')))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
    });

    it('keeps API tokens by hash only and counts live admins', async () => {
      const before = await repos.apiTokens.countLive('admin');
      const hash = randomUUID().replace(/-/g, '').padEnd(64, '1');
      const created = await repos.apiTokens.create({
        id: randomUUID(),
        name: 'a',
        role: 'admin',
        tokenSha256: hash,
        createdAt: 'c',
        createdBy: 'system',
        revokedAt: null,
        lastUsedAt: null,
      });
      expect(created).not.toHaveProperty('tokenSha256');
      expect((await repos.apiTokens.byHash(hash))?.id).toBe(created.id);
      expect(await repos.apiTokens.countLive('admin')).toBe(before + 1);
      await repos.apiTokens.update(created.id, { revokedAt: 'r' });
      expect(await repos.apiTokens.byHash(hash)).toBeNull();
    });

    it("records a site's consent to a run only when it changes", async () => {
      const runId = randomUUID();
      const consent = { runId, siteId: 'site-c', specSha256: 'b'.repeat(64), state: 'awaiting-approval' as const, reason: 'r', updatedAt: 'u1' };
      expect(await repos.consents.record(consent)).toBe(true);
      expect(await repos.consents.record({ ...consent, updatedAt: 'u2' })).toBe(false);
      expect(await repos.consents.record({ ...consent, state: 'approved', reason: null, updatedAt: 'u3' })).toBe(true);
      expect(await repos.consents.forRun(runId)).toEqual([{ ...consent, state: 'approved', reason: null, updatedAt: 'u3' }]);
    });

    it('keeps a run spec intact and lists runs by status', async () => {
      const created = await repos.runs.save(run());
      const read = await repos.runs.get(created.id);
      expect(read?.spec).toEqual(created.spec);
      await repos.runs.update(created.id, { status: 'running', completedRounds: 1 });
      expect((await repos.runs.withStatus(['running'])).map((r) => r.id)).toContain(created.id);
      expect((await repos.runs.withStatus(['completed'])).map((r) => r.id)).not.toContain(created.id);
    });

    it('accepts exactly one update per task, even when two race', async () => {
      const r = await repos.runs.save(run());
      const roundId = randomUUID();
      const task: TaskEntity = {
        id: randomUUID(),
        runId: r.id,
        roundId,
        roundNumber: 1,
        siteId: 'a',
        status: 'sent',
        sentAt: new Date().toISOString(),
        finishedAt: null,
        reason: null,
      };
      await repos.tasks.saveMany([task]);
      const update = (): UpdateEntity => ({
        id: randomUUID(),
        taskId: task.id,
        runId: r.id,
        roundNumber: 1,
        siteId: 'a',
        sha256: 'b'.repeat(64),
        bytes: 5_000_000_000, // beyond 32 bits: bigint must survive the round trip
        sampleCount: 7,
        metrics: { val_accuracy: 0.5 },
        status: 'accepted',
        reason: null,
        receivedAt: new Date().toISOString(),
      });
      const results = await Promise.all([repos.updates.saveAccepted(update(), 't'), repos.updates.saveAccepted(update(), 't')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const accepted = await repos.updates.acceptedForRound(r.id, 1);
      expect(accepted).toHaveLength(1);
      expect(accepted[0]).toMatchObject({ bytes: 5_000_000_000, sampleCount: 7, metrics: { val_accuracy: 0.5 } });
      expect((await repos.tasks.get(task.id))?.status).toBe('accepted');
      expect(await repos.tasks.transition(task.id, 'sent', { status: 'failed' })).toBe(false);
    });

    it('refuses a second model version for the same run and round', async () => {
      const r = await repos.runs.save(run());
      const version = { runId: r.id, round: 0, sha256: 'c'.repeat(64), bytes: 10, parentId: null, contributors: [], evaluation: null, createdAt: 't' };
      await repos.models.save({ id: randomUUID(), ...version });
      await expect(repos.models.save({ id: randomUUID(), ...version })).rejects.toThrow();
      expect(await repos.models.forRun(r.id)).toHaveLength(1);
    });

    it('gives a lease to one holder until it expires, renews what is still held, and fences writes with it', async () => {
      const name = `run:${randomUUID()}`;
      const [t0, t5, t10, t20] = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:05.000Z', '2026-01-01T00:00:10.000Z', '2026-01-01T00:00:20.000Z'];
      expect(await repos.leases.acquire(name, 'node-a', t0, t10)).toBe(true);
      expect(await repos.leases.acquire(name, 'node-b', t5, t20)).toBe(false);
      expect(await repos.leases.acquire(name, 'node-a', t5, t20)).toBe(true);
      expect(await repos.leases.holds(name, 'node-a', t10)).toBe(true);
      expect(await repos.leases.holds(name, 'node-b', t10)).toBe(false);
      expect(await repos.leases.renew('node-a', t10, t20)).toContain(name);
      // Expired at t20: node-b takes it, and node-a's renewal no longer names it.
      expect(await repos.leases.acquire(name, 'node-b', t20, '2026-01-01T00:00:30.000Z')).toBe(true);
      expect(await repos.leases.renew('node-a', t20, '2026-01-01T00:00:30.000Z')).not.toContain(name);
      expect(await repos.transaction((tx) => tx.leases.holds(name, 'node-a', t20))).toBe(false);
      expect(await repos.transaction((tx) => tx.leases.holds(name, 'node-b', t20))).toBe(true);
      // A release by a process that no longer holds it leaves the holder's lease alone; force takes it regardless.
      await repos.leases.release(name, 'node-a');
      expect(await repos.leases.holds(name, 'node-b', t20)).toBe(true);
      expect(await repos.leases.acquire(name, 'node-c', t20, '2026-01-01T00:00:40.000Z', true)).toBe(true);
      await repos.leases.release(name, 'node-c');
      expect(await repos.leases.holds(name, 'node-c', t20)).toBe(false);
    });

    it('gives a free lease to exactly one of eight processes racing for it, and lists the live ones by prefix', async () => {
      const prefix = `site-${randomUUID().slice(0, 8)}:`;
      const at = '2026-01-01T00:00:00.000Z';
      const until = '2026-01-01T00:00:15.000Z';
      const taken = await Promise.all(Array.from({ length: 8 }, (_, i) => repos.leases.acquire(`${prefix}x`, `node-${i}`, at, until)));
      expect(taken.filter(Boolean)).toHaveLength(1);
      await repos.leases.acquire(`${prefix}y`, 'node-0', at, '2026-01-01T00:00:05.000Z');
      expect(await repos.leases.live(prefix, '2026-01-01T00:00:01.000Z')).toEqual(['x', 'y']);
      expect(await repos.leases.live(prefix, '2026-01-01T00:00:05.000Z')).toEqual(['x']);
    });

    it('keeps long messages between processes until pruned', async () => {
      const [old, fresh] = [randomUUID(), randomUUID()];
      await repos.clusterMessages.put(old, 'x'.repeat(20_000), '2026-01-01T00:00:00.000Z');
      await repos.clusterMessages.put(fresh, '{"kind":"resync"}', '2026-01-01T00:20:00.000Z');
      expect((await repos.clusterMessages.body(old))?.length).toBe(20_000);
      await repos.clusterMessages.prune('2026-01-01T00:10:00.000Z');
      expect(await repos.clusterMessages.body(old)).toBeNull();
      expect(await repos.clusterMessages.body(fresh)).toBe('{"kind":"resync"}');
    });
  });
}

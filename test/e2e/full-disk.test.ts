import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { RunDetails } from '../../coordinator/services/run.service.js';
import { waitFor } from '../support/coordinator.js';
import { ProcessFederation } from '../support/federation-processes.js';
import { fillDisk, mountTmpfs } from '../support/tmpfs.js';

const cli = path.resolve('dist/cli/main.js');
const { DATABASE_URL: _shared, ...childEnv } = process.env;

const tmpfs = mountTmpfs(32);
const federations: ProcessFederation[] = [];
afterAll(async () => {
  await Promise.all(federations.map((f) => f.stop()));
  if ('dir' in tmpfs) tmpfs.unmount();
});

describe('a full disk under the coordinator, with real processes', () => {
  it.skipIf('skip' in tmpfs)(
    'acknowledges nothing it could not store: after the disk is freed and the coordinator restarted, everything it answered is there and the ledger holds',
    async () => {
      if (!('dir' in tmpfs)) return;
      const federation = await new ProcessFederation({ coordinatorDir: path.join(tmpfs.dir, 'state') }).start();
      federations.push(federation);
      const sites = ['site-a', 'site-b', 'site-c'];
      for (const site of sites) await federation.addSite(site, { features: 8, rows: 400 });
      const { id } = await federation.researcher.request<{ id: string }>('POST', '/api/runs', {
        json: {
          name: 'full-disk',
          classes: ['no', 'yes'],
          rounds: 6,
          localEpochs: 1,
          sites,
          roundDeadlineSeconds: 120,
          siteWaitSeconds: 120,
          model: {
            class_name: 'Sequential',
            config: {
              layers: [
                { class_name: 'Dense', config: { input_shape: [8], units: 64, activation: 'relu' } },
                { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
              ],
            },
          },
        },
      });
      await waitFor(async () => (await federation.researcher.request<RunDetails>('GET', `/api/runs/${id}`)).run.completedRounds >= 1, 120_000);

      // The disk fills mid-run; REST writes keep coming. Each 2xx is a promise that the token exists after a restart.
      const filler = fillDisk(tmpfs.dir);
      const promised: string[] = [];
      const statuses = new Set<number>();
      let unhealthy = false;
      for (let i = 0; i < 30; i++) {
        const created = await fetch(`${federation.httpUrl}/api/tokens`, {
          method: 'POST',
          headers: { authorization: `Bearer ${federation.tokens['admin']}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `during-${i}`, role: 'auditor' }),
        });
        statuses.add(created.status);
        if (created.ok) promised.push(((await created.json()) as { id: string }).id);
        const health = await fetch(`${federation.httpUrl}/healthz`);
        if (health.status === 503) {
          unhealthy = true;
          expect(((await health.json()) as { database: { writable: boolean; error: string } }).database).toMatchObject({
            writable: false,
            error: expect.stringMatching(/disk is full|SQLITE_FULL/),
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(statuses.has(503)).toBe(true);
      expect(unhealthy).toBe(true);

      rmSync(filler);
      await waitFor(async () => (await fetch(`${federation.httpUrl}/healthz`)).status === 200, 30_000);
      await federation.kill('coordinator', 'SIGKILL');
      await federation.startCoordinator();

      const details = await federation.waitRun(id, 300_000);
      expect(details.run.error).toBeNull();
      expect(details.run.status).toBe('completed');
      const tokens = await federation.admin.request<{ tokens: { id: string }[] }>('GET', '/api/tokens');
      const stored = new Set(tokens.tokens.map((t) => t.id));
      expect(promised.filter((t) => !stored.has(t))).toEqual([]);
      const ledger = await federation.ledger(id, sites);
      expect(ledger).toEqual({ accepted: 18, audited: 18, inLineage: 18, receipted: 18 });

      const env = { ...childEnv, CONSILIUM_URL: federation.httpUrl };
      const verify = spawnSync(process.execPath, [cli, 'audit', 'verify'], {
        encoding: 'utf8',
        env: { ...env, CONSILIUM_TOKEN: federation.tokens['auditor'] },
      });
      expect(verify.stdout).toMatch(/^audit chain verified: \d+ events/);
      for (const site of sites) {
        const receipts = spawnSync(process.execPath, [cli, 'site', 'verify-receipts', '--config', path.join(federation.root, site, 'site.yaml')], {
          encoding: 'utf8',
          env: { ...env, CONSILIUM_TOKEN: federation.tokens['auditor'] },
        });
        expect({ site, status: receipts.status, out: receipts.stdout + receipts.stderr }).toMatchObject({ site, status: 0 });
      }
    },
    480_000,
  );
});

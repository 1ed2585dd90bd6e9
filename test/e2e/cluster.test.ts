import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it, onTestFailed } from 'vitest';

import type { RunDetails } from '../../coordinator/services/run.service.js';
import { waitFor } from '../support/coordinator.js';
import { ProcessFederation } from '../support/federation-processes.js';
import { wideTableRun } from '../support/graph-spec.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const url = process.env['DATABASE_URL'];
const LEASE_SECONDS = 4;

const federations: ProcessFederation[] = [];
const proxies: TcpProxy[] = [];
afterAll(async () => {
  await Promise.all(federations.map((f) => f.stop()));
  await Promise.all(proxies.map((p) => p.close()));
});

describe.skipIf(!url)('several coordinator processes, one federation', () => {
  it('takes a run over within its lease when the process driving it is killed -9 mid-upload, and the ledger holds', async () => {
    const federation = await new ProcessFederation({ cluster: { databaseUrl: url!, coordinators: 2, leaseSeconds: LEASE_SECONDS } }).start();
    federations.push(federation);
    onTestFailed(() => console.error(federation.tails()));
    const [first, second] = federation.coordinators.map((c) => ({ host: '127.0.0.1', port: c.grpcPort }));
    // Each site reaches the coordinators through its own failover balancer: site-a prefers process 0 and site-b
    // process 1, so before the kill one of them is on a process that does not drive the run, and its tasks and
    // updates cross between processes. Site c's 4 MB updates go at 600 KB/s, so the kill lands mid-upload.
    const via = async (targets: { host: string; port: number }[], bytesPerSecond = 0) => {
      const proxy = await new TcpProxy(targets).start();
      proxy.bytesPerSecond = bytesPerSecond;
      proxies.push(proxy);
      return proxy;
    };
    const proxyC = await via([first!, second!], 600_000);
    await federation.addSite('site-a', { features: 1000, via: (await via([first!, second!])).address });
    await federation.addSite('site-b', { features: 1000, via: (await via([second!, first!])).address });
    await federation.addSite('site-c', { features: 1000, via: proxyC.address });
    const sites = ['site-a', 'site-b', 'site-c'];
    await waitFor(async () => (await federation.online()) === 3, 60_000);
    const { id } = await federation.researcher.request<{ id: string }>('POST', '/api/runs', {
      json: wideTableRun('cluster', 3, sites),
    });
    const driver = await waitFor(() => federation.leaseHolder(`run:${id}`), 30_000);
    const other = federation.coordinators.find((c) => c.name !== driver)!;
    // Site c moves to the driving process, whose death will cut its upload.
    const driving = federation.coordinators.find((c) => c.name === driver)!;
    proxyC.targets = [
      { host: '127.0.0.1', port: driving.grpcPort },
      { host: '127.0.0.1', port: other.grpcPort },
    ];
    proxyC.cut();

    await waitFor(
      async () => (await federation.researcher.request<{ run: { completedRounds: number } }>('GET', `/api/runs/${id}`)).run.completedRounds >= 1,
      180_000,
    );
    await waitFor(async () => federation.partialBytes('site-c') > 600_000, 180_000);
    const killedAt = Date.now();
    await federation.kill(driver, 'SIGKILL');
    const successor = await waitFor(() => federation.leaseHolder(`run:${id}`), 30_000);
    const takeoverSeconds = (Date.now() - killedAt) / 1000;
    console.log(`run ${id}: ${driver} killed -9, ${successor} drives it ${takeoverSeconds.toFixed(1)} s later (lease ${LEASE_SECONDS} s)`);
    expect(successor).toBe(other.name);
    // The lease lapses at most LEASE_SECONDS after the last renewal; the survivor looks every tenth of a lease.
    expect(takeoverSeconds).toBeLessThan(LEASE_SECONDS * 1.1 + 1);

    const details = await federation.waitRun(id, 240_000);
    expect(details.run.error).toBeNull();
    expect(details.run.status).toBe('completed');
    expect(federation.log(other.name)).toContain(`resuming run ${id}`);
    // Site c's cut upload went on against the surviving process from the bytes the shared state held.
    expect(federation.log('site-c')).toMatch(/resuming the upload at byte [1-9]\d*/);
    expect(await federation.ledger(id, sites)).toEqual({ accepted: 9, audited: 9, inLineage: 9, receipted: 9 });
    expect(federation.partialBytes('site-c')).toBe(0);
    // Asynchronously: the balancer in front of the processes runs in this test's event loop.
    const verify = await promisify(execFile)(process.execPath, [
      path.resolve('dist/cli/main.js'),
      'audit',
      'verify',
      '--coordinator-url',
      federation.httpUrl,
      '--api-token',
      federation.tokens['auditor']!,
    ]);
    expect(verify.stdout).toMatch(/^audit chain verified: \d+ events/);
    const rounds = (await federation.researcher.request<RunDetails>('GET', `/api/runs/${id}`)).rounds;
    expect(rounds.map((r) => [r.number, r.kind, r.status])).toEqual([
      [1, 'train', 'completed'],
      [2, 'train', 'completed'],
      [3, 'train', 'completed'],
      [4, 'evaluate', 'completed'],
    ]);
  }, 600_000);
});

import { afterAll, describe, expect, it, onTestFailed } from 'vitest';

import type { RunDetails } from '../../coordinator/services/run.service.js';
import { waitFor } from '../support/coordinator.js';
import { ProcessFederation } from '../support/federation-processes.js';
import { denseSpec, wideTableRun } from '../support/graph-spec.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const federations: ProcessFederation[] = [];
const proxies: TcpProxy[] = [];
afterAll(async () => {
  await Promise.all(federations.map((f) => f.stop()));
  await Promise.all(proxies.map((p) => p.close()));
});

describe('faults, with real processes', () => {
  it('survives kill -9 of the coordinator mid-round and of a site mid-upload: uploads resume, nothing is counted twice', async () => {
    const federation = await new ProcessFederation().start();
    federations.push(federation);
    onTestFailed(() => console.error(federation.tails()));
    // Site c reaches the coordinator through a proxy that lets 600 KB/s through: its 4 MB updates take seconds, so the kills land mid-upload.
    const proxy = await new TcpProxy({ host: '127.0.0.1', port: federation.grpcPort }).start();
    proxies.push(proxy);
    proxy.bytesPerSecond = 600_000;
    const sites = ['site-a', 'site-b', 'site-c'];
    await federation.addSite('site-a', { features: 1000 });
    await federation.addSite('site-b', { features: 1000 });
    await federation.addSite('site-c', { features: 1000, via: proxy.address });
    const { id } = await federation.researcher.request<{ id: string }>('POST', '/api/runs', {
      json: wideTableRun('faults', 2, sites),
    });

    // Round 1: the coordinator dies (SIGKILL) while site c is uploading, and comes back on the same state and ports.
    await waitFor(async () => federation.partialBytes('site-c') > 600_000, 120_000);
    await federation.kill('coordinator', 'SIGKILL');
    await federation.startCoordinator();
    // Round 2: site c itself dies while uploading, and its agent is started again.
    await waitFor(
      async () => (await federation.researcher.request<{ run: { completedRounds: number } }>('GET', `/api/runs/${id}`)).run.completedRounds >= 1,
      120_000,
    );
    // Round 2 trains before it uploads. This wait once ran out at two minutes in CI, cause not found (it passes in 33 s
    // here, also with the CPUs saturated); a failure now prints every process's log tail to say why.
    await waitFor(async () => federation.partialBytes('site-c') > 600_000, 240_000);
    await federation.kill('site-c', 'SIGKILL');
    federation.startSite('site-c');

    const details = await federation.waitRun(id, 240_000);
    expect(details.run.error).toBeNull();
    expect(details.run.status).toBe('completed');
    // Both interruptions were resumed from the bytes the coordinator held, not sent again from the start.
    expect(federation.log('site-c').match(/resuming the upload at byte [1-9]\d*/g)?.length).toBeGreaterThanOrEqual(2);
    // Sites a and b were not asked to train round 1 again after the coordinator restarted.
    for (const site of ['site-a', 'site-b']) expect(federation.log(site).match(/round 1\): training/g)).toHaveLength(1);
    expect(await federation.ledger(id, sites)).toEqual({ accepted: 6, audited: 6, inLineage: 6, receipted: 6 });
    expect(federation.partialBytes('site-c')).toBe(0);
  }, 600_000);

  it('finishes when 3 of 10 sites vanish and a link is cut mid-stream, leaving the vanished sites out', async () => {
    const federation = await new ProcessFederation().start();
    federations.push(federation);
    onTestFailed(() => console.error(federation.tails()));
    const proxy = await new TcpProxy({ host: '127.0.0.1', port: federation.grpcPort }).start();
    proxies.push(proxy);
    const sites = Array.from({ length: 10 }, (_, i) => `site-${i}`);
    // The three that will vanish hold more data, so they are still training when they are killed.
    const vanishing = sites.slice(0, 3);
    for (const site of sites)
      await federation.addSite(site, { features: 8, rows: vanishing.includes(site) ? 8000 : 40, ...(site === 'site-9' ? { via: proxy.address } : {}) });
    await waitFor(async () => (await federation.online()) === 10, 120_000);
    const { id } = await federation.researcher.request<{ id: string }>('POST', '/api/runs', {
      json: {
        name: 'vanishing',
        classes: ['no', 'yes'],
        rounds: 3,
        localEpochs: 3,
        sites,
        minSites: 7,
        roundDeadlineSeconds: 20,
        siteWaitSeconds: 120,
        roundPolicy: { maxConsecutiveFailures: 1 },
        model: denseSpec(8, 16),
      },
    });
    // Round 1 opens once 7 sites consented (minSitesToStart defaults to the quorum); round 2 asks all ten.
    await waitFor(async () => {
      const d = await federation.researcher.request<RunDetails>('GET', `/api/runs/${id}`);
      return d.rounds.find((r) => r.number === 2)?.tasks.length === 10;
    }, 180_000);
    for (const site of vanishing) await federation.kill(site, 'SIGKILL');
    expect(proxy.cut()).toBeGreaterThan(0);

    const details = await federation.waitRun(id, 240_000);
    expect(details.run.error).toBeNull();
    expect(details.run.status).toBe('completed');
    const accepted = details.rounds
      .filter((r) => r.kind === 'train')
      .map((r) =>
        r.tasks
          .filter((t) => t.status === 'accepted')
          .map((t) => t.siteId)
          .sort(),
      );
    expect(accepted[0]!.length).toBeGreaterThanOrEqual(7);
    // Round 2 aggregated at its deadline without the three; round 3 no longer asked them.
    expect(accepted.slice(1)).toEqual([sites.slice(3), sites.slice(3)]);
    expect(
      details.rounds[1]!.tasks.filter((t) => t.status === 'expired')
        .map((t) => t.siteId)
        .sort(),
    ).toEqual(sites.slice(0, 3));
    expect(details.rounds[2]!.tasks.map((t) => t.siteId).sort()).toEqual(sites.slice(3));
    expect((details.run.exclusions ?? []).map((e) => e.siteId).sort()).toEqual(sites.slice(0, 3));
    expect(details.run.exclusions![0]!.reason).toBe('failed or missed its last 1 rounds (roundPolicy.maxConsecutiveFailures: 1)');
    const ledger = await federation.ledger(id, sites);
    expect(ledger.accepted).toBe(accepted.flat().length);
    expect(ledger).toEqual({ accepted: ledger.accepted, audited: ledger.accepted, inLineage: ledger.accepted, receipted: ledger.accepted });
  }, 420_000);

  it('shuts down gracefully on SIGTERM: agents are told, reconnect with backoff, and the run completes after the restart', async () => {
    const federation = await new ProcessFederation().start();
    federations.push(federation);
    onTestFailed(() => console.error(federation.tails()));
    const sites = ['site-x', 'site-y'];
    for (const site of sites) await federation.addSite(site, { features: 8, rows: 2000 });
    const { id } = await federation.researcher.request<{ id: string }>('POST', '/api/runs', {
      json: {
        name: 'sigterm',
        classes: ['no', 'yes'],
        rounds: 4,
        localEpochs: 2,
        sites,
        roundDeadlineSeconds: 120,
        siteWaitSeconds: 120,
        model: denseSpec(8, 16),
      },
    });
    await waitFor(async () => (await federation.researcher.request<RunDetails>('GET', `/api/runs/${id}`)).run.completedRounds >= 1, 120_000);
    expect(await federation.kill('coordinator', 'SIGTERM')).toBe(0);
    for (const site of sites) {
      await waitFor(async () => federation.log(site).includes('coordinator shutting down'), 10_000);
      expect(federation.log(site)).toMatch(/reconnecting in \d+ ms/);
    }
    await federation.startCoordinator();
    const details = await federation.waitRun(id, 180_000);
    expect(details.run.error).toBeNull();
    expect(details.run.status).toBe('completed');
    expect(await federation.ledger(id, sites)).toEqual({ accepted: 8, audited: 8, inLineage: 8, receipted: 8 });
    const { events } = await federation.auditor.request<{ events: { action: string; payload: { reason?: string } }[] }>(
      'GET',
      '/api/audit?action=audit.checkpoint',
    );
    expect(events.some((e) => JSON.stringify(e.payload).includes('shutdown'))).toBe(true);
  }, 300_000);

  it('unmasks a secure-aggregation round through sites that die at each phase, and names the one that lies', async () => {
    const federation = await new ProcessFederation().start();
    federations.push(federation);
    onTestFailed(() => console.error(federation.tails()));
    const sites = ['site-0', 'site-1', 'site-2', 'site-3', 'site-4', 'site-5', 'site-6'];
    // site-0's process kills itself once it has advertised its keys, before it sends its shares.
    await federation.addSite('site-0', { features: 8, fault: 'die-before-sharing' });
    // site-1's process kills itself once its shares are sent, before it masks its update. (Killing it from here
    // while it trained raced its training on a loaded machine: once, its masked update got in first.)
    await federation.addSite('site-1', { features: 8, fault: 'die-before-masking' });
    await federation.addSite('site-2', { features: 8 });
    // site-3 reveals self-mask shares other than those it committed to.
    await federation.addSite('site-3', { features: 8, fault: 'lie-in-unmasking' });
    for (const site of sites.slice(4)) await federation.addSite(site, { features: 8 });
    await waitFor(async () => (await federation.online()) === sites.length, 120_000);
    const { id } = await federation.researcher.request<{ id: string }>('POST', '/api/runs', {
      json: {
        name: 'secure',
        classes: ['no', 'yes'],
        rounds: 1,
        localEpochs: 5,
        sites,
        minSites: 3,
        roundPolicy: { minSitesToStart: sites.length },
        roundDeadlineSeconds: 30,
        siteWaitSeconds: 120,
        // Three honest sites reveal (site-4, -5, -6): three shares must rebuild a secret.
        secureAggregation: { threshold: 3, reconstruction: 3, clippingRange: 10, phaseSeconds: 10 },
        model: denseSpec(8, 16),
      },
    });
    const auditOf = async (action: string) =>
      (await federation.auditor.request<{ events: { payload: Record<string, unknown> }[] }>('GET', `/api/audit?action=${action}&run=${id}`)).events;
    await waitFor(async () => (await auditOf('secagg.phase')).some((e) => e.payload['phase'] === 'share-keys'), 120_000);
    // site-2's masked update is in; it dies before the coordinator asks it for its shares.
    await waitFor(async () => federation.log('site-2').includes('masked update sent'), 120_000);
    await federation.kill('site-2', 'SIGKILL');
    // The agents come back, without faults, for the closing evaluation, which asks every site.
    await waitFor(async () => (await federation.researcher.request<RunDetails>('GET', `/api/runs/${id}`)).run.completedRounds >= 1, 120_000);
    for (const site of ['site-0', 'site-1', 'site-2']) federation.startSite(site);
    const details = await federation.waitRun(id, 240_000);
    expect(details.run.error).toBeNull();
    expect(details.run.status).toBe('completed');
    const phases = await auditOf('secagg.phase');
    expect(phases.map((p) => [p.payload['phase'], p.payload['missing'] ?? p.payload['dropped']])).toEqual([
      ['advertise-keys', []],
      ['share-keys', ['site-0']],
      ['collect-masked', ['site-1']],
    ]);
    const unmasked = await auditOf('secagg.unmasked');
    expect(unmasked).toHaveLength(1);
    // site-2's input is in the sum, its self-mask removed with the others' shares; site-1's masks are cancelled;
    // site-0 never shared, so nobody masked with it; site-3's input counts, its false shares do not.
    expect(unmasked[0]!.payload).toMatchObject({ round: 1, included: ['site-2', 'site-3', 'site-4', 'site-5', 'site-6'], dropped: ['site-1'] });
    const culprits = unmasked[0]!.payload['culprits'] as { siteId: string; phase: string; reason: string }[];
    // One entry per false share, each naming whose share it was.
    expect(new Set(culprits.map((c) => `${c.siteId} ${c.phase}`))).toEqual(new Set(['site-3 unmask']));
    expect(culprits[0]!.reason).toMatch(/^revealed a self-mask share of (site-.) that differs from the one \1 committed to$/);
  }, 420_000);
});

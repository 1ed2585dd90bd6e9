import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { certificateInfo } from '../../common/pki.js';
import { loadSiteConfig } from '../../site-agent/config/site-config.js';
import { loadIdentity } from '../../site-agent/identity/site-identity.js';
import { siteApprove, siteEnrol, siteRenew, siteRevokeApproval, siteRuns } from '../../site-agent/main.js';
import { SiteAgent } from '../../site-agent/site-agent.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';

const quiet = { info: () => undefined, warn: () => undefined };

/** A real agent on a 4-feature table, enrolled with a token through the REST API, under the given policy. */
async function agentSite(
  coordinator: TestCoordinator,
  siteId: string,
  policy: Record<string, unknown>,
): Promise<{ agent: SiteAgent; configFile: string; running: Promise<void> }> {
  const root = mkdtempSync(path.join(tmpdir(), `consilium-${siteId}-`));
  const rows = ['a,b,c,d,label', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2},${(i * 7) % 11},${i % 2 ? 'yes' : 'no'}`)];
  writeFileSync(path.join(root, 'table.csv'), rows.join('\n'));
  writeFileSync(path.join(root, 'policy.yaml'), stringify(policy));
  const configFile = path.join(root, 'site.yaml');
  writeFileSync(
    configFile,
    stringify({
      siteId,
      coordinator: coordinator.grpcAddress,
      stateDir: './state',
      policy: './policy.yaml',
      backend: 'cpu',
      data: { kind: 'csv', path: './table.csv', labelColumn: 'label' },
    }),
  );
  await postJson(`${coordinator.httpUrl}/api/sites`, { id: siteId });
  const { token } = (await postJson(`${coordinator.httpUrl}/api/sites/${siteId}/enrolment-tokens`, {})).body;
  await siteEnrol(configFile, coordinator.httpUrl, token);
  const agent = new SiteAgent(loadSiteConfig(configFile), await selectBackend('cpu'), quiet);
  await agent.prepare();
  return { agent, configFile, running: agent.run() };
}

const runDetails = async (coordinator: TestCoordinator, id: string) => (await api(`${coordinator.httpUrl}/api/runs/${id}`)).json();

describe('site policy and run approval with a real agent', () => {
  let coordinator: TestCoordinator;
  const agents: { agent: SiteAgent; running: Promise<void> }[] = [];

  beforeAll(async () => {
    coordinator = await testCoordinator({ siteCertificateDays: 10 });
  });
  afterAll(async () => {
    for (const { agent } of agents) agent.stop();
    await Promise.all(agents.map((a) => a.running));
    await coordinator?.close();
  });

  it('refuses a spec with a forbidden layer, or with too many parameters, and the researcher sees why', async () => {
    agents.push(await agentSite(coordinator, 'conv-only', { allowedLayers: ['Conv2D', 'Flatten'], requireApproval: false }));
    agents.push(await agentSite(coordinator, 'tiny-only', { maxParameters: 5, requireApproval: false }));
    for (const [siteId, reason] of [
      ['conv-only', 'site policy: layer Dense not allowed by the site policy (allowedLayers: Conv2D, Flatten)'],
      // Dense 4 → 2: 4 × 2 weights + 2 biases.
      ['tiny-only', 'site policy: model has 10 parameters; the site policy allows at most 5 (maxParameters)'],
    ]) {
      const created = await postJson(`${coordinator.httpUrl}/api/runs`, tinySpec([siteId!]));
      const failed = await waitFor(async () => {
        const d = await runDetails(coordinator, created.body.id);
        return d.run.status === 'failed' ? d : null;
      });
      expect(failed.consents).toEqual([expect.objectContaining({ siteId, state: 'refused', reason })]);
      expect(failed.rounds).toEqual([]);
    }
  });

  it('trains nothing until hospital IT approves the spec hash, then completes the run', async () => {
    const site = await agentSite(coordinator, 'careful', { requireApproval: true });
    agents.push(site);
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['careful']), siteWaitSeconds: 60 });
    const waiting = await waitFor(async () => {
      const d = await runDetails(coordinator, created.body.id);
      return d.consents[0]?.state === 'awaiting-approval' ? d : null;
    });
    expect(waiting.consents[0].reason).toBe(`awaiting approval by the site (consilium site approve ${created.body.specSha256.slice(0, 12)})`);
    expect(waiting.rounds).toEqual([]);
    expect(siteRuns(site.configFile)).toContain(`spec ${created.body.specSha256}: not approved`);
    await siteApprove(site.configFile, created.body.specSha256.slice(0, 10));
    const done = await waitFor(async () => {
      const d = await runDetails(coordinator, created.body.id);
      return ['completed', 'failed'].includes(d.run.status) ? d : null;
    });
    expect(done.run.error).toBeNull();
    expect(done.run.status).toBe('completed');
    expect(done.consents).toEqual([expect.objectContaining({ siteId: 'careful', state: 'approved' })]);
  });

  it('renews its certificate by itself when less than 20 % of the lifetime is left', async () => {
    const site = agents.at(-1)!;
    const config = loadSiteConfig(site.configFile);
    const before = loadIdentity(config.stateDir, config.siteId).info;
    // 10-day certificates: 8.5 days in, 15 % is left.
    expect(await site.agent.renewIfDue(new Date(Date.parse(before.notBefore) + 8 * 86_400_000))).toBe(false);
    expect(await site.agent.renewIfDue(new Date(Date.parse(before.notBefore) + 8.5 * 86_400_000))).toBe(true);
    const after = loadIdentity(config.stateDir, config.siteId).info;
    expect(after.serial).not.toBe(before.serial);
    expect(certificateInfo(loadIdentity(config.stateDir, config.siteId).certPem).commonName).toBe('careful');
    const listed = (await (await api(`${coordinator.httpUrl}/api/sites`)).json()).sites.find((s: { id: string }) => s.id === 'careful');
    expect(listed.certificate).toEqual({ serial: after.serial, notAfter: after.notAfter, daysLeft: 9 });
    const renewed = (await (await api(`${coordinator.httpUrl}/api/audit?action=site.certificate-renewed`)).json()).events;
    expect(renewed.map((e: { actor: string; payload: { serial: string } }) => [e.actor, e.payload.serial])).toEqual([['site:careful', after.serial]]);
  });

  it('stops training for a run whose approval hospital IT revokes, and says so to the researcher', async () => {
    const site = agents.find((a) => a.configFile.includes('careful'))!;
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['careful']), rounds: 200 });
    await waitFor(async () => (await runDetails(coordinator, created.body.id)).consents[0]?.state === 'awaiting-approval');
    await siteApprove(site.configFile, created.body.specSha256);
    await waitFor(async () => (await runDetails(coordinator, created.body.id)).run.completedRounds >= 1);
    await siteRevokeApproval(site.configFile, created.body.specSha256);
    const failed = await waitFor(async () => {
      const d = await runDetails(coordinator, created.body.id);
      return d.run.status === 'failed' && d.consents[0]?.state === 'revoked' ? d : null;
    });
    expect(failed.run.completedRounds).toBeLessThan(200);
    expect(failed.consents).toEqual([
      expect.objectContaining({ siteId: 'careful', state: 'revoked', reason: 'hospital IT revoked its approval of this spec' }),
    ]);
    // Either the coordinator heard the revocation first (no more tasks), or the agent refused the task in flight.
    expect(failed.run.error).toMatch(/careful(?: revoked \(|: site reported: refused: revoked: )hospital IT revoked its approval of this spec/);
  });

  it('renews on demand with `site renew`: a new key and serial, the old certificate still valid until it expires', async () => {
    const site = agents.find((a) => a.configFile.includes('conv-only'))!;
    const config = loadSiteConfig(site.configFile);
    const before = loadIdentity(config.stateDir, config.siteId);
    const message = await siteRenew(site.configFile);
    const after = loadIdentity(config.stateDir, config.siteId);
    expect(message).toBe(
      `certificate renewed: serial ${after.info.serial}, valid until ${after.info.notAfter} (was ${before.info.serial}, until ${before.info.notAfter})`,
    );
    expect(after.keyPem).not.toBe(before.keyPem);
    const { clientWith } = await import('../support/coordinator.js');
    // Both certificates open a call: renewal does not cut off an agent that has not picked up the new one yet.
    for (const identity of [before, after]) {
      const client = clientWith(coordinator.grpcAddress, identity);
      const error = await new Promise<{ code: number } | null>((resolve) =>
        client.renewCertificate({ csrPem: 'not a csr' }, (e: { code: number } | null) => resolve(e)),
      );
      expect(error?.code).toBe(3); // INVALID_ARGUMENT: authenticated, then the CSR is refused
      client.close();
    }
  });
});

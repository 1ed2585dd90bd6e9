import { afterAll, describe, expect, it } from 'vitest';

import { roundsEpsilon } from '../../common/rdp-accountant.js';
import { PrivacyLedger } from '../../site-agent/policy/privacy-ledger.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitRunEnd } from '../support/coordinator.js';

const table = ['a,b,c,d,label', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2},${(i * 7) % 11},${i % 2 ? 'yes' : 'no'}`)].join('\n');

describe("a site's privacy budget, through real agents", () => {
  let coordinator: TestCoordinator;
  const sites: AgentSite[] = [];
  afterAll(async () => {
    for (const site of sites) site.agent.stop();
    await Promise.all(sites.map((s) => s.running));
    await coordinator?.close();
  });

  const data = { data: { kind: 'csv', path: './table.csv', labelColumn: 'label' } };

  it('is refused by the site it would overspend, trained by the other, whose ledger and the coordinator count the same ε', async () => {
    coordinator = await testCoordinator();
    // Two rounds at noise multiplier 4 cost ε 1.478 at δ 1e-5: within a budget of 10, over one of 1.
    const cost = roundsEpsilon([{ noiseMultiplier: 4, rounds: 2 }], 1e-5);
    expect(cost).toBeGreaterThan(1);
    expect(cost).toBeLessThan(10);
    for (const [siteId, epsilon] of [
      ['roomy', 10],
      ['tight', 1],
    ] as const) {
      sites.push(await startAgentSite(coordinator, siteId, { 'table.csv': table }, data, { requireApproval: false, privacyBudget: { epsilon, delta: 1e-5 } }));
    }
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['roomy', 'tight']),
      rounds: 2,
      minSites: 1,
      siteWaitSeconds: 5,
      privacy: { clipNorm: 1, noiseMultiplier: 4 },
    });
    expect(created.status).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 60_000);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);
    const tight = done.consents.find((c: { siteId: string }) => c.siteId === 'tight');
    expect(tight).toMatchObject({
      state: 'refused',
      reason: `privacy budget: the run would spend ε ${cost.toFixed(3)} (2 rounds, noise multiplier 4); with ε 0.000 already spent on this site's data by 0 runs that makes ${cost.toFixed(3)}, over the site policy's privacyBudget ε 1 at δ 0.00001`,
    });

    const privacy = await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}/privacy`)).json();
    expect(privacy).toEqual({
      runId: created.body.id,
      noiseMultiplier: 4,
      level: 'site',
      noise: 'local',
      delta: 1e-5,
      plannedRounds: 2,
      sites: [
        { siteId: 'roomy', rounds: 2, samplingRate: 1, stepsPerRound: 1, plannedEpsilon: cost, spentEpsilon: cost },
        { siteId: 'tight', rounds: 0, samplingRate: 1, stepsPerRound: 1, plannedEpsilon: cost, spentEpsilon: 0 },
      ],
    });
    const ledger = PrivacyLedger.inStateDir(`${sites[0]!.root}/state`).entries();
    expect(ledger.map((e) => [e.runId, e.rounds, e.noiseMultiplier])).toEqual([[created.body.id, 2, 4]]);
  }, 90_000);

  it('trains by DP-SGD at the site that can afford it; its ledger, the audit trail and the coordinator count its steps', async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['roomy', 'tight']),
      name: 'dp-sgd',
      rounds: 1,
      batchSize: 8,
      minSites: 1,
      siteWaitSeconds: 5,
      optimizer: { name: 'sgd', learningRate: 0.5 },
      privacy: { level: 'sample', clipNorm: 1, noiseMultiplier: 2 },
    });
    expect(created.status).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 60_000);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);
    // 30 of the 40 rows train (the site's validation split holds the others), in batches of 8: q = 8/30, 4 steps a round.
    const spend = { noiseMultiplier: 2, samplingRate: 8 / 30, stepsPerRound: 4 };
    const cost = roundsEpsilon([{ ...spend, rounds: 1 }], 1e-5);
    const ledger = PrivacyLedger.inStateDir(`${sites[0]!.root}/state`).entries();
    expect(ledger.find((e) => e.runId === created.body.id)).toMatchObject({ ...spend, rounds: 1 });
    const privacy = await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}/privacy`)).json();
    expect(privacy).toMatchObject({
      level: 'sample',
      noiseMultiplier: 2,
      sites: [
        { siteId: 'roomy', rounds: 1, samplingRate: spend.samplingRate, stepsPerRound: 4, spentEpsilon: cost },
        { siteId: 'tight', rounds: 0 },
      ],
    });
    const audit = await (await api(`${coordinator.httpUrl}/api/audit?action=update.accepted&run=${created.body.id}`)).json();
    expect(audit.events.map((e: { payload: { privacy: unknown } }) => e.payload.privacy)).toEqual([
      { level: 'sample', ...spend, delta: 1e-5, roundEpsilon: cost, rounds: 1, spentEpsilon: cost },
    ]);
  }, 90_000);

  it('adds the noise at the coordinator when the spec says central: sites that trust it train and count it, a budget that does not refuses', async () => {
    sites.push(await startAgentSite(coordinator, 'open', { 'table.csv': table }, data, { requireApproval: false }));
    sites.push(
      await startAgentSite(coordinator, 'trusting', { 'table.csv': table }, data, {
        requireApproval: false,
        privacyBudget: { epsilon: 10, delta: 1e-5 },
        trustCentralNoise: true,
      }),
    );
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['roomy', 'open', 'trusting']),
      name: 'central',
      rounds: 2,
      minSites: 2,
      roundPolicy: { minSitesToStart: 2 },
      siteWaitSeconds: 5,
      privacy: { clipNorm: 1, noiseMultiplier: 4, noise: 'central' },
    });
    expect(created.status).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 60_000);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);
    expect(done.consents.find((c: { siteId: string }) => c.siteId === 'roomy')).toMatchObject({
      state: 'refused',
      reason:
        "site policy: the run's noise is added by the coordinator (privacy.noise central), so this site's update would leave clipped but unnoised, and the site policy's privacy rules (requireDifferentialPrivacy, privacyBudget) do not take the coordinator's word (trustCentralNoise). Ask for noise local (or distributed under secure aggregation), or set trustCentralNoise: true in the site policy",
    });
    // Each version's mean is over the two sites the round asked, its noise 4 × 1 / 2 per coordinate.
    const models = await (await api(`${coordinator.httpUrl}/api/audit?action=model.created&run=${created.body.id}`)).json();
    expect(models.events.slice(1).map((e: { payload: { strategy: unknown } }) => e.payload.strategy)).toEqual([
      { strategy: 'fedavg', used: ['open', 'trusting'], excluded: [], centralNoise: { sites: 2, stdDev: 2 } },
      { strategy: 'fedavg', used: ['open', 'trusting'], excluded: [], centralNoise: { sites: 2, stdDev: 2 } },
    ]);
    const cost = roundsEpsilon([{ noiseMultiplier: 4, rounds: 2 }], 1e-5);
    const ledger = PrivacyLedger.inStateDir(`${sites.at(-1)!.root}/state`).entries();
    expect(ledger.map((e) => [e.runId, e.rounds, e.noiseMultiplier])).toEqual([[created.body.id, 2, 4]]);
    const privacy = await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}/privacy`)).json();
    expect(privacy).toMatchObject({
      noise: 'central',
      sites: [
        { siteId: 'roomy', spentEpsilon: 0 },
        { siteId: 'open', spentEpsilon: cost },
        { siteId: 'trusting', spentEpsilon: cost },
      ],
    });
  }, 90_000);
});

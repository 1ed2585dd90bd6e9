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

  it('is refused by the site it would overspend, trained by the other, whose ledger and the coordinator count the same ε', async () => {
    coordinator = await testCoordinator();
    const data = { data: { kind: 'csv', path: './table.csv', labelColumn: 'label' } };
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
});

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SecAggUpMessage } from '../../common/secure-aggregation/secagg-wire.js';
import { decodeTensors } from '../../common/tensor-codec.js';
import type { TaskDeps } from '../../site-agent/task/task-deps.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitRunEnd } from '../support/coordinator.js';

/** Each site's table: the same four features and label, different rows per site. */
const table = (offset: number) =>
  [
    'a,b,c,d,label',
    ...Array.from({ length: 40 }, (_, i) => `${(i + offset) % 7},${((i + offset) * 3) % 5},${i % 2},${((i + offset) * 7) % 11},${i % 2 ? 'yes' : 'no'}`),
  ].join('\n');
const SITES = ['site-a', 'site-b', 'site-c', 'site-d', 'site-e', 'site-f'];

/**
 * Makes a running agent misbehave at one phase, as a crash or a liar would: its messages of that kind are dropped
 * or altered on their way up its stream. Everything else is the real agent.
 */
function tamper(site: AgentSite, change: (message: SecAggUpMessage) => SecAggUpMessage | null): void {
  const deps = (site.agent as unknown as { deps: TaskDeps }).deps;
  const original = deps.secureAggregation;
  deps.secureAggregation = {
    open: (taskId) => {
      const channel = original.open(taskId);
      return {
        ...channel,
        send: (message) => {
          const changed = change(message);
          if (changed) channel.send(changed);
        },
      };
    },
  };
}

async function events(coordinator: TestCoordinator, runId: string, action: string): Promise<{ payload: Record<string, unknown> }[]> {
  return (await (await api(`${coordinator.httpUrl}/api/audit?action=${action}&run=${runId}&limit=1000`)).json()).events;
}

const weightsOf = async (coordinator: TestCoordinator, runId: string) =>
  new Float32Array(await (await api(`${coordinator.httpUrl}/api/runs/${runId}/model/weights.bin`)).arrayBuffer());

describe('secure aggregation through real agents', () => {
  let coordinator: TestCoordinator;
  const sites: AgentSite[] = [];
  beforeAll(async () => {
    coordinator = await testCoordinator();
    for (const [i, siteId] of SITES.entries()) {
      sites.push(
        await startAgentSite(coordinator, siteId, { 'table.csv': table(i * 3) }, { data: { kind: 'csv', path: './table.csv', labelColumn: 'label' } }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    for (const site of sites) site.agent.stop();
    await Promise.all(sites.map((s) => s.running));
    await coordinator?.close();
  });

  const spec = (name: string, siteIds: string[], extra: Record<string, unknown> = {}) => ({
    ...tinySpec(siteIds),
    name,
    rounds: 1,
    seed: 3,
    optimizer: { name: 'sgd', learningRate: 0.1 },
    ...extra,
  });
  const secure = { secureAggregation: { threshold: 3, clippingRange: 10, phaseSeconds: 5 } };

  it('gives the model plain FedAvg gives, while the coordinator holds only masked updates', async () => {
    const four = SITES.slice(0, 4);
    const plain = await postJson(`${coordinator.httpUrl}/api/runs`, spec('plain', four));
    expect((await waitRunEnd(coordinator, plain.body.id)).run.status).toBe('completed');
    const masked = await postJson(`${coordinator.httpUrl}/api/runs`, spec('secure', four, secure));
    expect(masked.status).toBe(201);
    const done = await waitRunEnd(coordinator, masked.body.id);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);

    // The same sites trained the same model from the same seed: the sums differ only by the fixed point's rounding.
    const expected = await weightsOf(coordinator, plain.body.id);
    const got = await weightsOf(coordinator, masked.body.id);
    expect(got.length).toBe(10);
    got.forEach((w, i) => expect(Math.abs(w - expected[i]!)).toBeLessThan(1e-5));

    // Everything the coordinator stored of the run's updates: masked words, not a tensor container, and not small
    // fixed-point numbers (a plain update of weights near 0 would be), but words spread over the whole ring.
    const lineage = await (await api(`${coordinator.httpUrl}/api/models/${done.run.latestModelVersionId}/lineage`)).json();
    const contributors = lineage.model.contributors as { siteId: string; sha256: string }[];
    expect(contributors.map((c) => c.siteId).sort()).toEqual(four);
    for (const { sha256 } of contributors) {
      const bytes = readFileSync(path.join(coordinator.stateDir, 'blobs', sha256.slice(0, 2), sha256));
      expect(bytes.length).toBe(11 * 4);
      expect(() => decodeTensors(new Uint8Array(bytes))).toThrow();
      const words = new Uint32Array(bytes.buffer, bytes.byteOffset, 11);
      expect(words.filter((w) => w < 2 ** 24 || w > 2 ** 32 - 2 ** 24).length).toBeLessThan(3);
    }
    const phases = (await events(coordinator, masked.body.id, 'secagg.phase')).map((e) => e.payload['phase']);
    expect(phases).toEqual(['advertise-keys', 'share-keys', 'collect-masked']);
    const [unmasked] = await events(coordinator, masked.body.id, 'secagg.unmasked');
    expect(unmasked!.payload).toMatchObject({ round: 1, included: four, dropped: [], culprits: [] });
    const accepted = await events(coordinator, masked.body.id, 'update.accepted');
    expect(accepted.map((e) => e.payload['secureAggregation'])).toEqual(four.map(() => ({ words: 11, complaints: [] })));
  }, 120_000);

  it('completes with sites dropping before sharing, before uploading and while unmasking; and names a liar', async () => {
    const [, b, c, d, e] = sites;
    tamper(e!, (m) => (m.kind === 'shares' ? null : m)); // gone before sharing its keys
    tamper(d!, (m) => (m.kind === 'masked' ? null : m)); // gone after sharing, before uploading
    tamper(c!, (m) => (m.kind === 'reveal' ? null : m)); // gone while unmasking
    // site-b reveals shares that differ from those it committed to.
    tamper(b!, (m) =>
      m.kind === 'reveal'
        ? { ...m, reveal: { ...m.reveal, selfMaskShares: m.reveal.selfMaskShares.map((s) => ({ ...s, share: s.share.map((x) => x ^ 0xff) })) } }
        : m,
    );
    const created = await postJson(
      `${coordinator.httpUrl}/api/runs`,
      spec('dropouts', SITES, {
        // Two honest sites reveal (site-a and site-f): two shares must rebuild a secret.
        secureAggregation: { ...secure.secureAggregation, reconstruction: 2 },
        minSites: 3,
        roundPolicy: { minSitesToStart: 6 },
        roundDeadlineSeconds: 20,
      }),
    );
    expect(created.status).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 90_000);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);
    const phases = await events(coordinator, created.body.id, 'secagg.phase');
    expect(phases.map((p) => [p.payload['phase'], p.payload['missing'] ?? p.payload['dropped']])).toEqual([
      ['advertise-keys', []],
      ['share-keys', ['site-e']],
      ['collect-masked', ['site-d']],
    ]);
    const [unmasked] = await events(coordinator, created.body.id, 'secagg.unmasked');
    expect(unmasked!.payload['included']).toEqual(['site-a', 'site-b', 'site-c', 'site-f']);
    expect(unmasked!.payload['dropped']).toEqual(['site-d']);
    const culprits = unmasked!.payload['culprits'] as { siteId: string; phase: string; reason: string }[];
    expect(new Set(culprits.map((x) => `${x.siteId} ${x.phase}`))).toEqual(new Set(['site-b unmask']));
    expect(culprits[0]!.reason).toMatch(/^revealed a self-mask share of site-. that differs from the one site-. committed to$/);
    const failed = (await events(coordinator, created.body.id, 'task.failed')).map((x) => x.payload['reason']);
    expect(failed).toContain("secure aggregation: did not answer the secure aggregation's share-keys phase within 5 s");
  }, 150_000);

  it('fails cleanly below the threshold: no unmasking, the reason on record', async () => {
    const [, , , , , f] = sites;
    tamper(f!, (m) => (m.kind === 'masked' ? null : m));
    const created = await postJson(
      `${coordinator.httpUrl}/api/runs`,
      spec('too-few', ['site-a', 'site-f'], { secureAggregation: { ...secure.secureAggregation, threshold: 2 }, minSites: 2, roundDeadlineSeconds: 10 }),
    );
    expect(created.status).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 60_000);
    expect(done.run.status).toBe('failed');
    expect(done.run.error).toBe('round 1: 1 accepted updates, 2 needed (site-f: no update before the round deadline)');
    expect(await events(coordinator, created.body.id, 'secagg.unmasked')).toEqual([]);
  }, 90_000);

  it('refuses a spec that secure aggregation cannot serve, naming the field', async () => {
    const refused = await postJson(`${coordinator.httpUrl}/api/runs`, spec('median', SITES, { ...secure, minSites: 3, strategy: { name: 'median' } }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("strategy.name: median needs each site's own update, which secure aggregation hides from the coordinator");
  });
});

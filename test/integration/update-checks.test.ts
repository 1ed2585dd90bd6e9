import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeTensors, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import type { RunningCoordinator } from '../../coordinator/main.js';
import type { consilium } from '../../proto/gen/consilium.js';
import { api, postJson, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader } from '../support/grpc-site.js';

describe('update norm bounds', () => {
  let coordinator: RunningCoordinator;
  let site: ReturnType<typeof connectSite>;

  beforeAll(async () => {
    coordinator = await testCoordinator();
    await postJson(`${coordinator.httpUrl}/api/sites`, { id: 'site-a' });
    site = await connectSite(coordinator, 'site-a');
  });
  afterAll(async () => {
    site?.connect.cancel();
    await coordinator?.close();
  });

  /** Starts a one-round run with these update checks; returns its task and global model. */
  async function runWith(updateChecks: Record<string, unknown>): Promise<{ task: consilium.v1.TaskAssignment; global: NamedTensor[] }> {
    const before = site.tasks.length;
    expect((await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['site-a']), updateChecks })).status).toBe(201);
    const task = await waitFor(async () => site.tasks[before]);
    return { task, global: decodeTensors(await fetchModel(site.client, site.metadata, task.modelVersionId, 0)) };
  }
  const send = (task: consilium.v1.TaskAssignment, delta: NamedTensor[]) => {
    const container = encodeTensors(delta);
    return submit(site.client, site.metadata, updateHeader(task, container), container);
  };
  const filled = (global: NamedTensor[], value: number) => global.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(value) }));
  const nextModel = async (runId: string) => {
    await waitFor(async () => ((await (await api(`${coordinator.httpUrl}/api/runs/${runId}`)).json()).rounds[0]?.status === 'completed' ? true : null));
    return new Float32Array(await (await api(`${coordinator.httpUrl}/api/runs/${runId}/model/weights.bin`)).arrayBuffer());
  };

  it('rejects an update above maxNorm with the norm in the reason, then accepts one within it', async () => {
    const { task, global } = await runWith({ maxNorm: 1 });
    // The tiny model has 10 parameters: all 1 is a norm of √10 ≈ 3.16228; all 0.25 is ≈ 0.790569.
    const large = await send(task, filled(global, 1));
    expect(large.accepted).toBe(false);
    expect(large.reason).toBe('update L2 norm 3.16228 exceeds updateChecks.maxNorm 1; this run rejects larger updates (onExceed: reject)');
    expect((await send(task, filled(global, 0.25))).accepted).toBe(true);
    const next = await nextModel(task.runId);
    expect(Array.from(next)).toEqual(global.flatMap((t) => Array.from(t.values, (v) => Math.fround(v + 0.25))));
  });

  it('clips an update above maxNorm down to it when the run says clip', async () => {
    const { task, global } = await runWith({ maxNorm: 1, onExceed: 'clip' });
    expect((await send(task, filled(global, 1))).accepted).toBe(true);
    // Scaled by 1/√10, each value is 0.31622776…, so the update's norm becomes exactly the bound.
    const next = await nextModel(task.runId);
    const step = Math.fround(1 / Math.sqrt(10));
    expect(Array.from(next)).toEqual(global.flatMap((t) => Array.from(t.values, (v) => Math.fround(v + step))));
  });

  it('records the clip factor judged at intake on the accepted update, the factor aggregation applied', async () => {
    const { events } = await (await api(`${coordinator.httpUrl}/api/audit?action=update.accepted&limit=1000`)).json();
    const factors = events.map((e: { payload: { l2Norm: number; clipFactor: number } }) => [
      Number(e.payload.l2Norm.toPrecision(6)),
      Number(e.payload.clipFactor.toPrecision(6)),
    ]);
    // The first run rejects above the bound (factor 1 for the 0.25s); the second clips √10 down to 1.
    expect(factors).toEqual([
      [0.790569, 1],
      [3.16228, 0.316228],
    ]);
  });

  it('recorded every step in a verifiable audit chain', async () => {
    const verdict = await (await api(`${coordinator.httpUrl}/api/audit/verify`)).json();
    expect(verdict.ok).toBe(true);
    const { events } = await (await api(`${coordinator.httpUrl}/api/audit?limit=1000`)).json();
    const actions = new Set(events.map((e: { action: string }) => e.action));
    for (const action of [
      'site.registered',
      'site.enrolled',
      'site.consent',
      'site.connected',
      'run.created',
      'model.created',
      'round.opened',
      'update.rejected',
      'update.accepted',
    ])
      expect(actions, action).toContain(action);
    const rejected = await (await api(`${coordinator.httpUrl}/api/audit?action=update.rejected`)).json();
    expect(rejected.events.map((e: { payload: { reason: string } }) => e.payload.reason)).toEqual([
      'update L2 norm 3.16228 exceeds updateChecks.maxNorm 1; this run rejects larger updates (onExceed: reject)',
    ]);
    expect(rejected.events[0].actor).toBe('site:site-a');
    const key = await (await api(`${coordinator.httpUrl}/api/audit/key`)).json();
    expect(key.algorithm).toBe('Ed25519');
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect((await api(`${coordinator.httpUrl}/api/audit?from=yesterday`)).status).toBe(400);
  });

  it('refuses an absurd update by default, with no maxNorm set, and accepts a large but plausible one', async () => {
    const { task, global } = await runWith({});
    const absurd = await send(task, filled(global, 3e38));
    expect(absurd.accepted).toBe(false);
    // The tiny model's 10 parameters: √10 ≈ 3.16228 dominates the initial weights' norm, so the bound is 31622.8.
    const modelNorm = Math.sqrt(global.reduce((sum, t) => sum + t.values.reduce((s2, v) => s2 + v * v, 0), 0));
    expect(modelNorm).toBeLessThan(Math.sqrt(10));
    expect(absurd.reason).toBe(
      `update L2 norm 9.48683e+38 exceeds the sanity bound 31622.8 (updateChecks.maxRelativeNorm 10000 × max(model norm ${modelNorm.toPrecision(6)}, √parameters 3.16228)); an update this large is corrupt or hostile. If it is genuine, raise updateChecks.maxRelativeNorm, or set it to null`,
    );
    // A step of 100 on every weight is wild for training, and still accepted.
    expect((await send(task, filled(global, 100))).accepted).toBe(true);
    const next = await nextModel(task.runId);
    expect(Array.from(next)).toEqual(global.flatMap((t) => Array.from(t.values, (v) => Math.fround(v + 100))));
  });

  it('lets a run turn the sanity bound off', async () => {
    const { task, global } = await runWith({ maxRelativeNorm: null });
    expect((await send(task, filled(global, 1e30))).accepted).toBe(true);
  });
});

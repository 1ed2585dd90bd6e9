import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeTensors, encodeTensors } from '../../common/tensor-codec.js';
import { type consilium } from '../../proto/gen/consilium.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader } from '../support/grpc-site.js';

type Site = Awaited<ReturnType<typeof connectSite>>;

/** A site's update for its task: +0.1 everywhere. */
async function updateFor(site: Site, task: consilium.v1.TaskAssignment): Promise<{ header: consilium.v1.IUpdateHeader; container: Uint8Array }> {
  const global = decodeTensors(await fetchModel(site.client, site.metadata, task.modelVersionId, 0));
  const container = encodeTensors(global.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(0.1) })));
  return { header: updateHeader(task, container), container };
}

describe('how rounds close', () => {
  let coordinator: TestCoordinator;
  const sites: Site[] = [];

  beforeAll(async () => {
    coordinator = await testCoordinator();
    for (const id of ['late-a', 'late-b', 'over-a', 'over-b', 'over-c']) sites.push(await connectSite(coordinator, id));
  });
  afterAll(async () => {
    for (const site of sites) site.connect.cancel();
    await coordinator?.close();
  });
  const site = (id: string): Site => sites[['late-a', 'late-b', 'over-a', 'over-b', 'over-c'].indexOf(id)]!;

  it('aggregates at the deadline without the late site, and rejects its update as late, on record', async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['late-a', 'late-b']),
      minSites: 1,
      roundDeadlineSeconds: 3,
      roundPolicy: { minSitesToStart: 2 },
    });
    const [a, b] = [site('late-a'), site('late-b')];
    const taskA = await waitFor(async () => a.tasks.find((t) => t.runId === created.body.id));
    const taskB = await waitFor(async () => b.tasks.find((t) => t.runId === created.body.id));
    const fromA = await updateFor(a, taskA);
    const fromB = await updateFor(b, taskB);
    expect((await submit(a.client, a.metadata, fromA.header, fromA.container)).accepted).toBe(true);
    const round = await waitFor(async () => {
      const d = await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}`)).json();
      return d.rounds[0]?.status === 'completed' ? d.rounds[0] : null;
    });
    const late = await submit(b.client, b.metadata, fromB.header, fromB.container);
    expect(late.accepted).toBe(false);
    expect(late.reason).toBe(`late: round 1 is completed and task ${taskB.taskId} is expired`);
    expect(round.tasks.map((t: { siteId: string; status: string }) => [t.siteId, t.status])).toEqual([
      ['late-a', 'accepted'],
      ['late-b', 'expired'],
    ]);
    const rejected = (await (await api(`${coordinator.httpUrl}/api/audit?action=update.rejected&site=late-b`)).json()).events;
    expect(rejected.map((e: { payload: { reason: string } }) => e.payload.reason)).toEqual([late.reason]);
  });

  it('over-selects, closes the round at its target, and cancels the straggler', async () => {
    // 3 ready sites; target max(minSites 2, half of 3) = 2; over-selection 100 % asks all 3.
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['over-a', 'over-b', 'over-c']),
      minSites: 2,
      roundPolicy: { minSitesToStart: 3, fraction: 0.5, overSelection: 1 },
    });
    const tasks = await Promise.all(['over-a', 'over-b', 'over-c'].map((id) => waitFor(async () => site(id).tasks.find((t) => t.runId === created.body.id))));
    const cancelled = new Promise<consilium.v1.TaskCancellation>((resolve) =>
      site('over-c').connect.on('data', (m: consilium.v1.CoordinatorMessage) => m.cancel && resolve(m.cancel)),
    );
    for (const [i, id] of (['over-a', 'over-b'] as const).entries()) {
      const { header, container } = await updateFor(site(id), tasks[i]!);
      expect((await submit(site(id).client, site(id).metadata, header, container)).accepted).toBe(true);
    }
    expect(await cancelled).toMatchObject({ taskId: tasks[2]!.taskId, reason: 'round 1 has the 2 updates it waits for' });
    const { header, container } = await updateFor(site('over-c'), tasks[2]!);
    const straggler = await submit(site('over-c').client, site('over-c').metadata, header, container).catch((e: grpc.ServiceError) => e);
    expect((straggler as consilium.v1.UpdateReceipt).reason).toMatch(
      /^late: round 1 is (collecting|completed) and task .* is cancelled$|^late: round 1 is past its deadline/,
    );
    const details = await waitFor(async () => {
      const d = await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}`)).json();
      return d.rounds[0]?.status === 'completed' ? d : null;
    });
    expect(details.rounds[0].target).toBe(2);
    expect(details.rounds[0].tasks.map((t: { siteId: string; status: string }) => [t.siteId, t.status])).toEqual([
      ['over-a', 'accepted'],
      ['over-b', 'accepted'],
      ['over-c', 'cancelled'],
    ]);
  });
});

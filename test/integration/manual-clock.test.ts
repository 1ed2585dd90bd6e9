import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ManualClock } from '../../common/clock.js';
import { decodeTensors, encodeTensors } from '../../common/tensor-codec.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader } from '../support/grpc-site.js';

describe('time through the Clock', () => {
  let coordinator: TestCoordinator;
  const clock = new ManualClock(new Date());
  const sites: Awaited<ReturnType<typeof connectSite>>[] = [];
  beforeAll(async () => {
    coordinator = await testCoordinator({}, { clock });
  });
  afterAll(async () => {
    for (const s of sites) s.connect.cancel();
    await coordinator?.close();
  });

  it('closes a round with a ten-minute deadline when the clock is moved past it, not slept through', async () => {
    const [a, b] = [await connectSite(coordinator, 'clock-a'), await connectSite(coordinator, 'clock-b')];
    sites.push(a, b);
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['clock-a', 'clock-b']),
      minSites: 1,
      roundDeadlineSeconds: 600,
      roundPolicy: { minSitesToStart: 2 },
    });
    const taskA = await waitFor(async () => a.tasks.find((t) => t.runId === created.body.id));
    const taskB = await waitFor(async () => b.tasks.find((t) => t.runId === created.body.id));
    const global = decodeTensors(await fetchModel(a.client, a.metadata, taskA.modelVersionId, 0));
    const container = encodeTensors(global.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(0.1) })));
    const header = (task: typeof taskA) => updateHeader(task, container);
    expect((await submit(a.client, a.metadata, header(taskA), container)).accepted).toBe(true);
    const round = async () => (await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}`)).json()).rounds[0];
    // One update of the two: the round waits for its deadline, 600 s of the coordinator's clock away.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await round()).status).toBe('collecting');
    clock.advance(601_000);
    const closed = await waitFor(async () => ((await round()).status === 'completed' ? round() : null), 10_000);
    expect(closed.tasks.map((t: { siteId: string; status: string }) => [t.siteId, t.status])).toEqual([
      ['clock-a', 'accepted'],
      ['clock-b', 'expired'],
    ]);
    const late = await submit(b.client, b.metadata, header(taskB), container);
    expect(late.reason).toBe(`late: round 1 is completed and task ${taskB.taskId} is expired`);
  });
});

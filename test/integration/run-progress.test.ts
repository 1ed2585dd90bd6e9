import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeTensors, encodeTensors } from '../../common/tensor-codec.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader } from '../support/grpc-site.js';

const run = promisify(execFile);
const cli = path.resolve('dist/cli/main.js');

describe('run progress for people and scripts', () => {
  let coordinator: TestCoordinator;
  const sockets: Awaited<ReturnType<typeof connectSite>>[] = [];
  beforeAll(async () => {
    coordinator = await testCoordinator();
  });
  afterAll(async () => {
    for (const s of sockets) s.connect.cancel();
    await coordinator?.close();
  });

  it("shows a site's per-epoch progress in the REST API and in run watch's plain lines, and the run's end", async () => {
    const site = await connectSite(coordinator, 'site-p');
    const other = await connectSite(coordinator, 'site-q');
    sockets.push(site, other);
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['site-p']), localEpochs: 3 });
    expect(created.status).toBe(201);
    const cliArgs = ['--coordinator-url', coordinator.httpUrl, '--api-token', coordinator.tokens.researcher];
    // Not on a terminal: run watch prints one line per change until the run ends.
    const watching = run(process.execPath, [cli, 'run', 'watch', created.body.id, '--interval', '100', ...cliArgs]);
    const task = await waitFor(async () => site.tasks[0]);
    const details = async () => (await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}`)).json()).rounds[0].tasks[0];

    site.connect.write({ progress: { taskId: task.taskId, phase: 'training', epoch: 2, epochs: 3, fraction: 2 / 3 } });
    // Another site cannot report on a task that is not its own.
    other.connect.write({ progress: { taskId: task.taskId, phase: 'uploading', epoch: 3, epochs: 3, fraction: 1 } });
    const shown = await waitFor(async () => ((await details()).progress?.epoch === 2 ? details() : null));
    expect(shown.progress).toEqual({ taskId: task.taskId, phase: 'training', epoch: 2, epochs: 3, fraction: expect.closeTo(2 / 3, 5), at: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await details()).progress.phase).toBe('training');

    const global = decodeTensors(await fetchModel(site.client, site.metadata, task.modelVersionId, 0));
    const container = encodeTensors(global.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(0.1) })));
    const receipt = await submit(site.client, site.metadata, updateHeader(task, container, { metrics: { train_loss: 0.5 } }), container);
    expect(receipt.accepted).toBe(true);
    expect((await details()).progress).toBeNull();
    // The final evaluation round: the site answers with metrics only.
    const evaluate = await waitFor(async () => site.tasks[1]);
    site.connect.write({ evaluation: { taskId: evaluate.taskId, sampleCount: 10, metrics: { val_accuracy: 0.8, val_loss: 0.4 } } });

    const { stdout } = await watching;
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'round 1: opened for site-p',
      'round 1: site-p training epoch 2/3',
      'round 1: site-p accepted, 10 samples, train loss 0.5000',
      'round 1: completed',
      'final evaluation: opened for site-p',
      'final evaluation: site-p accepted, 10 samples',
      'final evaluation: completed',
      'global model after round 1: validation accuracy 80.0 %',
      'run completed',
    ]);
    // For scripts: run list and run status as JSON; for people, as tables.
    const listed = JSON.parse((await run(process.execPath, [cli, 'run', 'list', '--json', ...cliArgs])).stdout);
    expect(listed.runs).toEqual([expect.objectContaining({ id: created.body.id, status: 'completed', rounds: 1, completedRounds: 1 })]);
    const table = (await run(process.execPath, [cli, 'run', 'list', ...cliArgs])).stdout.split('\n');
    expect(table[0]).toMatch(/^RUN\s+NAME\s+STATUS\s+ROUNDS\s+CREATED\s+ERROR$/);
    expect(table[1]).toMatch(new RegExp(`^${created.body.id}\\s+tiny\\s+completed\\s+1/1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+-$`));
    const status = JSON.parse((await run(process.execPath, [cli, 'run', 'status', created.body.id, '--json', ...cliArgs])).stdout);
    expect(status.run.status).toBe('completed');
    const sites = (
      await run(process.execPath, [cli, 'federation', 'sites', '--coordinator-url', coordinator.httpUrl, '--api-token', coordinator.tokens.admin])
    ).stdout.split('\n');
    expect(sites[0]).toMatch(/^SITE\s+ONLINE\s+LAST SEEN\s+AGENT\s+BACKEND\s+DATA\s+TRAIN\s+VALIDATION\s+CERTIFICATE$/);
    expect(sites.filter((l) => /^site-[pq]\s+yes\s/.test(l))).toHaveLength(2);
    const tokens = JSON.parse(
      (await run(process.execPath, [cli, 'token', 'list', '--json', '--coordinator-url', coordinator.httpUrl, '--api-token', coordinator.tokens.admin])).stdout,
    );
    expect(tokens.tokens.map((t: { role: string }) => t.role).sort()).toEqual(['admin', 'auditor', 'monitor', 'researcher']);
  }, 60_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeTensors, encodeTensors } from '../../common/tensor-codec.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader } from '../support/grpc-site.js';

const run = promisify(execFile);
const cli = path.resolve('dist/cli/main.js');

describe('the best model of a run, and stopping when it stops improving', () => {
  let coordinator: TestCoordinator;
  let site: Awaited<ReturnType<typeof connectSite>>;
  beforeAll(async () => {
    coordinator = await testCoordinator();
    site = await connectSite(coordinator, 'site-s');
  });
  afterAll(async () => {
    site?.connect.cancel();
    await coordinator?.close();
  });

  it('keeps the best version by pooled AUROC, stops after two rounds without improvement, and downloads the best', async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['site-s']),
      rounds: 10,
      selection: { metric: 'auroc_1' },
      earlyStopping: { patience: 2, minDelta: 0.01 },
    });
    expect(created.status).toBe(201);
    const runId = created.body.id as string;
    // What the site measures on the model it receives in rounds 1 to 4 (versions 0 to 3), then in the final evaluation (version 4).
    // Version 2 (0.805) does not beat version 1 (0.8) by more than minDelta; neither does version 3: patience runs out in round 4.
    const measured = [0.7, 0.8, 0.805, 0.79];
    for (const [i, auroc] of measured.entries()) {
      const task = await waitFor(async () => site.tasks.find((t) => t.runId === runId && t.round === i + 1));
      const global = decodeTensors(await fetchModel(site.client, site.metadata, task.modelVersionId, 0));
      const container = encodeTensors(global.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(0.01) })));
      const metrics = { val_samples: 20, val_auroc_1: auroc, val_loss: 1 - auroc };
      expect((await submit(site.client, site.metadata, updateHeader(task, container, { metrics }), container)).accepted).toBe(true);
    }
    const evaluate = await waitFor(async () => site.tasks.find((t) => t.runId === runId && t.round === 5));
    site.connect.write({ evaluation: { taskId: evaluate.taskId, sampleCount: 20, metrics: { val_samples: 20, val_auroc_1: 0.78 } } });
    const details = await waitFor(async () => {
      const d = await (await api(`${coordinator.httpUrl}/api/runs/${runId}`)).json();
      return d.run.status === 'completed' ? d : null;
    });
    const versionOf = (round: number) => details.models.find((m: { round: number }) => m.round === round).id;
    expect(details.run.completedRounds).toBe(4);
    expect(details.run.selection).toEqual({ modelVersionId: versionOf(1), round: 1, metric: 'auroc_1', over: 'pooled', value: 0.8, since: 3 });
    expect(details.run.stoppedEarly).toEqual({
      afterRound: 4,
      reason: "auroc_1 (pooled) has not improved on 0.8000 (round 1's model) by more than 0.01 for 2 evaluated models (patience 2)",
    });
    // On record: each new best, the early stop, and the run's end naming the best version.
    const events = async (action: string) => (await (await api(`${coordinator.httpUrl}/api/audit?action=${action}&run=${runId}`)).json()).events;
    expect((await events('model.selected')).map((e: { payload: { round: number; value: number } }) => [e.payload.round, e.payload.value])).toEqual([
      [0, 0.7],
      [1, 0.8],
    ]);
    expect((await events('run.stopping-early')).map((e: { payload: { afterRound: number } }) => e.payload.afterRound)).toEqual([4]);
    expect((await events('run.completed'))[0].payload).toMatchObject({ rounds: 4, plannedRounds: 10, bestModelVersionId: versionOf(1) });

    const out = path.join(mkdtempSync(path.join(tmpdir(), 'consilium-best-')), 'model');
    const args = ['--out', out, '--coordinator-url', coordinator.httpUrl, '--api-token', coordinator.tokens.researcher];
    const { stdout } = await run(process.execPath, [cli, 'run', 'download', runId, '--best', ...args]);
    expect(stdout).toContain(`model version ${versionOf(1)}, round 1`);
    const best = JSON.parse(readFileSync(path.join(out, 'model.json'), 'utf8')).userDefinedMetadata.consilium;
    expect([best.modelVersionId, best.round, best.selected.value]).toEqual([versionOf(1), 1, 0.8]);
    // Any version by round, or by its id.
    await run(process.execPath, [cli, 'run', 'download', runId, '--version', '3', ...args]);
    expect(JSON.parse(readFileSync(path.join(out, 'model.json'), 'utf8')).userDefinedMetadata.consilium.modelVersionId).toBe(versionOf(3));
    await run(process.execPath, [cli, 'model', 'download', versionOf(2), ...args]);
    expect(JSON.parse(readFileSync(path.join(out, 'model.json'), 'utf8')).userDefinedMetadata.consilium.round).toBe(2);
    const missing = await api(`${coordinator.httpUrl}/api/runs/${runId}/model?version=7`);
    expect([missing.status, (await missing.json()).error.message]).toEqual([404, `run ${runId} has no model version of round 7`]);
    const wrong = await api(`${coordinator.httpUrl}/api/runs/${runId}/model?version=newest`);
    expect(wrong.status).toBe(400);
  });
});

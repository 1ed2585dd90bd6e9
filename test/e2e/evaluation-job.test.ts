import { spawnSync } from 'node:child_process';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';

import { uploadModel } from '../../cli/model-upload.js';
import { ProcessFederation } from '../support/federation-processes.js';
import { saveModelFolder } from '../support/tfjs-folder.js';

const cli = path.resolve('dist/cli/main.js');
const federations: ProcessFederation[] = [];
afterAll(async () => {
  await Promise.all(federations.map((f) => f.stop()));
});

describe('evaluation without training, with real processes', () => {
  it('evaluates an uploaded model at two sites, one of which lets evaluation-only jobs past its approval; only figures come back', async () => {
    const federation = await new ProcessFederation().start();
    federations.push(federation);
    // eval-a needs no approval at all; eval-b approves every run by hand, but lets evaluation-only jobs through.
    await federation.addSite('eval-a', { features: 4, rows: 80 });
    await federation.addSite('eval-b', { features: 4, rows: 80, policy: { requireApproval: true, evaluationWithoutApproval: true } });
    const external = tf.sequential({ layers: [tf.layers.dense({ name: 'dense_0', inputShape: [4], units: 2, activation: 'softmax' })] });
    const said = await uploadModel(federation.researcher, await saveModelFolder(external), 'external', 'a model trained elsewhere');
    const modelId = /^uploaded model (\S+) /.exec(said)![1]!;
    const cliArgs = ['--coordinator-url', federation.httpUrl, '--api-token', federation.tokens['researcher']!];
    const created = spawnSync(process.execPath, [cli, 'eval', 'create', '--model', modelId, '--sites', 'eval-a,eval-b', '--classes', 'no,yes', ...cliArgs], {
      encoding: 'utf8',
    });
    expect(created.status, created.stderr).toBe(0);
    const runId = /^evaluation (\S+) created/.exec(created.stdout)![1]!;
    const details = await federation.waitRun(runId, 120_000);
    expect([details.run.status, details.run.error, details.run.completedRounds]).toEqual(['completed', null, 0]);
    // One round, the evaluation, answered by both sites with figures; no training round, no new model version.
    expect(details.rounds.map((r) => [r.kind, r.tasks.map((t) => [t.siteId, t.status])])).toEqual([
      [
        'evaluate',
        [
          ['eval-a', 'accepted'],
          ['eval-b', 'accepted'],
        ],
      ],
    ]);
    expect(details.models.map((m) => m.round)).toEqual([0]);
    expect(details.consents.find((c) => c.siteId === 'eval-b')?.reason).toBe('the site policy lets evaluation-only jobs run without approval');
    const pooled = details.rounds[0]!.metrics!;
    for (const name of ['val_auroc_1', 'val_auroc_lo_1', 'val_auroc_hi_1', 'val_sensitivity_1', 'val_specificity_1', 'val_ece'])
      expect(pooled[name], name).toBeTypeOf('number');
    for (const task of details.rounds[0]!.tasks) expect(task.update?.metrics['val_auroc_1']).toBeTypeOf('number');
    // On record: evaluations received, no update accepted (nothing but the figures left the sites).
    const events = async (action: string) =>
      (await federation.auditor.request<{ events: unknown[] }>('GET', `/api/audit?run=${runId}&action=${action}`)).events.length;
    expect([await events('evaluation.received'), await events('update.accepted')]).toEqual([2, 0]);
    external.dispose();
  }, 180_000);
});

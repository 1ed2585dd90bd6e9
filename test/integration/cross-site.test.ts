import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seededRandom } from '../../common/seeded-random.js';
import { decodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { encodeTensors } from '../../common/tensor-codec.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { api, postJson, type TestCoordinator, testCoordinator, waitFor, waitRunEnd } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader } from '../support/grpc-site.js';

/**
 * 90 rows of a table whose label is x1 + x2 > 0, measured by a "scanner" that shifts and scales every feature: the
 * shift FedBN's batch normalization absorbs at each site.
 */
function table(seed: number, shift: number, scale: number): string {
  const random = seededRandom(seed);
  const rows = Array.from({ length: 90 }, () => {
    const x = Array.from({ length: 4 }, () => random() * 2 - 1);
    return [...x.map((v) => (v * scale + shift).toFixed(4)), x[0]! + x[1]! > 0 ? 'yes' : 'no'].join(',');
  });
  return ['a,b,c,d,label', ...rows].join('\n');
}

const SITES = [
  { id: 'xs-a', shift: 0, scale: 1, share: true },
  { id: 'xs-b', shift: 3, scale: 2, share: true },
  { id: 'xs-c', shift: -2, scale: 0.5, share: false },
];

describe("a personalised run's cross-site matrix (FedBN)", () => {
  let coordinator: TestCoordinator;
  const sites: AgentSite[] = [];
  beforeAll(async () => {
    coordinator = await testCoordinator();
    for (const [i, site] of SITES.entries()) {
      sites.push(
        await startAgentSite(
          coordinator,
          site.id,
          { 'table.csv': table(i + 1, site.shift, site.scale) },
          { validationFraction: 0.3, data: { kind: 'csv', path: './table.csv', labelColumn: 'label' } },
          { requireApproval: false, evaluationWithoutApproval: true, sharePersonalisedTensors: site.share },
        ),
      );
    }
  });
  afterAll(async () => {
    for (const site of sites) site.agent.stop();
    await Promise.all(sites.map((s) => s.running));
    await coordinator?.close();
  });
  const blob = (sha: string): NamedTensor[] => decodeTensors(readFileSync(path.join(coordinator.stateDir, 'blobs', sha.slice(0, 2), sha)));
  const spec = (strategy: object) => ({
    name: 'scanners',
    classes: ['no', 'yes'],
    rounds: 2,
    sites: SITES.map((s) => s.id),
    roundDeadlineSeconds: 60,
    localEpochs: 5,
    optimizer: { name: 'adam', learningRate: 0.02 },
    strategy,
    model: {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'BatchNormalization', config: { name: 'scanner', input_shape: [4], momentum: 0.5 } },
          { class_name: 'Dense', config: { name: 'hidden', units: 8, activation: 'relu' } },
          { class_name: 'Dense', config: { name: 'head', units: 2, activation: 'softmax' } },
        ],
      },
    },
  });

  it("evaluates each sharing site's own model at every site, the diagonal exactly as the run's closing evaluation measured it", async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, spec({ name: 'fedbn', crossSite: true }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 120_000);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);
    const runId: string = done.run.id;

    // Two sites shared their batch normalization with their closing evaluation; the third's policy kept it.
    const models = (await (await api(`${coordinator.httpUrl}/api/models`)).json()).models.filter((m: { runId: string | null }) => m.runId === runId);
    expect(models.map((m: { siteId: string; baseVersionId: string; createdBy: string }) => [m.siteId, m.baseVersionId, m.createdBy]).sort()).toEqual([
      ['xs-a', done.run.latestModelVersionId, 'site:xs-a'],
      ['xs-b', done.run.latestModelVersionId, 'site:xs-b'],
    ]);
    // Each is the final global model with that site's own tensors, bit for bit: the ones it keeps in its state folder.
    const global = blob(done.models.at(-1).sha256);
    for (const [i, site] of SITES.slice(0, 2).entries()) {
      const own = decodeTensors(readFileSync(path.join(sites[i]!.root, 'state', 'local-tensors', `${runId}.tensors`)));
      expect(own.map((t) => t.name)).toEqual(['scanner/gamma', 'scanner/beta', 'scanner/moving_mean', 'scanner/moving_variance']);
      const personalised = blob(models.find((m: { siteId: string }) => m.siteId === site.id).sha256);
      expect(personalised.map((t) => t.name)).toEqual(global.map((t) => t.name));
      for (const t of personalised) {
        const expected = own.find((o) => o.name === t.name) ?? global.find((g) => g.name === t.name)!;
        expect(Array.from(t.values), `${site.id} ${t.name}`).toEqual(Array.from(expected.values));
      }
    }
    // Each downloads as a tfjs layers model, by its id, saying whose it is.
    const ofA = models.find((m: { siteId: string }) => m.siteId === 'xs-a');
    const json = await (await api(`${coordinator.httpUrl}/api/models/${ofA.id}/model.json`)).json();
    expect([json.userDefinedMetadata.consilium.personalisedFor, json.userDefinedMetadata.consilium.baseVersionId]).toEqual([
      'xs-a',
      done.run.latestModelVersionId,
    ]);
    const bin = new Float32Array(await (await api(`${coordinator.httpUrl}/api/models/${ofA.id}/weights.bin`)).arrayBuffer());
    expect(Array.from(bin)).toEqual(blob(ofA.sha256).flatMap((t) => Array.from(t.values)));
    // What left each site is in its own log: the tensors' names, size and hash; nothing from the site that kept them.
    const logged = (i: number) =>
      readFileSync(path.join(sites[i]!.root, 'state', 'sent.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .filter((e) => e.kind === 'evaluation' && e.runId === runId);
    expect(logged(0).map((e) => e.localTensors?.names)).toEqual([['scanner/gamma', 'scanner/beta', 'scanner/moving_mean', 'scanner/moving_variance']]);
    expect(logged(2).map((e) => e.localTensors)).toEqual([undefined]);
    const audit = (await (await api(`${coordinator.httpUrl}/api/audit?limit=1000`, {}, 'auditor')).json()).events;
    expect(
      audit
        .filter((e: { action: string }) => e.action === 'model.personalised')
        .map((e: { actor: string }) => e.actor)
        .sort(),
    ).toEqual(['site:xs-a', 'site:xs-b']);

    const started = await postJson(`${coordinator.httpUrl}/api/runs/${runId}/cross-site`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.jobs.map((j: { name: string }) => j.name)).toEqual(["cross-site: xs-a's model of scanners", "cross-site: xs-b's model of scanners"]);
    for (const job of started.body.jobs) expect((await waitRunEnd(coordinator, job.id, 60_000)).run.status).toBe('completed');
    const matrix = await (await api(`${coordinator.httpUrl}/api/runs/${runId}/cross-site`)).json();
    expect(matrix.models.map((m: { site: string; status: string }) => [m.site, m.status])).toEqual([
      ['xs-a', 'completed'],
      ['xs-b', 'completed'],
    ]);
    expect(matrix.sites).toEqual(['xs-a', 'xs-b', 'xs-c']);
    expect(matrix.cells.map((c: { model: string; site: string; status: string }) => `${c.model}@${c.site} ${c.status}`)).toEqual([
      'xs-a@xs-a accepted',
      'xs-a@xs-b accepted',
      'xs-a@xs-c accepted',
      'xs-b@xs-a accepted',
      'xs-b@xs-b accepted',
      'xs-b@xs-c accepted',
    ]);
    const cell = (model: string, site: string): Record<string, number> =>
      matrix.cells.find((c: { model: string; site: string }) => c.model === model && c.site === site).metrics;
    // The diagonal: the same weights on the same validation split as the run's closing evaluation, so the same figures.
    const closing = done.rounds.at(-1).tasks;
    for (const id of ['xs-a', 'xs-b']) {
      const own = closing.find((t: { siteId: string }) => t.siteId === id).update.metrics;
      expect([cell(id, id)['val_loss'], cell(id, id)['val_samples']], id).toEqual([own['val_loss'], own['val_samples']]);
    }
    // Off the diagonal, another scanner's batch normalization: each model is far worse at the other site than that site's own
    // (measured: val_loss 0.20 and 0.23 on the diagonal, 3.6 and 5.6 across).
    expect(cell('xs-a', 'xs-b')['val_loss']).toBeGreaterThan(2 * cell('xs-b', 'xs-b')['val_loss']!);
    expect(cell('xs-b', 'xs-a')['val_loss']).toBeGreaterThan(2 * cell('xs-a', 'xs-a')['val_loss']!);

    // The CLI prints the matrix: a row per shared model, a column per evaluating site.
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.resolve('dist/cli/main.js'),
      'run',
      'cross-site',
      runId,
      '--metric',
      'val_loss',
      '--coordinator-url',
      coordinator.httpUrl,
      '--api-token',
      coordinator.tokens.researcher,
    ]);
    const lines = stdout.trim().split('\n');
    // And the study report shows it, by the default figure (AUROC).
    const report = await (await api(`${coordinator.httpUrl}/api/runs/${runId}/report`, { method: 'POST' })).text();
    expect(report).toContain("<h2>Cross-site matrix: each site's own model at every site</h2>");
    expect(report).toContain(
      `<tr><th scope="row">xs-b&#39;s model</th>${['xs-a', 'xs-b', 'xs-c'].map((s) => `<td>${cell('xs-b', s)['val_auroc']!.toFixed(3)}</td>`).join('')}</tr>`,
    );
    expect(lines[0]).toBe('val_loss, by personalised model (rows) and evaluating site (columns)');
    expect(lines[2]!.split(/\s{2,}/)).toEqual(["xs-a's model", ...['xs-a', 'xs-b', 'xs-c'].map((s) => cell('xs-a', s)['val_loss']!.toFixed(3))]);
  }, 240_000);

  it("keeps a site's closing evaluation, and stores no model, when the tensors it sends are not the ones it keeps", async () => {
    const site = await connectSite(coordinator, 'xs-raw');
    try {
      const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...spec({ name: 'fedbn', crossSite: true }), sites: ['xs-raw'], rounds: 1 });
      const runId = created.body.id as string;
      const train = await waitFor(async () => site.tasks.find((t) => t.runId === runId && t.round === 1));
      expect([train.shareLocalTensors, train.sharedTensors]).toEqual([false, ['hidden/kernel', 'hidden/bias', 'head/kernel', 'head/bias']]);
      const global = decodeTensors(await fetchModel(site.client, site.metadata, train.modelVersionId, 0));
      const delta = encodeTensors(global.filter((t) => !t.name.startsWith('scanner/')).map((t) => ({ ...t, values: new Float32Array(t.values.length) })));
      expect((await submit(site.client, site.metadata, updateHeader(train, delta, { metrics: { val_samples: 20 } }), delta)).accepted).toBe(true);
      const closing = await waitFor(async () => site.tasks.find((t) => t.runId === runId && t.round === 2));
      expect(closing.shareLocalTensors).toBe(true);
      // The head's kernel instead of the batch norm: not what this site keeps.
      const wrong = encodeTensors(global.filter((t) => t.name === 'head/kernel'));
      site.connect.write({ evaluation: { taskId: closing.taskId, sampleCount: 20, metrics: { val_samples: 20, val_loss: 0.5 }, localTensors: wrong } });
      const done = await waitRunEnd(coordinator, runId);
      expect(done.run.status).toBe('completed');
      expect(done.rounds.at(-1).tasks[0].update.metrics).toEqual({ val_samples: 20, val_loss: 0.5 });
      const models = (await (await api(`${coordinator.httpUrl}/api/models`)).json()).models;
      expect(models.filter((m: { runId: string | null }) => m.runId === runId)).toEqual([]);
    } finally {
      site.connect.cancel();
    }
  });

  it('refuses a matrix for a run that collected no personalised models, saying what it needs', async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...spec({ name: 'fedbn' }), rounds: 1 });
    const done = await waitRunEnd(coordinator, created.body.id, 120_000);
    expect(done.run.status).toBe('completed');
    const refused = await postJson(`${coordinator.httpUrl}/api/runs/${created.body.id}/cross-site`, {});
    expect([refused.status, refused.body.error.message]).toEqual([
      409,
      `run ${created.body.id} collected no personalised models: a cross-site matrix needs a FedBN run with strategy {name: fedbn, crossSite: true}`,
    ]);
    // No site kept anything of it beyond its own state: its closing evaluation sent no tensors.
    const models = (await (await api(`${coordinator.httpUrl}/api/models`)).json()).models;
    expect(models.filter((m: { runId: string | null }) => m.runId === created.body.id)).toEqual([]);
  }, 180_000);
});

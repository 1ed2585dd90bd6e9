import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { uploadModel } from '../../cli/model-upload.js';
import { RestClient } from '../../common/rest-client.js';
import { decodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { api, postJson, type TestCoordinator, testCoordinator, waitRunEnd } from '../support/coordinator.js';
import { saveModelFolder } from '../support/tfjs-folder.js';

/** A table of 40 rows whose label follows the first two features, different per site. */
const table = (shift: number) =>
  [
    'a,b,c,d,label',
    ...Array.from({ length: 40 }, (_, i) => `${(i % 7) + shift},${(i * 3) % 5},${i % 2},${(i * 7) % 11},${(i % 7) + ((i * 3) % 5) > 5 ? 'yes' : 'no'}`),
  ].join('\n');

describe('fine-tuning part of a model, and weighing classes', () => {
  let coordinator: TestCoordinator;
  const sites: AgentSite[] = [];
  const blob = (sha: string): NamedTensor[] => decodeTensors(readFileSync(path.join(coordinator.stateDir, 'blobs', sha.slice(0, 2), sha)));

  beforeAll(async () => {
    coordinator = await testCoordinator();
    for (const [i, id] of ['freeze-a', 'freeze-b'].entries()) {
      sites.push(await startAgentSite(coordinator, id, { 'table.csv': table(i) }, { data: { kind: 'csv', path: './table.csv', labelColumn: 'label' } }));
    }
  });
  afterAll(async () => {
    for (const site of sites) site.agent.stop();
    await Promise.all(sites.map((s) => s.running));
    await coordinator?.close();
  });

  it('starts from an uploaded model, keeps its frozen layers bit-identical everywhere, and never sends them', async () => {
    // The pretrained model, saved by TensorFlow.js with the run's layer names and uploaded through the CLI's path.
    const pretrained = tf.sequential({
      layers: [
        tf.layers.dense({ name: 'backbone_1', inputShape: [4], units: 6, activation: 'relu', biasInitializer: 'ones' }),
        tf.layers.batchNormalization({ name: 'norm', movingVarianceInitializer: tf.initializers.constant({ value: 2 }) }),
        tf.layers.dense({ name: 'head', units: 2, activation: 'softmax' }),
      ],
    });
    const dir = await saveModelFolder(pretrained);
    const uploaded = new Map(pretrained.weights.map((w) => [w.originalName, Array.from(w.read().dataSync())]));
    pretrained.dispose();
    const researcher = new RestClient(coordinator.httpUrl, { token: coordinator.tokens.researcher, caPem: coordinator.caCertificatePem });
    const initialModel = /^uploaded model (\S+) /.exec(await uploadModel(researcher, dir, 'backbone', 'trained in a test'))![1];
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      initialModel,
      name: 'frozen backbone',
      classes: ['no', 'yes'],
      rounds: 2,
      localEpochs: 2,
      batchSize: 8,
      optimizer: { name: 'adam', learningRate: 0.05 },
      sites: ['freeze-a', 'freeze-b'],
      roundDeadlineSeconds: 60,
      // The backbone by name prefix; the batch norm by its config, as Keras writes a frozen layer.
      freeze: ['backbone'],
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { name: 'backbone_1', input_shape: [4], units: 6, activation: 'relu' } },
            { class_name: 'BatchNormalization', config: { name: 'norm', trainable: false } },
            { class_name: 'Dense', config: { name: 'head', units: 2, activation: 'softmax' } },
          ],
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);

    const versions = done.models.map((m: { sha256: string }) => blob(m.sha256));
    const frozen = (tensors: NamedTensor[]) => tensors.filter((t) => !t.name.startsWith('head/'));
    expect(frozen(versions[0]).map((t) => t.name)).toEqual([
      'backbone_1/kernel',
      'backbone_1/bias',
      'norm/gamma',
      'norm/beta',
      'norm/moving_mean',
      'norm/moving_variance',
    ]);
    // Every tensor starts from the upload: the bias of ones and the variance of twos are not the seeded initializer's.
    for (const tensor of versions[0]) expect(Array.from(tensor.values), tensor.name).toEqual(uploaded.get(tensor.name));
    for (const version of versions.slice(1)) expect(frozen(version)).toEqual(frozen(versions[0]));
    // The head trained.
    expect(versions[2].find((t: NamedTensor) => t.name === 'head/kernel').values).not.toEqual(
      versions[0].find((t: NamedTensor) => t.name === 'head/kernel').values,
    );

    // What left the sites: the head's deltas only, in every update.
    const lineage = await (await api(`${coordinator.httpUrl}/api/models/${done.run.latestModelVersionId}/lineage`)).json();
    const updates = lineage.ancestry.flatMap((v: { contributors: { sha256: string }[] }) => v.contributors.map((c) => c.sha256));
    expect(updates).toHaveLength(4);
    for (const sha of updates) expect(blob(sha).map((t) => t.name)).toEqual(['head/kernel', 'head/bias']);
    // Nor do the sites keep copies of the frozen tensors: they are the global model's.
    for (const site of sites) expect(existsSync(path.join(site.root, 'state', 'local-tensors', `${created.body.id}.tensors`))).toBe(false);
    const rounds = (await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}`)).json()).rounds;
    expect(rounds.map((r: { status: string }) => r.status)).toEqual(['completed', 'completed', 'completed']);
  });

  it("fixes balanced class weights from the sites' pooled label counts before round 1, on record, and trains with them", async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      name: 'balanced',
      classes: ['no', 'yes'],
      rounds: 1,
      localEpochs: 1,
      batchSize: 8,
      sites: ['freeze-a', 'freeze-b'],
      roundDeadlineSeconds: 60,
      classWeights: 'balanced',
      model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);
    // The counts the coordinator holds are the sites' guarded profiles; the weights are N / (C · n_c) over their sums.
    const counts = await Promise.all(
      ['freeze-a', 'freeze-b'].map(
        async (id) => (await (await api(`${coordinator.httpUrl}/api/sites/${id}/profiles`)).json()).profiles[0].profile.labels.counts,
      ),
    );
    const pooled = ['no', 'yes'].map((c) => counts.reduce((sum, site) => sum + (site[c] ?? 0), 0));
    const total = pooled[0]! + pooled[1]!;
    const events = (await (await api(`${coordinator.httpUrl}/api/audit?action=run.class-weights&run=${created.body.id}`)).json()).events;
    expect(events.map((e: { payload: object }) => e.payload)).toEqual([{ classes: ['no', 'yes'], weights: pooled.map((n) => total / (2 * n)) }]);
    expect(done.run.classWeights).toEqual(pooled.map((n) => total / (2 * n)));
  });

  it('refuses a freeze entry that names no layer, and a freeze of every layer with weights', async () => {
    const spec = (freeze: string[]) => ({
      name: 'f',
      classes: ['no', 'yes'],
      rounds: 1,
      freeze,
      model: {
        class_name: 'Sequential',
        config: { layers: [{ class_name: 'Dense', config: { name: 'only', input_shape: [4], units: 2, activation: 'softmax' } }] },
      },
    });
    expect((await postJson(`${coordinator.httpUrl}/api/runs`, spec(['nowhere']))).body.error.issues).toEqual([
      { path: 'freeze.0', message: 'no layer of the model is named "nowhere" or starts with it' },
    ]);
    expect((await postJson(`${coordinator.httpUrl}/api/runs`, spec(['only']))).body.error.issues).toEqual([
      { path: 'freeze', message: 'every layer with weights is frozen, so nothing would train; freeze fewer layers' },
    ]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { uploadModel } from '../../cli/model-upload.js';
import { RestClient } from '../../common/rest-client.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, tinyUpload } from '../support/coordinator.js';
import { saveModelFolder } from '../support/tfjs-folder.js';

/** The version-0 weights of a run, as float32 values in model order. */
async function initialWeights(coordinator: TestCoordinator, runId: string): Promise<number[]> {
  return Array.from(new Float32Array(await (await api(`${coordinator.httpUrl}/api/runs/${runId}/model/weights.bin`)).arrayBuffer()));
}

describe('runs that start from a pretrained model', () => {
  let coordinator: TestCoordinator;
  const uploaded = Array.from({ length: 10 }, (_, i) => Math.fround(i / 10 - 0.3));
  let model: { id: string; sha256: string; parameters: number; name: string };

  beforeAll(async () => {
    coordinator = await testCoordinator();
    const response = await postJson(`${coordinator.httpUrl}/api/models`, tinyUpload(uploaded, 'tiny'));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    model = response.body;
  });
  afterAll(async () => {
    await coordinator?.close();
  });

  it('stores an uploaded model content-addressed, lists it, and records the upload in the audit trail', async () => {
    expect(model).toMatchObject({ name: 'tiny', origin: 'made up for a test', parameters: 10, createdBy: 'user:test-researcher' });
    expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
    const listed = await (await api(`${coordinator.httpUrl}/api/models`)).json();
    expect(listed.models.map((m: { id: string }) => m.id)).toEqual([model.id]);
    const events = (await (await api(`${coordinator.httpUrl}/api/audit?action=initial-model.uploaded`)).json()).events;
    expect(events.map((e: { payload: object }) => e.payload)).toEqual([
      { name: 'tiny', origin: 'made up for a test', sha256: model.sha256, parameters: 10, tensors: 2 },
    ]);
  });

  it('starts a run from it, by id or by SHA-256, with its exact weights, on record in the lineage', async () => {
    for (const ref of [model.id, model.sha256]) {
      const run = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['nobody']), siteWaitSeconds: 600, initialModel: ref });
      expect(run.status, JSON.stringify(run.body)).toBe(201);
      expect(await initialWeights(coordinator, run.body.id)).toEqual(uploaded);
    }
    const runs = (await (await api(`${coordinator.httpUrl}/api/runs`)).json()).runs;
    const details = await (await api(`${coordinator.httpUrl}/api/runs/${runs[0].id}`)).json();
    const lineage = await (await api(`${coordinator.httpUrl}/api/models/${details.run.latestModelVersionId}/lineage`)).json();
    expect(lineage.origin).toEqual({
      kind: 'initial-model',
      id: model.id,
      sha256: model.sha256,
      name: 'tiny',
      taken: ['dense_0/kernel', 'dense_0/bias'],
      fresh: [],
    });
    const prov = await (await api(`${coordinator.httpUrl}/api/models/${details.run.latestModelVersionId}/lineage?format=prov`)).json();
    expect(prov.entity[`consilium:initial-model/${model.id}`]).toEqual({
      'prov:type': 'consilium:InitialModel',
      'consilium:sha256': model.sha256,
      'consilium:name': 'tiny',
    });
  });

  it('takes the matching backbone and starts a new head fresh, and continues from an earlier run’s version', async () => {
    const layers = [
      { class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'relu' } },
      { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
    ];
    const headed = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['nobody']),
      classes: ['a', 'b', 'c'],
      siteWaitSeconds: 600,
      initialModel: model.id,
      model: { class_name: 'Sequential', config: { layers } },
    });
    expect(headed.status, JSON.stringify(headed.body)).toBe(201);
    const weights = await initialWeights(coordinator, headed.body.id);
    expect(weights.slice(0, 10)).toEqual(uploaded);
    // The head's kernel is seeded Glorot-uniform (not the uploaded values), its bias zero.
    expect(weights.slice(10, 16).every((v) => v !== 0 && Math.abs(v) <= Math.sqrt(6 / 5))).toBe(true);
    expect(weights.slice(16)).toEqual([0, 0, 0]);
    const version = (await (await api(`${coordinator.httpUrl}/api/runs/${headed.body.id}`)).json()).run.latestModelVersionId;
    const origin = (await (await api(`${coordinator.httpUrl}/api/models/${version}/lineage`)).json()).origin;
    expect([origin.taken, origin.fresh]).toEqual([
      ['dense_0/kernel', 'dense_0/bias'],
      ['dense_1/kernel', 'dense_1/bias'],
    ]);

    const continued = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['nobody']),
      classes: ['a', 'b', 'c'],
      siteWaitSeconds: 600,
      initialModel: version,
      model: { class_name: 'Sequential', config: { layers } },
    });
    expect(continued.status, JSON.stringify(continued.body)).toBe(201);
    expect(await initialWeights(coordinator, continued.body.id)).toEqual(weights);
    const next = (await (await api(`${coordinator.httpUrl}/api/runs/${continued.body.id}`)).json()).run.latestModelVersionId;
    expect((await (await api(`${coordinator.httpUrl}/api/models/${next}/lineage`)).json()).origin).toMatchObject({
      kind: 'model-version',
      id: version,
      fresh: [],
    });
  });

  it('uploads what TensorFlow.js itself saves, with the CLI, and trains from it', async () => {
    // A model saved by tfjs as tensorflowjs_converter writes one: model.json and a weights shard.
    const saved = tf.sequential({ layers: [tf.layers.dense({ name: 'dense_0', inputShape: [4], units: 2, activation: 'softmax' })] });
    const dir = await saveModelFolder(saved);
    const expected = Array.from(saved.getWeights().flatMap((w) => Array.from(w.dataSync())));
    const researcher = new RestClient(coordinator.httpUrl, { token: coordinator.tokens.researcher, caPem: coordinator.caCertificatePem });
    const said = await uploadModel(researcher, dir, 'saved by tfjs', 'tf.sequential in a test');
    const id = /^uploaded model (\S+) \(10 parameters, weights sha256 [0-9a-f]{64}\); start a run from it with initialModel: \1$/.exec(said)![1]!;
    const run = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['nobody']), siteWaitSeconds: 600, initialModel: id });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(await initialWeights(coordinator, run.body.id)).toEqual(expected);
    saved.dispose();
  });

  it('refuses what cannot be a starting point, naming the field and the fix', async () => {
    const unknown = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['nobody']), initialModel: 'nothing-like-this' });
    expect([unknown.status, unknown.body.error.issues]).toEqual([400, [{ path: 'initialModel', message: 'nothing-like-this names nothing' }]]);
    const unrelated = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['nobody']),
      initialModel: model.id,
      model: {
        class_name: 'Sequential',
        config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax', name: 'other' } }] },
      },
    });
    expect(unrelated.body.error.message).toBe(
      `invalid run spec: initialModel: initial model "tiny" shares no tensor (same name and shape) with the run's model; name the layers as the starting point does`,
    );
    const short = await postJson(`${coordinator.httpUrl}/api/models`, { ...tinyUpload(), weights: Buffer.from(new Float32Array(9).buffer).toString('base64') });
    expect([short.status, short.body.error.message]).toEqual([
      400,
      "invalid model upload: the weight files hold 36 bytes; the manifest's 2 float32 weights need 40",
    ]);
    const lambda = tinyUpload();
    (lambda.modelJson.modelTopology.config.layers[0] as { class_name: string }).class_name = 'Lambda';
    const refused = await postJson(`${coordinator.httpUrl}/api/models`, lambda);
    expect(refused.body.error.issues[0].path).toBe('config.layers.0.class_name');
    const nan = await postJson(`${coordinator.httpUrl}/api/models`, tinyUpload([Number.NaN, ...uploaded.slice(1)]));
    expect(nan.body.error.message).toBe('invalid model upload: weight dense_0/kernel holds a value that is not finite');
  });
});

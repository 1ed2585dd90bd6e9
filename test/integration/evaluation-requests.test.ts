import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, tinyUpload } from '../support/coordinator.js';

describe('evaluation-only jobs, as requested', () => {
  let coordinator: TestCoordinator;
  beforeAll(async () => {
    coordinator = await testCoordinator();
  });
  afterAll(async () => {
    await coordinator?.close();
  });
  const evaluate = (body: object) => postJson(`${coordinator.httpUrl}/api/evaluations`, body);

  it("takes a run's version with its topology, classes and preprocessing, as a run of no training rounds", async () => {
    const source = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['nobody']),
      classes: ['benign', 'malignant'],
      preprocessing: { standardize: 'site' },
    });
    const version = (await (await api(`${coordinator.httpUrl}/api/runs/${source.body.id}`)).json()).run.latestModelVersionId;
    const created = await evaluate({ model: version, sites: ['x', 'y'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { run } = await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}`)).json();
    expect([run.spec.rounds, run.spec.initialModel, run.spec.classes, run.spec.preprocessing.standardize, run.spec.sites]).toEqual([
      0,
      version,
      ['benign', 'malignant'],
      'site',
      ['x', 'y'],
    ]);
    expect(run.name).toBe('evaluation of tiny round 0');
  });

  it('refuses, naming the field: an uploaded model without classes, a model nobody knows, a spec of 0 rounds without a model', async () => {
    const uploaded = await postJson(`${coordinator.httpUrl}/api/models`, tinyUpload());
    const noClasses = await evaluate({ model: uploaded.body.id, sites: ['x'] });
    expect([noClasses.status, noClasses.body.error.issues]).toEqual([
      400,
      [{ path: 'classes', message: "an uploaded model does not say its classes; list them in the order of the model's outputs" }],
    ]);
    expect((await evaluate({ model: uploaded.body.id, sites: ['x'], classes: ['no', 'yes'] })).status).toBe(201);
    const unknown = await evaluate({ model: 'nope', sites: ['x'] });
    expect([unknown.status, unknown.body.error.issues]).toEqual([404, [{ path: 'model', message: 'nope names nothing' }]]);
    const bare = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['x']), rounds: 0 });
    expect(bare.body.error.issues).toEqual([
      { path: 'rounds', message: 'rounds: 0 evaluates a given model at the sites without training: set initialModel to the model to evaluate' },
    ]);
  });

  it('refuses to evaluate a model whose tensors are not all the given model’s', async () => {
    const uploaded = await postJson(`${coordinator.httpUrl}/api/models`, tinyUpload(undefined, 'partial'));
    // The run's model has a second layer the upload does not have.
    const spec = {
      ...tinySpec(['x']),
      rounds: 0,
      initialModel: uploaded.body.id,
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { name: 'dense_0', input_shape: [4], units: 2 } },
            { class_name: 'Dense', config: { name: 'head', units: 2, activation: 'softmax' } },
          ],
        },
      },
    };
    const refused = await postJson(`${coordinator.httpUrl}/api/runs`, spec);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].path).toBe('initialModel');
    expect(refused.body.error.issues[0].message).toMatch(
      /^an evaluation-only job \(rounds: 0\) evaluates the given model as it is, but 2 of its tensors are not in/,
    );
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SITES, writeSiteImages } from '../../cli/demo/synthetic-lesions.js';
import { ImageFolderSource } from '../../site-agent/data/image-folder.source.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec } from '../support/coordinator.js';

describe('REST API', () => {
  let coordinator: TestCoordinator;
  beforeAll(async () => {
    coordinator = await testCoordinator();
  });
  afterAll(async () => {
    await coordinator?.close();
  });

  it('answers an invalid YAML spec with 400 and every issue with its field path', async () => {
    const response = await postJson(
      `${coordinator.httpUrl}/api/runs`,
      'name: x\nrounds: -1\nclasses: []\nmodel: {class_name: Functional, config: {layers: []}}\n',
      'application/yaml',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_ARGUMENT');
    // Functional is a graph model now: its config lacks layers, input_layers and output_layers.
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'model.config.layers',
      'model.config.input_layers',
      'model.config.output_layers',
      'classes',
      'rounds',
    ]);
  });

  it('answers a topology tfjs cannot build, and a class count that does not fit, with 400', async () => {
    const spec = tinySpec(['a']);
    const impossible = {
      ...spec,
      model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Conv2D', config: { input_shape: [2, 2, 1], filters: 1, kernel_size: [5, 5] } }] } },
    };
    const built = await postJson(`${coordinator.httpUrl}/api/runs`, impossible);
    expect(built.status).toBe(400);
    expect(built.body.error.issues[0].path).toBe('model.config.layers.0.config.kernel_size');
    const classes = await postJson(`${coordinator.httpUrl}/api/runs`, { ...spec, classes: ['a', 'b', 'c'] });
    expect(classes.status).toBe(400);
    expect(classes.body.error.issues).toEqual([{ path: 'classes', message: "the model's last layer has 2 units; list exactly that many class names" }]);
  });

  it('refuses a model over maxParameters from its topology, naming the layer, and a kernel_size of 0 with its field path', async () => {
    const rss = process.memoryUsage().rss;
    const huge = {
      ...tinySpec(['a']),
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { input_shape: [40_000], units: 40_000 } },
            { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
          ],
        },
      },
    };
    const refused = await postJson(`${coordinator.httpUrl}/api/runs`, huge);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([
      {
        path: 'model',
        message:
          "the model has 1,600,120,002 parameters, over the limit of 50,000,000 (the coordinator's maxParameters); its largest layer is dense_0 (Dense) with 1,600,040,000. Make that layer smaller (fewer units or filters, or pool before it)",
      },
    ]);
    // Refused from the topology: the 6.4 GB of weights were never allocated.
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 1024 * 1024);
    const zero = {
      ...tinySpec(['a']),
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Conv2D', config: { input_shape: [8, 8, 1], filters: 2, kernel_size: 0 } },
            { class_name: 'Flatten', config: {} },
            { class_name: 'Dense', config: { units: 2 } },
          ],
        },
      },
    };
    const badKernel = await postJson(`${coordinator.httpUrl}/api/runs`, zero);
    expect(badKernel.status).toBe(400);
    expect(badKernel.body.error.issues).toEqual([
      { path: 'model.config.layers.0.config.kernel_size', message: 'kernel_size must be a whole number ≥ 1, got 0' },
    ]);
  });

  it('reports readiness publicly (database, blob store, CA) with no count in it, and 503 with the reason when the blob store cannot take a write', async () => {
    const ready = await fetch(`${coordinator.httpUrl}/readyz`);
    expect(ready.status).toBe(200);
    const body = await ready.json();
    expect(body).toMatchObject({ ready: true, database: { writable: true, error: null }, blobs: { writable: true, error: null }, ca: { loaded: true } });
    // The CA is made for 3650 days when the coordinator is initialised, moments before this test.
    expect([3649, 3650]).toContain(body.ca.daysLeft);
    expect(Object.keys(await (await fetch(`${coordinator.httpUrl}/healthz`)).json()).sort()).toEqual(['database', 'status']);
    const blobs = path.join(coordinator.stateDir, 'blobs');
    rmSync(blobs, { recursive: true, force: true });
    writeFileSync(blobs, 'a file where the blob folder belongs');
    try {
      const broken = await fetch(`${coordinator.httpUrl}/readyz`);
      expect(broken.status).toBe(503);
      const reason = await broken.json();
      expect(reason.ready).toBe(false);
      expect(reason.blobs.writable).toBe(false);
      expect(reason.blobs.error).toMatch(new RegExp(`^the blob store at ${blobs} cannot take a write: `));
    } finally {
      rmSync(blobs, { force: true });
      mkdirSync(blobs);
    }
    expect((await fetch(`${coordinator.httpUrl}/readyz`)).status).toBe(200);
  });

  it('keeps answering /healthz while a large model is built and initialised for a new run', async () => {
    const large = {
      ...tinySpec(['a']),
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { input_shape: [4000], units: 5000, activation: 'relu' } },
            { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
          ],
        },
      },
    };
    let done = false;
    const created = postJson(`${coordinator.httpUrl}/api/runs`, large).finally(() => (done = true));
    let answered = 0;
    while (!done) {
      if ((await api(`${coordinator.httpUrl}/healthz`)).status === 200 && !done) answered++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await created).status).toBe(201);
    // The build and the 20 M seeded weights run on the builder's thread; the event loop kept serving meanwhile.
    expect(answered).toBeGreaterThanOrEqual(10);
  });

  it('refuses a request body over maxBodyBytes with 413 and RESOURCE_EXHAUSTED', async () => {
    const response = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['x']), description: 'x'.repeat(11 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('RESOURCE_EXHAUSTED');
  });

  it('refuses an enrolment with a bad id, and a second enrolment of the same site', async () => {
    expect((await postJson(`${coordinator.httpUrl}/api/sites`, { id: 'Bad Id' })).status).toBe(400);
    expect((await postJson(`${coordinator.httpUrl}/api/sites`, { id: 'ok-site' })).status).toBe(201);
    expect((await postJson(`${coordinator.httpUrl}/api/sites`, { id: 'ok-site' })).status).toBe(409);
    const sites = await (await api(`${coordinator.httpUrl}/api/sites`)).json();
    expect(sites.sites.map((s: { id: string; online: boolean }) => [s.id, s.online])).toEqual([['ok-site', false]]);
  });

  it('serves the run model as a tfjs layers model that tf.loadLayersModel loads', async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['ok-site']), seed: 5 });
    expect(created.status).toBe(201);
    const model = await tf.loadLayersModel(`${coordinator.httpUrl}/api/runs/${created.body.id}/model`, {
      requestInit: { headers: { authorization: `Bearer ${coordinator.tokens.researcher}` } },
    });
    const output = model.predict(tf.ones([1, 4])) as tf.Tensor;
    expect(output.shape).toEqual([1, 2]);
    expect((await output.data()).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(model.weights.map((w) => w.shape)).toEqual([[4, 2], [2]]);
    tf.dispose([output]);
    model.dispose();
    expect((await api(`${coordinator.httpUrl}/api/runs/nope`)).status).toBe(404);
  });
});

describe('site data', () => {
  it('skips, counts and names an unreadable image instead of failing', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-images-'));
    await writeSiteImages(root, 6, DEMO_SITES[0]!.signature, 3);
    writeFileSync(path.join(root, 'benign', 'broken.png'), Buffer.from('\x89PNG\r\n\x1a\nthis is not an image'));
    const source = new ImageFolderSource(root);
    const scan = await source.scan();
    expect(scan.samples).toHaveLength(6);
    expect(scan.skipped.map((s) => s.id)).toEqual(['benign/broken.png']);
    expect(scan.skipped[0]!.reason).toMatch(/^cannot decode image/);
    const decoded = await source.decode(scan.samples, [16, 16, 1]);
    expect(decoded.features.length).toBe(6 * 256);
    expect(Math.max(...decoded.features)).toBeLessThanOrEqual(1);
  });
});

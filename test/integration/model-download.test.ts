import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { api, postJson, type TestCoordinator, testCoordinator, tinySpec } from '../support/coordinator.js';

// The built CLI, as users run it (`npm test` builds first); run asynchronously, so the coordinator in this process keeps serving.
const run = promisify(execFile);
const cli = path.resolve('dist/cli/main.js');

describe('consilium run download', () => {
  let coordinator: TestCoordinator;
  beforeAll(async () => {
    coordinator = await testCoordinator();
  });
  afterAll(async () => {
    await coordinator?.close();
  });

  it('saves a model whose metadata says how to feed and trace it, and prints a recipe that loads it with plain @tensorflow/tfjs', async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      ...tinySpec(['a']),
      classes: ['benign', 'malignant'],
      preprocessing: { standardize: 'site' },
    });
    expect(created.status).toBe(201);
    const version = (await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}`)).json()).run.latestModelVersionId;
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'consilium-download-')), 'model');
    const { stdout } = await run(process.execPath, [
      cli,
      'run',
      'download',
      created.body.id,
      '--out',
      out,
      '--coordinator-url',
      coordinator.httpUrl,
      '--api-token',
      coordinator.tokens.researcher,
    ]);
    const saved = JSON.parse(readFileSync(path.join(out, 'model.json'), 'utf8'));
    expect(saved.userDefinedMetadata.consilium).toEqual({
      runId: created.body.id,
      runName: 'tiny',
      modelVersionId: version,
      round: 0,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      classes: ['benign', 'malignant'],
      inputShape: [4],
      preprocessing: { normalization: 'auto', standardize: 'site' },
      lineageUrl: `${coordinator.httpUrl}/api/models/${version}/lineage`,
    });
    // The printed recipe, run as it is in an ES module beside this project's node_modules: it loads the model and predicts.
    const recipe = stdout.slice(stdout.indexOf("import * as tf from '@tensorflow/tfjs';"), stdout.indexOf('\n\nWith @tensorflow/tfjs-node'));
    const check = `${recipe}\nconst p = model.predict(tf.ones([1, ...inputShape]));\nconsole.log(JSON.stringify({ classes, shape: p.shape, sum: (await p.data()).reduce((a, b) => a + b, 0) }));`;
    const loaded = await run(process.execPath, ['--input-type=module', '-e', check], { cwd: path.resolve('.') });
    const result = JSON.parse(loaded.stdout.trim().split('\n').at(-1)!);
    expect(result.classes).toEqual(['benign', 'malignant']);
    expect(result.shape).toEqual([1, 2]);
    expect(result.sum).toBeCloseTo(1, 5);
    expect(stdout).not.toContain("tf.loadLayersModel('file://…/model.json')");
  });
});

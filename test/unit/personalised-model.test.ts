import { describe, expect, it } from 'vitest';

import { encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { crossSiteMatrix } from '../../coordinator/domain/cross-site-matrix.js';
import { keptLayout, personalise } from '../../coordinator/domain/personalised-model.js';
import type { InitialModel } from '../../coordinator/domain/records.js';

const tensor = (name: string, values: number[]): NamedTensor => ({ name, shape: [values.length], values: Float32Array.from(values) });
const global = [tensor('dense/kernel', [1, 2]), tensor('bn/gamma', [1]), tensor('bn/beta', [0]), tensor('head/kernel', [3])];
const layout = global.map((t) => ({ name: t.name, shape: t.shape, layerClass: t.name.startsWith('bn/') ? 'BatchNormalization' : 'Dense' }));
const model = {
  class_name: 'Sequential',
  config: {
    layers: [
      { class_name: 'Dense', config: { name: 'dense', input_shape: [1], units: 2 } },
      { class_name: 'BatchNormalization', config: { name: 'bn' } },
      { class_name: 'Dense', config: { name: 'head', units: 1 } },
    ],
  },
} as never;

describe("a site's personalised model", () => {
  it('is the global model with the tensors the site keeps: the unshared ones, less frozen layers', () => {
    const kept = keptLayout(layout, ['dense/kernel', 'head/kernel'], { model, freeze: undefined });
    expect(kept.map((w) => w.name)).toEqual(['bn/gamma', 'bn/beta']);
    expect(keptLayout(layout, ['dense/kernel', 'head/kernel'], { model, freeze: ['bn'] })).toEqual([]);
    const made = personalise(global, encodeTensors([tensor('bn/gamma', [1.5]), tensor('bn/beta', [-0.25])]), kept);
    expect(made.ok && made.weights.map((t) => [t.name, Array.from(t.values)])).toEqual([
      ['dense/kernel', [1, 2]],
      ['bn/gamma', [1.5]],
      ['bn/beta', [-0.25]],
      ['head/kernel', [3]],
    ]);
  });

  it('refuses, with the reason, tensors that are not exactly the kept ones, or not finite, or not a container', () => {
    const kept = keptLayout(layout, ['dense/kernel', 'head/kernel'], { model, freeze: undefined });
    const refused = (container: Uint8Array) => {
      const made = personalise(global, container, kept);
      return made.ok ? null : made.reason;
    };
    expect(refused(encodeTensors([tensor('bn/gamma', [1.5])]))).toBe(
      'local tensors do not fit the tensors the site keeps: update has 1 tensors, the model has 2',
    );
    expect(refused(encodeTensors([tensor('bn/gamma', [1.5]), tensor('head/kernel', [9])]))).toBe(
      'local tensors do not fit the tensors the site keeps: tensor 1 is "head/kernel", expected "bn/beta"',
    );
    expect(refused(encodeTensors([tensor('bn/gamma', [Number.NaN]), tensor('bn/beta', [0])]))).toBe('local tensor "bn/gamma" holds a value that is not finite');
    expect(refused(Uint8Array.from([1, 2, 3]))).toMatch(/^local tensors are not a tensor container: /);
    expect(personalise(global, encodeTensors([]), [])).toEqual({ ok: false, reason: 'the run shares every tensor: a site keeps none of its own' });
  });
});

describe('the cross-site matrix', () => {
  const personalised = (id: string, siteId: string, createdAt: string) => ({ id, siteId, createdAt, runId: 'r' }) as InitialModel;
  it("takes each site's latest model and its newest evaluation job; a site that kept its tensors is a column only", () => {
    const models = [personalised('m1', 'b', '2026-01-01'), personalised('m2', 'a', '2026-01-01'), personalised('m3', 'b', '2026-01-02')];
    const task = (siteId: string, loss: number | null) => ({
      siteId,
      status: loss === null ? 'failed' : 'accepted',
      reason: loss === null ? 'site reported: no data' : null,
      metrics: loss === null ? null : { val_loss: loss },
    });
    const matrix = crossSiteMatrix('r', models, [
      { runId: 'old', status: 'completed', initialModel: 'm3', tasks: [task('a', 9)] },
      { runId: 'j1', status: 'completed', initialModel: 'm3', tasks: [task('a', 0.5), task('b', 0.25), task('c', null)] },
      { runId: 'j0', status: 'completed', initialModel: 'm1', tasks: [task('a', 7)] },
    ]);
    expect(matrix.models).toEqual([
      { site: 'a', modelId: 'm2', evaluationRunId: null, status: null },
      { site: 'b', modelId: 'm3', evaluationRunId: 'j1', status: 'completed' },
    ]);
    expect(matrix.sites).toEqual(['a', 'b', 'c']);
    expect(matrix.cells).toEqual([
      { model: 'b', site: 'a', status: 'accepted', metrics: { val_loss: 0.5 }, reason: null },
      { model: 'b', site: 'b', status: 'accepted', metrics: { val_loss: 0.25 }, reason: null },
      { model: 'b', site: 'c', status: 'failed', metrics: null, reason: 'site reported: no data' },
    ]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import type { DataProfile } from '../../common/data-profile.schema.js';
import type { ConsiliumError } from '../../common/errors.js';
import { type ModelTopology, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel } from '../../common/model-weights.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { balancedClassWeights, runClassWeights } from '../../coordinator/domain/class-weights.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { trainEpoch, type TrainingJob } from '../../site-agent/training/trainer.js';

const profile = (counts: Record<string, number | null>) => ({ labels: { counts, unmapped: {}, missing: 0 } }) as unknown as DataProfile;

describe('class weights', () => {
  it('balances by the pooled label counts, leaving suppressed counts out', () => {
    // 40 "a" and 10 "b" over two sites (site 2's "b" was below k): 50 / (2 × 40) and 50 / (2 × 10).
    expect(
      balancedClassWeights(
        ['a', 'b'],
        [
          { siteId: 's1', profile: profile({ a: 30, b: 10 }) },
          { siteId: 's2', profile: profile({ a: 10, b: null }) },
        ],
      ),
    ).toEqual([0.625, 2.5]);
    expect(() => balancedClassWeights(['a', 'b'], [{ siteId: 's1', profile: profile({ a: 30 }) }])).toThrow(
      'classWeights is balanced, but the profiles of s1 report no samples of b (or only counts below their minimum cell size); give classWeights explicitly',
    );
  });

  it('puts the weights in class order, 1 for classes the spec leaves out, nothing when unweighted', () => {
    const spec = (classWeights?: unknown) => ({ spec: { classes: ['a', 'b', 'c'], classWeights } as never });
    expect(runClassWeights(spec({ c: 4, a: 0.5 }))).toEqual([0.5, 1, 4]);
    expect(runClassWeights(spec(undefined))).toEqual([]);
    expect(runClassWeights({ ...spec('balanced'), classWeights: [1, 2, 3] })).toEqual([1, 2, 3]);
  });

  it('weighs each sample of the training loss by its class, exactly', async () => {
    // A zero model predicts 0.5 / 0.5, so each sample's cross-entropy is ln 2; labels 0, 1, 1 with weights 1 and 3
    // give (1 + 3 + 3) / 3 × ln 2 = 1.6173…, against ln 2 = 0.6931… unweighted.
    await tf.setBackend('cpu');
    const topology = normalizeTopology({
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Dense', config: { input_shape: [2], units: 2, activation: 'softmax' } }] },
    } as ModelTopology);
    const rows = inMemoryRows(Float32Array.from([1, 2, 3, 4, 5, 6]), Int32Array.from([0, 1, 1]));
    const lossWith = async (classWeights: number[]) => {
      const model = await buildModel(topology);
      model.setWeights(model.weights.map((w) => tf.zeros(w.shape)));
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const job = {
        topology,
        weights: [],
        localEpochs: 1,
        batchSize: 3,
        optimizer: 'sgd',
        learningRate: 0.1,
        loss: 'categoricalCrossentropy',
        seed: 1,
        classWeights,
      } as TrainingJob;
      const { loss, accuracy } = await trainEpoch(model, rows, [0, 1, 2], [2], 2, job);
      model.dispose();
      return { loss, accuracy };
    };
    expect((await lossWith([1, 3])).loss).toBeCloseTo((7 / 3) * Math.LN2, 6);
    expect((await lossWith([])).loss).toBeCloseTo(Math.LN2, 6);
  });

  it('refuses weights for a class the run does not have, and for a loss they do not apply to', () => {
    const issues = (patch: object) => {
      try {
        parseRunSpec({
          name: 'w',
          rounds: 1,
          classes: ['a', 'b'],
          model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [2], units: 2 } }] } },
          ...patch,
        });
      } catch (error) {
        return (error as ConsiliumError).issues;
      }
      return [];
    };
    expect(issues({ classWeights: { a: 1, z: 2 } })).toEqual([{ path: 'classWeights.z', message: '"z" is not one of the classes (a, b)' }]);
    expect(issues({ classWeights: 'balanced', loss: 'meanSquaredError' })).toEqual([
      { path: 'classWeights', message: 'class weights apply to loss categoricalCrossentropy, not meanSquaredError' },
    ]);
  });
});

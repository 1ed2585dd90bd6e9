import { describe, expect, it } from 'vitest';
import { FedAvgAccumulator } from '../../coordinator/domain/fed-avg.accumulator.js';
import { weightedMetrics } from '../../coordinator/domain/round-metrics.js';
import { checkUpdateLayout, findNonFinite } from '../../coordinator/domain/update-validation.js';
import { encodeTensors, readContainerHeader } from '../../common/tensor-codec.js';

const specs = [
  { name: 'w', shape: [2, 2] },
  { name: 'b', shape: [2] },
];
const t = (w: number[], b: number[]) => [
  { name: 'w', shape: [2, 2], values: Float32Array.from(w) },
  { name: 'b', shape: [2], values: Float32Array.from(b) },
];

describe('FedAvg accumulator', () => {
  it('adds the sample-weighted mean delta to the global weights', () => {
    const acc = new FedAvgAccumulator(specs);
    acc.add(t([1, 2, 3, 4], [1, 0]), 10);
    acc.add(t([-1, 0, 1, 2], [0, 4]), 30);
    const next = acc.apply(t([0.5, 0.5, 0.5, 0.5], [0, 0]));
    // w: (10·[1,2,3,4] + 30·[-1,0,1,2]) / 40 = [-0.5, 0.5, 1.5, 2.5]; b: (10·[1,0] + 30·[0,4]) / 40 = [0.25, 3]
    expect(Array.from(next[0]!.values)).toEqual([0, 1, 2, 3]);
    expect(Array.from(next[1]!.values)).toEqual([0.25, 3]);
    expect(acc.samples).toBe(40);
    expect(acc.updates).toBe(2);
  });

  it('does not depend on the order updates arrive in', () => {
    const updates = [
      [t([0.1, 0.2, 0.3, 0.4], [1, 2]), 3],
      [t([1e-3, -2e-3, 5, 7], [3, -1]), 5],
      [t([9, 8, 7, 6], [0.5, 0.5]), 11],
    ] as const;
    const run = (order: number[]) => {
      const acc = new FedAvgAccumulator(specs);
      for (const i of order) acc.add(updates[i]![0], updates[i]![1]);
      return acc.apply(t([0, 0, 0, 0], [0, 0])).map((x) => Array.from(x.values));
    };
    expect(run([2, 0, 1])).toEqual(run([0, 1, 2]));
  });

  it('refuses to aggregate nothing and updates without samples', () => {
    const acc = new FedAvgAccumulator(specs);
    expect(() => acc.apply(t([0, 0, 0, 0], [0, 0]))).toThrow(/no accepted update/);
    expect(() => acc.add(t([0, 0, 0, 0], [0, 0]), 0)).toThrow(/positive sample count/);
  });
});

describe('update validation', () => {
  it('names the first tensor that does not fit the model', () => {
    const header = (tensors: ReturnType<typeof t>, encoding: 'float32' | 'float16' = 'float32') => readContainerHeader(encodeTensors(tensors, encoding)).header;
    expect(checkUpdateLayout(header(t([1, 2, 3, 4], [1, 2])), specs, 'float32')).toBeNull();
    expect(checkUpdateLayout(header([{ name: 'w', shape: [4], values: new Float32Array(4) }, t([], [1, 2])[1]!]), specs, 'float32')).toBe(
      'tensor "w" has shape [4], expected [2, 2]',
    );
    expect(checkUpdateLayout(header(t([1, 2, 3, 4], [1, 2]), 'float16'), specs, 'float32')).toBe('tensor "w" is encoded as float16, the header declared float32');
    expect(checkUpdateLayout(header([t([1, 2, 3, 4], [1, 2])[0]!]), specs, 'float32')).toBe('update has 1 tensors, the model has 2');
  });

  it('finds NaN and infinity', () => {
    expect(findNonFinite(t([1, 2, 3, 4], [0, 0]))).toBeNull();
    expect(findNonFinite(t([1, 2, NaN, 4], [0, 0]))).toBe('tensor "w" holds a non-finite value (NaN) at index 2');
    expect(findNonFinite(t([1, 2, 3, 4], [0, -Infinity]))).toBe('tensor "b" holds a non-finite value (-Infinity) at index 1');
  });
});

describe('round metrics', () => {
  it('weights validation metrics by validation samples and the rest by training samples', () => {
    const metrics = weightedMetrics([
      { sampleCount: 100, metrics: { train_loss: 1, val_accuracy: 0.5, val_samples: 10 } },
      { sampleCount: 300, metrics: { train_loss: 2, val_accuracy: 1, val_samples: 30 } },
    ]);
    expect(metrics).toEqual({ train_loss: 1.75, val_accuracy: 0.875, val_samples: 40, train_samples: 400 });
  });
});

import { describe, expect, it } from 'vitest';

import { encodeTensors, readContainerHeader } from '../../common/tensor-codec.js';
import { weightedMetrics } from '../../coordinator/domain/round-metrics.js';
import { checkUpdateLayout, sharedLayout } from '../../coordinator/domain/update-validation.js';

const specs = [
  { name: 'w', shape: [2, 2] },
  { name: 'b', shape: [2] },
];
const t = (w: number[], b: number[]) => [
  { name: 'w', shape: [2, 2], values: Float32Array.from(w) },
  { name: 'b', shape: [2], values: Float32Array.from(b) },
];

describe('update validation', () => {
  it('names the first tensor that does not fit the model', () => {
    const header = (tensors: ReturnType<typeof t>, encoding: 'float32' | 'float16' = 'float32') => readContainerHeader(encodeTensors(tensors, encoding)).header;
    expect(checkUpdateLayout(header(t([1, 2, 3, 4], [1, 2])), specs, 'float32')).toBeNull();
    expect(checkUpdateLayout(header([{ name: 'w', shape: [4], values: new Float32Array(4) }, t([], [1, 2])[1]!]), specs, 'float32')).toBe(
      'tensor "w" has shape [4], expected [2, 2]',
    );
    expect(checkUpdateLayout(header(t([1, 2, 3, 4], [1, 2]), 'float16'), specs, 'float32')).toBe(
      'tensor "w" is encoded as float16, the header declared float32',
    );
    expect(checkUpdateLayout(header([t([1, 2, 3, 4], [1, 2])[0]!]), specs, 'float32')).toBe('update has 1 tensors, the model has 2');
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

describe('shared layouts', () => {
  it('keeps the model order of the shared tensors, or every tensor without instructions', () => {
    expect(sharedLayout(specs, { sharedTensors: ['b'] })).toEqual([{ name: 'b', shape: [2] }]);
    expect(sharedLayout(specs, null)).toEqual(specs);
  });
});

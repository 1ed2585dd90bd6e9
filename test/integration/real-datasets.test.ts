import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { type LayerSpec, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, weightSpecsOf } from '../../common/model-weights.js';
import { ArffSource } from '../../site-agent/data/arff.source.js';
import { decodedRows, RowCache } from '../../site-agent/data/decoded-rows.js';
import { IdxSource } from '../../site-agent/data/idx.source.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { trainLocally } from '../../site-agent/training/trainer.js';
import { datasetFile, datasetsRoot } from '../support/datasets.js';

const root = datasetsRoot;
const file = datasetFile;

describe.runIf(root)('real datasets', () => {
  it('reads Fashion-MNIST test images and labels from gzip IDX files', async () => {
    const source = new IdxSource(file('fashion-mnist/t10k-images-idx3-ubyte.gz'), file('fashion-mnist/t10k-labels-idx1-ubyte.gz'), undefined, 1000);
    const scan = await source.scan();
    expect(scan.samples).toHaveLength(1000);
    expect(new Set(scan.samples.map((s) => s.label)).size).toBe(10);
    const decoded = await source.decode(scan.samples.slice(0, 10), [28, 28, 1]);
    expect(decoded.features.length).toBe(10 * 784);
    expect(Math.min(...decoded.features)).toBe(0);
    expect(Math.max(...decoded.features)).toBe(1);
    await expect(source.decode(scan.samples, [32, 32, 1])).rejects.toThrow(/IDX images are 28×28/);
  });

  it('trains a CNN on Fashion-MNIST on the wasm backend', async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
    const rowsOf = async (images: string, labels: string, limit: number) => {
      const source = new IdxSource(file(images), file(labels), undefined, limit);
      const { samples } = await source.scan();
      return decodedRows(
        source,
        samples,
        Int32Array.from(samples, (s) => Number(s.label)),
        [28, 28, 1],
        new RowCache(0),
      );
    };
    const train = await rowsOf('fashion-mnist/train-images-idx3-ubyte.gz', 'fashion-mnist/train-labels-idx1-ubyte.gz', 3000);
    const validation = await rowsOf('fashion-mnist/t10k-images-idx3-ubyte.gz', 'fashion-mnist/t10k-labels-idx1-ubyte.gz', 1000);
    const topology = normalizeTopology({
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Conv2D', config: { input_shape: [28, 28, 1], filters: 8, kernel_size: 3, activation: 'relu' } },
          { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
          { class_name: 'Conv2D', config: { filters: 16, kernel_size: 3, activation: 'relu' } },
          { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
          { class_name: 'Flatten', config: {} },
          { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
        ] as LayerSpec[],
      },
    });
    const weights = initialWeights(weightSpecsOf(await buildModel(topology)), 1);
    const job = { topology, weights, localEpochs: 2, batchSize: 32, optimizer: 'adam', learningRate: 0.003, loss: 'categoricalCrossentropy', seed: 1 };
    const result = await trainLocally(job, { inputShape: [28, 28, 1], classCount: 10, train, validation });
    await tf.setBackend('cpu');
    expect(result.sampleCount).toBe(3000);
    // Ten classes: the untrained model is near chance (10 %); two epochs on 3000 images reach well above 70 %.
    expect(result.metrics['val_accuracy']).toBeLessThan(0.2);
    expect(result.metrics['val_local_accuracy']).toBeGreaterThan(0.7);
  });

  it('reads the Weka ARFF tables: numeric and one-hot nominal features, "?" rows counted by reason', async () => {
    const pima = new ArffSource(file('tabular/pima_diabetes.arff'), undefined);
    const pimaScan = await pima.scan();
    const labels = (scan: typeof pimaScan) => scan.samples.reduce<Record<string, number>>((c, s) => ({ ...c, [s.label]: (c[s.label] ?? 0) + 1 }), {});
    expect(labels(pimaScan)).toEqual({ tested_negative: 500, tested_positive: 268 });
    // The first data row: 6,148,72,35,0,33.6,0.627,50,tested_positive
    expect(Array.from((await pima.decode(pimaScan.samples.slice(0, 1), [8])).features)).toEqual([6, 148, 72, 35, 0, 33.6, 0.627, 50].map(Math.fround));
    const ljubljana = new ArffSource(file('tabular/ljubljana_breast_cancer.arff'), 'Class');
    const scan = await ljubljana.scan();
    expect(labels(scan)).toEqual({ 'no-recurrence-events': 196, 'recurrence-events': 81 });
    const profile = await profileDataset(ljubljana, scan, new LabelVocabulary({ 'no-recurrence-events': 'no', 'recurrence-events': 'yes' }));
    expect(profile.unreadable).toEqual({ 'missing feature value': 9 });
    expect(profile.labels).toEqual({ counts: { no: 196, yes: 81 }, unmapped: {}, missing: 0 });
    // 9 nominal attributes one-hot: 9 + 3 + 12 + 13 + 2 + 3 + 2 + 5 + 2 values.
    await expect(ljubljana.decode(scan.samples, [50])).rejects.toThrow('the ARFF table encodes to 51 features');
  });
});

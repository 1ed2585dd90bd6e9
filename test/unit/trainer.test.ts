import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { compiledFunctions } from '../../site-agent/training/trainer.js';

describe("evaluation's one forward pass", () => {
  it('gives exactly the loss and accuracy model.evaluate gives, for a Sequential and a functional model', () => {
    const layers = () => [
      tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.batchNormalization(),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ];
    const input = tf.input({ shape: [8, 8, 1] });
    const functional = tf.model({ inputs: input, outputs: layers().reduce<tf.SymbolicTensor>((h, l) => l.apply(h) as tf.SymbolicTensor, input) });
    const x = tf.randomNormal([16, 8, 8, 1], 0, 1, 'float32', 1);
    const y = tf
      .oneHot(
        tf.tensor1d(
          Array.from({ length: 16 }, (_, i) => i % 3),
          'int32',
        ),
        3,
      )
      .toFloat();
    for (const model of [tf.sequential({ layers: layers() }), functional]) {
      model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const evaluated = (model.evaluate(x, y, { batchSize: 16 }) as tf.Scalar[]).map((s) => s.dataSync()[0]);
      const { lossFunction, metric } = compiledFunctions(model);
      const output = model.predict(x) as tf.Tensor;
      expect([tf.mean(lossFunction(y, output)).dataSync()[0], tf.mean(metric(y, output)).dataSync()[0]]).toEqual(evaluated);
      // The metric is accuracy: a share of the 16 rows.
      expect(Number.isInteger(evaluated[1]! * 16)).toBe(true);
    }
  });
});

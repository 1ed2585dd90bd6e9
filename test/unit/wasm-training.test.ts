import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LayerSpec, modelTopologySchema, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, readWeights, weightSpecsOf, writeWeights } from '../../common/model-weights.js';
import { seededRandom } from '../../common/seeded-random.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { trainEpoch, type TrainingJob, trainLocally } from '../../site-agent/training/trainer.js';
import { graphSpec, residualSpec, unetClassifierSpec } from '../support/graph-spec.js';

const image = (filters = 2) => ({ input_shape: [9, 9, filters] });
const head = [
  { class_name: 'Flatten', config: {} },
  { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
];

/** One small model per allowed layer class (and per padding and stride for the convolutions and pools). */
const layerCases: Record<string, object[]> = {
  'Conv2D same, stride 1': [{ class_name: 'Conv2D', config: { ...image(), filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' } }, ...head],
  'Conv2D valid, stride 1': [{ class_name: 'Conv2D', config: { ...image(3), filters: 5, kernel_size: 3, padding: 'valid' } }, ...head],
  'Conv2D same, stride 2': [{ class_name: 'Conv2D', config: { ...image(1), filters: 6, kernel_size: 3, strides: 2, padding: 'same' } }, ...head],
  'Conv2D valid, stride 2, 5×5': [
    { class_name: 'Conv2D', config: { ...image(4), filters: 2, kernel_size: 5, strides: 2, padding: 'valid', use_bias: false } },
    ...head,
  ],
  // A second convolution makes the first one's input gradient (Conv2DBackpropInput) part of the step.
  'Conv2D after Conv2D, stride 2 valid': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3, padding: 'same', activation: 'relu' } },
    { class_name: 'Conv2D', config: { filters: 4, kernel_size: 3, strides: 2, padding: 'valid' } },
    ...head,
  ],
  'Conv2D after Conv2D, stride 2 same': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3, padding: 'valid', activation: 'tanh' } },
    { class_name: 'Conv2D', config: { filters: 4, kernel_size: 4, strides: 2, padding: 'same' } },
    ...head,
  ],
  'Conv2D channels_first': [{ class_name: 'Conv2D', config: { input_shape: [2, 9, 9], data_format: 'channels_first', filters: 3, kernel_size: 3 } }, ...head],
  'MaxPooling2D valid': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3, padding: 'same' } },
    { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
    ...head,
  ],
  'MaxPooling2D same, stride 1': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3, padding: 'same' } },
    { class_name: 'MaxPooling2D', config: { pool_size: 3, strides: 1, padding: 'same' } },
    ...head,
  ],
  'AveragePooling2D valid': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3, padding: 'same' } },
    { class_name: 'AveragePooling2D', config: { pool_size: 2 } },
    ...head,
  ],
  'AveragePooling2D same, stride 2': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3, padding: 'same' } },
    { class_name: 'AveragePooling2D', config: { pool_size: 3, strides: 2, padding: 'same' } },
    ...head,
  ],
  GlobalAveragePooling2D: [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3 } },
    { class_name: 'GlobalAveragePooling2D', config: {} },
    { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
  ],
  'BatchNormalization (images)': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3 } },
    { class_name: 'BatchNormalization', config: {} },
    ...head,
  ],
  'BatchNormalization (features)': [
    { class_name: 'Dense', config: { input_shape: [6], units: 5 } },
    { class_name: 'BatchNormalization', config: {} },
    { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
  ],
  'Dropout (seeded)': [
    { class_name: 'Dense', config: { input_shape: [6], units: 8, activation: 'tanh' } },
    { class_name: 'Dropout', config: { rate: 0.5, seed: 7 } },
    { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
  ],
  'Reshape and Dense': [
    { class_name: 'Reshape', config: { input_shape: [6], target_shape: [2, 3] } },
    { class_name: 'Flatten', config: {} },
    { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
  ],
  'Conv2DTranspose same, stride 2': [
    { class_name: 'Conv2DTranspose', config: { ...image(), filters: 3, kernel_size: 3, strides: 2, padding: 'same' } },
    ...head,
  ],
  'Conv2DTranspose valid, stride 1': [{ class_name: 'Conv2DTranspose', config: { ...image(3), filters: 2, kernel_size: 2, padding: 'valid' } }, ...head],
  'UpSampling2D nearest': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3 } },
    { class_name: 'UpSampling2D', config: { size: [2, 3] } },
    ...head,
  ],
  'UpSampling2D bilinear': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3 } },
    { class_name: 'UpSampling2D', config: { size: [2, 2], interpolation: 'bilinear' } },
    ...head,
  ],
  SeparableConv2D: [{ class_name: 'SeparableConv2D', config: { ...image(), filters: 4, kernel_size: 3, depth_multiplier: 2, padding: 'same' } }, ...head],
  DepthwiseConv2D: [{ class_name: 'DepthwiseConv2D', config: { ...image(3), kernel_size: 3, strides: 2, depth_multiplier: 2 } }, ...head],
  'ZeroPadding2D and Cropping2D': [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3 } },
    {
      class_name: 'ZeroPadding2D',
      config: {
        padding: [
          [1, 2],
          [2, 0],
        ],
      },
    },
    { class_name: 'Conv2D', config: { filters: 2, kernel_size: 3 } },
    {
      class_name: 'Cropping2D',
      config: {
        cropping: [
          [1, 0],
          [0, 2],
        ],
      },
    },
    ...head,
  ],
  GlobalMaxPooling2D: [
    { class_name: 'Conv2D', config: { ...image(), filters: 3, kernel_size: 3 } },
    { class_name: 'GlobalMaxPooling2D', config: {} },
    { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
  ],
  LayerNormalization: [
    { class_name: 'Dense', config: { input_shape: [6], units: 5 } },
    { class_name: 'LayerNormalization', config: {} },
    { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
  ],
  'ReLU, LeakyReLU and Softmax layers': [
    { class_name: 'Dense', config: { input_shape: [6], units: 5 } },
    { class_name: 'ReLU', config: {} },
    { class_name: 'Dense', config: { units: 5 } },
    { class_name: 'LeakyReLU', config: { alpha: 0.2 } },
    { class_name: 'Dense', config: { units: 3 } },
    { class_name: 'Softmax', config: {} },
  ],
  Conv3D: [{ class_name: 'Conv3D', config: { input_shape: [5, 6, 5, 2], filters: 3, kernel_size: 3, padding: 'same', activation: 'relu' } }, ...head],
  'Conv3D after Conv3D, stride 2': [
    { class_name: 'Conv3D', config: { input_shape: [6, 6, 6, 1], filters: 2, kernel_size: 3, padding: 'same' } },
    { class_name: 'Conv3D', config: { filters: 3, kernel_size: 2, strides: 2 } },
    ...head,
  ],
  'MaxPooling3D and AveragePooling3D': [
    { class_name: 'Conv3D', config: { input_shape: [6, 6, 6, 1], filters: 2, kernel_size: 3, padding: 'same' } },
    { class_name: 'MaxPooling3D', config: { pool_size: 2 } },
    { class_name: 'AveragePooling3D', config: { pool_size: [3, 3, 1], strides: 1, padding: 'same' } },
    ...head,
  ],
  ...Object.fromEntries(
    ['relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hard_sigmoid', 'tanh', 'softplus', 'softsign', 'swish', 'gelu', 'linear'].map((activation) => [
      `Activation ${activation}`,
      [
        { class_name: 'Dense', config: { input_shape: [6], units: 5 } },
        { class_name: 'Activation', config: { activation } },
        { class_name: 'Dense', config: { units: 3, activation: 'softmax' } },
      ],
    ]),
  ),
};

/** The merge layers, in graph models: two branches of one input joined, then the head. */
const merged = (className: string, config: object = {}) =>
  graphSpec(
    [9, 9, 2],
    [
      ['left', 'Conv2D', { filters: 3, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
      ['right', 'Conv2D', { filters: 3, kernel_size: 1 }, ['input']],
      ['join', className, config, ['left', 'right']],
      ['flat', 'Flatten', {}, ['join']],
      ['out', 'Dense', { units: 3, activation: 'softmax' }, ['flat']],
    ],
  );
const graphCases: Record<string, object> = {
  'Add (a residual sum)': merged('Add'),
  'Concatenate (a skip connection)': merged('Concatenate'),
  Multiply: merged('Multiply'),
  Average: merged('Average'),
  'a residual network': residualSpec([8, 8, 1], 3),
  'a U-Net-shaped network': unetClassifierSpec([8, 8, 1], 3),
};

/** One SGD step on a fixed batch; returns the change of every weight (trainable or not). */
async function oneStep(backend: string, layers: object[] | object): Promise<NamedTensor[]> {
  await tf.setBackend(backend);
  const topology = normalizeTopology(
    Array.isArray(layers) ? { class_name: 'Sequential', config: { layers: layers as LayerSpec[] } } : modelTopologySchema.parse(layers),
  );
  const model = await buildModel(topology);
  const start = initialWeights(weightSpecsOf(model), 3);
  writeWeights(model, start);
  model.compile({ optimizer: tf.train.sgd(0.5), loss: 'categoricalCrossentropy' });
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const random = seededRandom(11);
  const size = shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(
    Float32Array.from({ length: 8 * size }, () => random() * 2 - 1),
    [8, ...shape],
  );
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 2, 1], 'int32'), 3);
  await model.trainOnBatch(x, y);
  const after = readWeights(model);
  tf.dispose([x, y]);
  model.optimizer?.dispose();
  model.dispose();
  return after.map((t, i) => ({ ...t, values: t.values.map((v, j) => v - start[i]!.values[j]!) }));
}

describe('training on wasm', () => {
  beforeAll(async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases: Record<string, object> = { ...layerCases, ...graphCases };
  it.each(Object.keys(cases))('one gradient step equals cpu: %s', async (name) => {
    const wasm = await oneStep('wasm', cases[name]!);
    const cpu = await oneStep('cpu', cases[name]!);
    expect(wasm.map((t) => t.name)).toEqual(cpu.map((t) => t.name));
    const largest = (values: Float32Array): number => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const modelScale = Math.max(...cpu.map((t) => largest(t.values)));
    expect(modelScale).toBeGreaterThan(0);
    for (const [i, expected] of cpu.entries()) {
      // A bias feeding batch normalization has a zero gradient: each backend gives float32 noise from sums of hundreds of
      // terms that cancel (about 1e-7 of the model's step, in different directions), measured against 1 % of that step.
      const scale = Math.max(largest(expected.values), 1e-2 * modelScale);
      const error = wasm[i]!.values.reduce((m, v, j) => Math.max(m, Math.abs(v - expected.values[j]!)), 0);
      expect(error / scale, expected.name).toBeLessThan(1e-4);
    }
  });

  const cnn = normalizeTopology({
    class_name: 'Sequential',
    config: {
      layers: [
        { class_name: 'Conv2D', config: { input_shape: [12, 12, 1], filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' } },
        { class_name: 'BatchNormalization', config: {} },
        { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
        { class_name: 'Dropout', config: { rate: 0.25 } },
        { class_name: 'Flatten', config: {} },
        { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
      ] as LayerSpec[],
    },
  });
  const random = seededRandom(5);
  const rows = inMemoryRows(
    Float32Array.from({ length: 400 * 144 }, () => random()),
    Int32Array.from({ length: 400 }, (_, i) => i % 2),
  );
  const job = async (): Promise<TrainingJob> => ({
    topology: cnn,
    weights: initialWeights(weightSpecsOf(await buildModel(cnn)), 1),
    localEpochs: 1,
    batchSize: 4,
    optimizer: 'adam',
    learningRate: 0.01,
    loss: 'categoricalCrossentropy',
    seed: 1,
  });

  it('holds as many live tensors after 100 training steps as after 1', async () => {
    const spec = await job();
    const model = await buildModel(cnn);
    writeWeights(model, spec.weights);
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const steps = (n: number): number[] => Array.from({ length: n * spec.batchSize }, (_, i) => i % rows.count);
    await trainEpoch(model, rows, steps(1), [12, 12, 1], 2, spec);
    const afterOne = tf.memory().numTensors;
    await trainEpoch(model, rows, steps(99), [12, 12, 1], 2, spec);
    expect(tf.memory().numTensors).toBe(afterOne);
    model.optimizer!.dispose();
    model.dispose();
  });

  it('leaves no tensor behind after a whole local training task', async () => {
    const spec = await job();
    const before = tf.memory().numTensors;
    const result = await trainLocally(
      { ...spec, localEpochs: 2 },
      { inputShape: [12, 12, 1], classCount: 2, train: rows, validation: inMemoryRows(new Float32Array(0), new Int32Array(0)) },
    );
    expect(result.sampleCount).toBe(400);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains only what is not frozen: frozen tensors, batch-norm statistics included, come back bit for bit', async () => {
    const spec = await job();
    const frozen = ['conv2d_0', 'batch_normalization_1'];
    const result = await trainLocally(
      { ...spec, localEpochs: 1, frozenLayers: frozen },
      { inputShape: [12, 12, 1], classCount: 2, train: rows, validation: inMemoryRows(new Float32Array(0), new Int32Array(0)) },
    );
    expect(result.weights.map((t) => t.name)).toEqual(spec.weights.map((t) => t.name));
    for (const [i, tensor] of result.weights.entries()) {
      const isFrozen = frozen.some((layer) => tensor.name.startsWith(`${layer}/`));
      expect(
        tensor.values.every((v, j) => v === spec.weights[i]!.values[j]),
        tensor.name,
      ).toBe(isFrozen);
      expect(
        result.delta[i]!.values.every((v) => v === 0),
        tensor.name,
      ).toBe(isFrozen);
    }
  });
});

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { isConsiliumError } from '../../common/errors.js';
import { modelSize, requireParametersAtMost } from '../../common/model-size.js';
import { type ModelTopology, modelTopologySchema, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel } from '../../common/model-weights.js';
import { residualSpec, unetClassifierSpec, unetSpec } from '../support/graph-spec.js';

const parseTopology = (spec: unknown): ModelTopology => modelTopologySchema.parse(spec);

const sequential = (...layers: { class_name: string; config: Record<string, unknown> }[]) =>
  normalizeTopology({ class_name: 'Sequential', config: { layers } } as ModelTopology);

const MODELS: Record<string, ModelTopology> = {
  cnn: sequential(
    { class_name: 'Conv2D', config: { input_shape: [32, 32, 1], filters: 8, kernel_size: 3, activation: 'relu' } },
    { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
    { class_name: 'BatchNormalization', config: {} },
    { class_name: 'Conv2D', config: { filters: 16, kernel_size: [5, 3], strides: [2, 1], padding: 'same', use_bias: false } },
    { class_name: 'AveragePooling2D', config: { pool_size: [3, 3], strides: 2, padding: 'same' } },
    { class_name: 'Flatten', config: {} },
    { class_name: 'Dropout', config: { rate: 0.25 } },
    { class_name: 'Dense', config: { units: 10, activation: 'softmax' } },
  ),
  gap: sequential(
    { class_name: 'Conv2D', config: { input_shape: [28, 20, 3], filters: 4, kernel_size: 7, strides: 3 } },
    { class_name: 'BatchNormalization', config: { center: false } },
    { class_name: 'GlobalAveragePooling2D', config: {} },
    { class_name: 'Activation', config: { activation: 'relu' } },
    { class_name: 'Dense', config: { units: 3 } },
  ),
  'new image layers': sequential(
    {
      class_name: 'ZeroPadding2D',
      config: {
        input_shape: [12, 10, 2],
        padding: [
          [1, 2],
          [0, 3],
        ],
      },
    },
    { class_name: 'SeparableConv2D', config: { filters: 6, kernel_size: 3, depth_multiplier: 2 } },
    { class_name: 'DepthwiseConv2D', config: { kernel_size: [3, 2], strides: 2, padding: 'same', depth_multiplier: 3 } },
    { class_name: 'LeakyReLU', config: { alpha: 0.1 } },
    { class_name: 'Conv2DTranspose', config: { filters: 5, kernel_size: 3, strides: 2 } },
    {
      class_name: 'Cropping2D',
      config: {
        cropping: [
          [1, 0],
          [2, 1],
        ],
      },
    },
    { class_name: 'UpSampling2D', config: { size: [2, 3], interpolation: 'bilinear' } },
    { class_name: 'LayerNormalization', config: { center: false } },
    { class_name: 'ReLU', config: {} },
    { class_name: 'GlobalMaxPooling2D', config: {} },
    { class_name: 'Dense', config: { units: 3 } },
    { class_name: 'Softmax', config: {} },
  ),
  volume: sequential(
    { class_name: 'Conv3D', config: { input_shape: [9, 10, 11, 1], filters: 4, kernel_size: [3, 3, 2], strides: [1, 2, 1], activation: 'relu' } },
    { class_name: 'MaxPooling3D', config: { pool_size: 2 } },
    { class_name: 'AveragePooling3D', config: { pool_size: [2, 2, 1], padding: 'same' } },
    { class_name: 'Flatten', config: {} },
    { class_name: 'Dense', config: { units: 2 } },
  ),
  residual: normalizeTopology(parseTopology(residualSpec())),
  unet: normalizeTopology(parseTopology(unetSpec())),
  // UpSampling2D with `size: 2`, which TensorFlow.js reads only after normalization makes it [2, 2].
  'unet classifier': normalizeTopology(parseTopology(unetClassifierSpec())),
  table: sequential(
    { class_name: 'Dense', config: { input_shape: [30], units: 64, activation: 'relu' } },
    { class_name: 'Reshape', config: { target_shape: [8, 8] } },
    { class_name: 'Dense', config: { units: 5 } },
    { class_name: 'Flatten', config: {} },
    { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
  ),
};

describe('modelSize', () => {
  it.each(Object.keys(MODELS))('counts the parameters and output shapes of %s exactly as TensorFlow.js builds them', async (name) => {
    const topology = MODELS[name]!;
    const model = await buildModel(topology);
    const size = modelSize(topology);
    expect(size.parameters).toBe(model.countParams());
    const built = new Map(model.layers.map((l) => [l.name, [l.name, (l.outputShape as number[]).slice(1), l.countParams()]]));
    expect(size.layers.map((l) => [l.name, l.outputShape, l.parameters])).toEqual(size.layers.map((l) => built.get(l.name)));
    expect(size.layers).toHaveLength(model.layers.length);
    model.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });

  it('counts a billion-parameter Dense without allocating it, and refuses it naming the layer', () => {
    const huge = sequential({ class_name: 'Dense', config: { input_shape: [40_000], units: 40_000 } }, { class_name: 'Dense', config: { units: 2 } });
    const size = modelSize(huge);
    expect(size.parameters).toBe(1_600_120_002);
    expect(() => requireParametersAtMost(size, 50_000_000, "the coordinator's maxParameters")).toThrow(
      "invalid run spec: model: the model has 1,600,120,002 parameters, over the limit of 50,000,000 (the coordinator's maxParameters); its largest layer is dense_0 (Dense) with 1,600,040,000. Make that layer smaller (fewer units or filters, or pool before it)",
    );
    expect(() => requireParametersAtMost(size, 1_600_120_002, 'x')).not.toThrow();
  });

  it.each([
    [
      { class_name: 'Conv2D', config: { input_shape: [8, 8, 1], filters: 2, kernel_size: 0 } },
      'model.config.layers.0.config.kernel_size',
      'kernel_size must be a whole number ≥ 1, got 0',
    ],
    [
      { class_name: 'Conv2D', config: { input_shape: [8, 8, 1], filters: 0, kernel_size: 3 } },
      'model.config.layers.0.config.filters',
      'filters must be a whole number ≥ 1, got 0',
    ],
    [
      { class_name: 'Conv2D', config: { input_shape: [2, 2, 1], filters: 1, kernel_size: [5, 5] } },
      'model.config.layers.0.config.kernel_size',
      'kernel_size 5 is larger than its input (2) with padding "valid"; use a smaller window or padding "same"',
    ],
    [
      { class_name: 'Conv2D', config: { input_shape: [8, 8, 1], filters: 1, kernel_size: 3, strides: [1, 0] } },
      'model.config.layers.0.config.strides',
      'strides must be a whole number ≥ 1, got 0',
    ],
    [
      { class_name: 'Conv2D', config: { input_shape: [8, 8, 1], filters: 1, kernel_size: 3, padding: 'causal' } },
      'model.config.layers.0.config.padding',
      'padding must be "valid" or "same", got "causal"',
    ],
    [{ class_name: 'Dense', config: { input_shape: [4], units: 0 } }, 'model.config.layers.0.config.units', 'units must be a whole number ≥ 1, got 0'],
    [{ class_name: 'Dense', config: { input_shape: [4], units: 2.5 } }, 'model.config.layers.0.config.units', 'units must be a whole number ≥ 1, got 2.5'],
    [{ class_name: 'Dropout', config: { input_shape: [4], rate: 1 } }, 'model.config.layers.0.config.rate', 'rate must be a number in [0, 1), got 1'],
    [
      { class_name: 'Reshape', config: { input_shape: [6], target_shape: [4, -1] } },
      'model.config.layers.0.config.target_shape',
      'target_shape [4, -1] does not hold the 6 values of its input [6]',
    ],
    [
      { class_name: 'MaxPooling2D', config: { input_shape: [6] } },
      'model.config.layers.0.config',
      'MaxPooling2D needs an input of rank 3 (without the batch), got [6]',
    ],
  ])('refuses a layer that cannot build, naming the field (%#)', (layer, path, message) => {
    try {
      modelSize(sequential(layer));
      expect.unreachable();
    } catch (error) {
      expect(isConsiliumError(error) && error.issues).toEqual([{ path, message }]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ConsiliumError } from '../../common/errors.js';
import { inputShapeOf, normalizeTopology } from '../../common/model-spec.schema.js';
import { quorumOf } from '../../common/run-spec.schema.js';
import { parseRunSpec } from '../../coordinator/services/run.service.js';
import { demoRunSpec } from '../../cli/demo/demo.js';

const issuesOf = (input: unknown) => {
  try {
    parseRunSpec(input);
  } catch (error) {
    return (error as ConsiliumError).issues;
  }
  throw new Error('spec was accepted');
};

describe('run spec', () => {
  it('accepts the demo spec from YAML or JSON and fills defaults', () => {
    const spec = parseRunSpec(JSON.stringify({ ...demoRunSpec(3), optimizer: undefined, roundDeadlineSeconds: undefined }));
    expect(spec.optimizer).toEqual({ name: 'sgd', learningRate: 0.01 });
    expect(spec.roundDeadlineSeconds).toBe(600);
    expect(spec.updateEncoding).toBe('float32');
    expect(quorumOf(spec)).toBe(3);
    expect(spec.model.config.layers.map((l) => l.config.name)).toEqual(['conv2d_0', 'max_pooling2d_1', 'conv2d_2', 'max_pooling2d_3', 'flatten_4', 'dense_5', 'dense_6']);
    expect(inputShapeOf(spec.model)).toEqual([32, 32, 1]);
  });

  it('lists every problem with its field path', () => {
    expect(
      issuesOf(`
name: bad
rounds: 0
classes: [a, b]
optimizer: { name: lbfgs, learningRate: -1 }
sites: [x]
minSites: 2
model:
  class_name: Sequential
  config:
    layers:
      - class_name: Lambda
        config: {}
      - class_name: Dense
        config: { units: 2, activation: evil }
`),
    ).toEqual([
      { path: 'model.config.layers.0.class_name', message: 'layer class must be one of Dense, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Flatten, Dropout, BatchNormalization, Activation, Reshape' },
      { path: 'model.config.layers.1.config.activation', message: 'activation must be one of linear, relu, relu6, elu, selu, sigmoid, hard_sigmoid, hardSigmoid, tanh, softmax, softplus, softsign, swish, gelu' },
      { path: 'rounds', message: 'Too small: expected number to be >=1' },
      { path: 'optimizer.name', message: 'Invalid option: expected one of "sgd"|"adam"|"rmsprop"' },
      { path: 'optimizer.learningRate', message: 'learningRate must be greater than 0' },
    ]);
  });

  it('requires an input shape on the first layer and unique layer names', () => {
    const layers = [
      { class_name: 'Dense', config: { units: 2, name: 'd' } },
      { class_name: 'Dense', config: { units: 2, name: 'd' } },
    ];
    expect(issuesOf({ name: 'x', rounds: 1, classes: ['a', 'b'], model: { class_name: 'Sequential', config: { layers } } }).map((i) => i.path)).toEqual([
      'model.config.layers.0.config.input_shape',
      'model.config.layers.1.config.name',
    ]);
  });

  it('refuses dilated convolutions, which TensorFlow.js cannot train', () => {
    const layers = [
      { class_name: 'Conv2D', config: { input_shape: [8, 8, 1], filters: 2, kernel_size: 3, dilation_rate: [2, 2] } },
      { class_name: 'Conv2D', config: { filters: 2, kernel_size: 3, dilation_rate: 1 } },
    ];
    expect(issuesOf({ name: 'x', rounds: 1, classes: ['a', 'b'], model: { class_name: 'Sequential', config: { layers } } })).toEqual([
      { path: 'model.config.layers.0.config.dilation_rate', message: 'TensorFlow.js cannot train dilated convolutions (no gradient on any backend); use dilation_rate 1' },
    ]);
  });

  it('rejects minSites above the listed sites and unknown keys', () => {
    expect(issuesOf({ ...demoRunSpec(1), colour: 'blue' })).toEqual([{ path: '(root)', message: 'Unrecognized key: "colour"' }]);
    expect(issuesOf({ ...demoRunSpec(1), minSites: 4 })).toEqual([{ path: 'minSites', message: 'minSites (4) exceeds the 3 listed sites; lower it or list more sites' }]);
  });

  it('normalizes input_shape into batch_input_shape', () => {
    const topology = normalizeTopology({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 1 } }] } });
    expect(topology.config.layers[0]!.config).toEqual({ units: 1, name: 'dense_0', batch_input_shape: [null, 4] });
  });
});

import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { demoRunSpec } from '../../cli/demo/demo.js';
import { type ConsiliumError } from '../../common/errors.js';
import { modelSize } from '../../common/model-size.js';
import { ALLOWED_LAYER_CLASSES, inputShapeOf, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel } from '../../common/model-weights.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { quorumOf } from '../../common/run-spec.schema.js';
import { graphSpec, residualSpec, unetSpec } from '../support/graph-spec.js';

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
    expect(spec.model.config.layers.map((l) => l.config.name)).toEqual([
      'conv2d_0',
      'max_pooling2d_1',
      'conv2d_2',
      'max_pooling2d_3',
      'flatten_4',
      'dense_5',
      'dense_6',
    ]);
    expect(inputShapeOf(spec.model)).toEqual([32, 32, 1]);
  });

  it('lists every problem with its field path', () => {
    expect(
      issuesOf(`
name: bad
rounds: -1
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
      {
        path: 'model.config.layers.0.class_name',
        message: `layer class must be one of ${ALLOWED_LAYER_CLASSES.join(', ')}`,
      },
      {
        path: 'model.config.layers.1.config.activation',
        message: 'activation must be one of linear, relu, relu6, elu, selu, sigmoid, hard_sigmoid, hardSigmoid, tanh, softmax, softplus, softsign, swish, gelu',
      },
      { path: 'rounds', message: 'Too small: expected number to be >=0' },
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
      {
        path: 'model.config.layers.0.config.dilation_rate',
        message: 'TensorFlow.js cannot train dilated convolutions (no gradient on any backend); use dilation_rate 1',
      },
    ]);
  });

  it('validates strategies and fills their published defaults', () => {
    expect(parseRunSpec({ ...demoRunSpec(1), strategy: { name: 'fedadam' } }).strategy).toEqual({
      name: 'fedadam',
      serverLearningRate: 0.01,
      beta1: 0.9,
      beta2: 0.99,
      tau: 0.001,
    });
    expect(parseRunSpec({ ...demoRunSpec(1), strategy: { name: 'fedavgm' } }).strategy).toEqual({ name: 'fedavgm', serverLearningRate: 1, momentum: 0.9 });
    expect(parseRunSpec({ ...demoRunSpec(1), updateChecks: { maxNorm: 5, onExceed: 'clip' } }).updateChecks).toEqual({
      maxNorm: 5,
      onExceed: 'clip',
      maxRelativeNorm: 10_000,
    });
    expect(issuesOf({ ...demoRunSpec(1), strategy: { name: 'trimmed-mean', beta: 0.5 } })).toEqual([
      { path: 'strategy.beta', message: 'beta must be below 0.5: it is cut from each side' },
    ]);
    expect(issuesOf({ ...demoRunSpec(1), strategy: { name: 'fedprox', mu: 0.1, lr: 1 } })).toEqual([{ path: 'strategy', message: 'Unrecognized key: "lr"' }]);
    expect(issuesOf({ ...demoRunSpec(1), strategy: { name: 'fedsgd' } })[0]!.path).toBe('strategy.name');
  });

  it('refuses Krum when rounds cannot have n ≥ 2f + 3 sites', () => {
    // The demo lists 3 sites: f = 0 needs 3, f = 1 needs 5.
    expect(parseRunSpec({ ...demoRunSpec(1), strategy: { name: 'krum', f: 0 } }).strategy).toEqual({ name: 'krum', f: 0 });
    expect(issuesOf({ ...demoRunSpec(1), strategy: { name: 'krum', f: 1 } })).toEqual([
      { path: 'strategy.f', message: 'krum tolerating f = 1 faulty sites needs rounds of at least 5 sites (n ≥ 2f + 3); this run has 3' },
    ]);
    expect(issuesOf({ ...demoRunSpec(1), sites: undefined, strategy: { name: 'multi-krum', f: 0 } })).toEqual([
      { path: 'strategy.f', message: 'multi-krum tolerating f = 0 faulty sites needs rounds of at least 3 sites (n ≥ 2f + 3); list the sites or set minSites' },
    ]);
    expect(issuesOf({ ...demoRunSpec(1), strategy: { name: 'multi-krum', f: 0, m: 4 } })).toEqual([
      { path: 'strategy.m', message: 'm (4) exceeds n − f = 3, the updates Multi-Krum may keep' },
    ]);
  });

  it('rejects minSites above the listed sites and unknown keys', () => {
    expect(issuesOf({ ...demoRunSpec(1), colour: 'blue' })).toEqual([{ path: '(root)', message: 'Unrecognized key: "colour"' }]);
    expect(issuesOf({ ...demoRunSpec(1), minSites: 4 })).toEqual([
      { path: 'minSites', message: 'minSites (4) exceeds the 3 listed sites; lower it or list more sites' },
    ]);
  });

  it('normalizes input_shape into batch_input_shape', () => {
    const topology = normalizeTopology({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 1 } }] } });
    expect(topology.config.layers[0]!.config).toEqual({ units: 1, name: 'dense_0', batch_input_shape: [null, 4] });
  });

  it('accepts a graph model: residual and U-Net-shaped networks, with their input shape from the InputLayer', () => {
    const residual = parseRunSpec({ name: 'res', rounds: 1, classes: ['a', 'b'], model: residualSpec() });
    expect(residual.model.class_name).toBe('Model');
    expect(inputShapeOf(residual.model)).toEqual([16, 16, 1]);
    expect(residual.model.config.layers.map((l) => l.config.name)).toEqual([
      'input',
      'stem',
      'b1_conv1',
      'b1_conv2',
      'b1_add',
      'b1_relu',
      'b2_conv1',
      'b2_conv2',
      'b2_shortcut',
      'b2_add',
      'b2_relu',
      'pool',
      'classes',
    ]);
    expect(parseRunSpec({ name: 'unet', rounds: 1, classes: ['a', 'b'], model: unetSpec([32, 32, 1]) }).model.class_name).toBe('Model');
  });

  it('names what is wrong with a graph: a missing input, a merge of one, a cycle, a dead branch, shared layers', () => {
    const spec = (model: unknown) => ({ name: 'g', rounds: 1, classes: ['a', 'b'], model });
    expect(issuesOf(spec(graphSpec([4], [['d', 'Dense', { units: 2 }, ['nowhere']]])))).toEqual([
      { path: 'model.config.layers.1.inbound_nodes.0.0', message: 'no layer is named "nowhere"' },
    ]);
    expect(
      issuesOf(
        spec(
          graphSpec(
            [4],
            [
              ['a', 'Dense', { units: 2 }, ['input']],
              ['sum', 'Add', {}, ['a']],
            ],
          ),
        ),
      ),
    ).toEqual([{ path: 'model.config.layers.2.inbound_nodes', message: 'Add joins two or more inputs, got 1' }]);
    expect(
      issuesOf(
        spec(
          graphSpec(
            [4],
            [
              ['a', 'Dense', { units: 4 }, ['input']],
              ['b', 'Dense', { units: 4 }, ['a', 'input']],
            ],
          ),
        ),
      ),
    ).toEqual([{ path: 'model.config.layers.2.inbound_nodes', message: 'Dense takes one input, got 2; join branches with Add or Concatenate first' }]);
    const cycle = graphSpec(
      [4],
      [
        ['a', 'Dense', { units: 4 }, ['b']],
        ['b', 'Dense', { units: 4 }, ['a']],
      ],
    );
    expect(issuesOf(spec(cycle))).toEqual([
      { path: 'model.config.layers', message: 'the graph has a cycle: a layer reads, through other layers, its own output' },
    ]);
    const dead = graphSpec(
      [4],
      [
        ['a', 'Dense', { units: 4 }, ['input']],
        ['unused', 'Dense', { units: 4 }, ['input']],
        ['out', 'Dense', { units: 2 }, ['a']],
      ],
    );
    expect(issuesOf(spec(dead))).toEqual([
      { path: 'model.config.layers.2', message: 'layer "unused" does not lead to the output "out"; remove it or wire it in' },
    ]);
    const shared = graphSpec([4], [['a', 'Dense', { units: 4 }, ['input']]]);
    shared.config.layers[1]!.inbound_nodes.push([['input', 0, 0, {}]]);
    expect(issuesOf(spec(shared))).toEqual([
      { path: 'model.config.layers.1.inbound_nodes', message: 'a layer may be called once (shared layers are not supported)' },
    ]);
    expect(issuesOf(spec({ ...graphSpec([4], [['a', 'Dense', { units: 2 }, ['input']]]), class_name: 'Graph' }))).toEqual([
      { path: 'model.class_name', message: 'model class_name must be Sequential (a stack of layers) or Model / Functional (a graph with inbound_nodes)' },
    ]);
  });

  it('refuses merge layers in a Sequential stack, and Keras layers TensorFlow.js lacks with the alternative', () => {
    const layers = [
      { class_name: 'Dense', config: { input_shape: [4], units: 2 } },
      { class_name: 'Add', config: {} },
      { class_name: 'SpatialDropout2D', config: { rate: 0.1 } },
    ];
    expect(issuesOf({ name: 'x', rounds: 1, classes: ['a', 'b'], model: { class_name: 'Sequential', config: { layers } } })).toEqual([
      { path: 'model.config.layers.2.class_name', message: 'TensorFlow.js has no SpatialDropout2D layer; use Dropout' },
      {
        path: 'model.config.layers.1.class_name',
        message: 'Add belongs in a graph model (class_name: Model, with inbound_nodes); a Sequential stack has one input per layer',
      },
    ]);
  });

  it('refuses a graph whose shapes do not meet, naming the layer', () => {
    const mismatch = graphSpec(
      [8, 8, 1],
      [
        ['a', 'Conv2D', { filters: 2, kernel_size: 3 }, ['input']],
        ['sum', 'Add', {}, ['input', 'a']],
      ],
    );
    expect(issuesOf({ name: 'x', rounds: 1, classes: ['a', 'b'], model: mismatch })).toEqual([
      { path: 'model.config.layers.2.config', message: 'Add needs inputs of one shape, got [8, 8, 1] and [6, 6, 2]' },
    ]);
  });

  it("accepts the README's residual network, which builds with the parameters tfjs counts", async () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /A small residual network[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const spec = parseRunSpec({ ...parseYaml(block), name: 'readme', rounds: 1, classes: ['a', 'b'] });
    const model = await buildModel(spec.model);
    expect(modelSize(spec.model).parameters).toBe(model.countParams());
    model.dispose();
  });
});

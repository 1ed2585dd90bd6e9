import { z } from 'zod';

import { graphProblems } from './model-graph.js';

/**
 * A model is declarative: a TensorFlow.js / Keras layers topology (the JSON
 * that `model.toJSON()` writes), never code. Only these layer classes and
 * activations are accepted, so a site knows exactly what it will execute.
 */
export const ALLOWED_LAYER_CLASSES = [
  'Dense',
  'Conv2D',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'Flatten',
  'Dropout',
  'BatchNormalization',
  'Activation',
  'Reshape',
  // Graph models: the input, and the layers that join branches (residual sums, U-Net skips).
  'InputLayer',
  'Add',
  'Concatenate',
  'Multiply',
  'Average',
  // Image layers beyond the basic CNN.
  'Conv2DTranspose',
  'UpSampling2D',
  'SeparableConv2D',
  'DepthwiseConv2D',
  'ZeroPadding2D',
  'Cropping2D',
  'GlobalMaxPooling2D',
  'LayerNormalization',
  'ReLU',
  'LeakyReLU',
  'Softmax',
  // Volumes.
  'Conv3D',
  'MaxPooling3D',
  'AveragePooling3D',
] as const;

/** Keras layers a researcher may reasonably ask for that TensorFlow.js does not have: refused with the alternative. */
export const MISSING_IN_TFJS: Record<string, string> = {
  SpatialDropout2D: 'TensorFlow.js has no SpatialDropout2D layer; use Dropout',
  GlobalAveragePooling3D: 'TensorFlow.js has no GlobalAveragePooling3D layer; use AveragePooling3D over the whole volume, then Flatten',
  GlobalMaxPooling3D: 'TensorFlow.js has no GlobalMaxPooling3D layer; use MaxPooling3D over the whole volume, then Flatten',
  UpSampling3D: 'TensorFlow.js has no UpSampling3D layer, and cannot train Conv3DTranspose either; a 3-D decoder is not possible yet',
  Conv3DTranspose: 'TensorFlow.js cannot train Conv3DTranspose (it has no gradient for it on any backend); a 3-D decoder is not possible yet',
};

/** Layers that join several inputs; only a graph (functional) model can feed them. */
export const MERGE_LAYER_CLASSES: readonly string[] = ['Add', 'Concatenate', 'Multiply', 'Average'];

// Keras spells some activations in snake case, tfjs in camel case; both load.
export const ALLOWED_ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'hard_sigmoid',
  'hardSigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'gelu',
] as const;

const shape = z.array(z.number().int().positive().nullable());

const layerConfig = z.looseObject({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'layer names use letters, digits and _ and start with a letter')
    .optional(),
  activation: z.enum(ALLOWED_ACTIVATIONS, { message: `activation must be one of ${ALLOWED_ACTIVATIONS.join(', ')}` }).optional(),
  batch_input_shape: shape.optional(),
  input_shape: z.array(z.number().int().positive()).optional(),
});

const layerClass = z.string().superRefine((name, ctx) => {
  if ((ALLOWED_LAYER_CLASSES as readonly string[]).includes(name)) return;
  ctx.addIssue({ code: 'custom', message: MISSING_IN_TFJS[name] ?? `layer class must be one of ${ALLOWED_LAYER_CLASSES.join(', ')}` });
}) as unknown as z.ZodType<(typeof ALLOWED_LAYER_CLASSES)[number]>;

export const layerSchema = z.object({
  class_name: layerClass,
  config: layerConfig,
});

const LAYER_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** One use of a layer's output in a graph: [layer name, node index, tensor index, kwargs], as tfjs and Keras 2 write it. */
const nodeRef = z.tuple([z.string(), z.number().int().min(0), z.number().int().min(0)], z.unknown());

const graphLayerSchema = z.object({
  class_name: layerClass,
  config: layerConfig,
  name: z.string().regex(LAYER_NAME, 'layer names use letters, digits and _ and start with a letter'),
  // A layer called twice (shared weights) has two nodes; Consilium's graphs use each layer once.
  inbound_nodes: z.array(z.array(nodeRef)).max(1, 'a layer may be called once (shared layers are not supported)'),
});

const sequentialSchema = z
  .object({
    class_name: z.literal('Sequential'),
    config: z.object({
      name: z.string().optional(),
      layers: z.array(layerSchema).min(1, 'a model needs at least one layer'),
    }),
    keras_version: z.string().optional(),
    backend: z.string().optional(),
  })
  .superRefine((topology, ctx) => {
    const first = topology.config.layers[0]?.config;
    if (first && !first.batch_input_shape && !first.input_shape) {
      ctx.addIssue({
        code: 'custom',
        path: ['config', 'layers', 0, 'config', 'input_shape'],
        message: 'the first layer must declare input_shape (e.g. [32, 32, 1]) or batch_input_shape (e.g. [null, 32, 32, 1])',
      });
    }
    const names = new Set<string>();
    topology.config.layers.forEach((layer, i) => {
      for (const issue of layerProblems(layer)) ctx.addIssue({ ...issue, path: ['config', 'layers', i, ...issue.path] });
      if (MERGE_LAYER_CLASSES.includes(layer.class_name) || layer.class_name === 'InputLayer') {
        ctx.addIssue({
          code: 'custom',
          path: ['config', 'layers', i, 'class_name'],
          message: `${layer.class_name} belongs in a graph model (class_name: Model, with inbound_nodes); a Sequential stack has one input per layer`,
        });
      }
      const name = layer.config.name;
      if (name === undefined) return;
      if (names.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['config', 'layers', i, 'config', 'name'], message: `layer name "${name}" is used twice` });
      }
      names.add(name);
    });
  });

const functionalSchema = z
  .object({
    class_name: z.enum(['Model', 'Functional']),
    config: z.object({
      name: z.string().optional(),
      layers: z.array(graphLayerSchema).min(2, 'a graph model needs an InputLayer and at least one layer after it'),
      // One input and one output for now; multi-modal models will lift this.
      input_layers: z.array(nodeRef).length(1, 'a graph model has exactly one input for now'),
      output_layers: z.array(nodeRef).length(1, 'a graph model has exactly one output for now'),
    }),
    keras_version: z.string().optional(),
    backend: z.string().optional(),
  })
  .superRefine((topology, ctx) => {
    topology.config.layers.forEach((layer, i) => {
      for (const issue of layerProblems(layer)) ctx.addIssue({ ...issue, path: ['config', 'layers', i, ...issue.path] });
    });
    for (const issue of graphProblems(topology.config)) ctx.addIssue({ code: 'custom', ...issue });
  });

/** A model spec: a Keras / TensorFlow.js Sequential stack, or a functional graph (class_name Model or Functional). */
export const modelTopologySchema = z.discriminatedUnion('class_name', [sequentialSchema, functionalSchema], {
  error: 'model class_name must be Sequential (a stack of layers) or Model / Functional (a graph with inbound_nodes)',
});

export type ModelTopology = z.infer<typeof modelTopologySchema>;
export type SequentialTopology = z.infer<typeof sequentialSchema>;
export type FunctionalTopology = z.infer<typeof functionalSchema>;
export type GraphLayerSpec = z.infer<typeof graphLayerSchema>;

export function isFunctional(topology: ModelTopology): topology is FunctionalTopology {
  return topology.class_name !== 'Sequential';
}

/** Settings TensorFlow.js cannot train, refused before any site tries. */
function layerProblems(layer: { class_name: string; config: Record<string, unknown> }): { code: 'custom'; path: (string | number)[]; message: string }[] {
  // TensorFlow.js has no gradient for dilated convolutions on any backend.
  const dilation = [layer.config['dilation_rate']].flat();
  if (layer.class_name.startsWith('Conv') && dilation.some((d) => d !== undefined && d !== 1)) {
    return [
      {
        code: 'custom',
        path: ['config', 'dilation_rate'],
        message: 'TensorFlow.js cannot train dilated convolutions (no gradient on any backend); use dilation_rate 1',
      },
    ];
  }
  return [];
}

export type LayerSpec = z.infer<typeof layerSchema>;

/**
 * Gives every layer a stable name and a batch_input_shape on the first layer.
 * tfjs otherwise names layers from a process-wide counter, so two processes
 * would disagree on weight names ("conv2d_Conv2D3/kernel"); fixed names make
 * weights line up across the coordinator and every site.
 */
export function normalizeTopology(topology: ModelTopology): ModelTopology {
  if (isFunctional(topology)) {
    // A graph names every layer already (inbound_nodes refer to them); config.name must say the same for tfjs.
    const layers = topology.config.layers.map((layer) => ({ ...layer, config: { ...tfjsConfig(layer.class_name, layer.config), name: layer.name } }));
    return { ...topology, config: { ...topology.config, name: topology.config.name ?? 'consilium_model', layers } };
  }
  const layers = topology.config.layers.map((layer, i) => {
    const config: Record<string, unknown> = tfjsConfig(layer.class_name, layer.config);
    config['name'] ??= `${snake(layer.class_name)}_${i}`;
    if (i === 0 && config['input_shape'] !== undefined) {
      config['batch_input_shape'] ??= [null, ...(config['input_shape'] as number[])];
      delete config['input_shape'];
    }
    return { class_name: layer.class_name, config } as LayerSpec;
  });
  return { class_name: 'Sequential', config: { name: topology.config.name ?? 'consilium_model', layers } };
}

/** Input shape without the batch dimension, e.g. [32, 32, 1]: the first layer's, or a graph's InputLayer's. */
export function inputShapeOf(topology: ModelTopology): number[] {
  const first = isFunctional(topology)
    ? topology.config.layers.find((l) => l.name === String(topology.config.input_layers[0]![0]))!.config
    : topology.config.layers[0]!.config;
  const batchShape = first.batch_input_shape ?? [null, ...(first.input_shape ?? [])];
  return batchShape.slice(1).map((dim) => dim ?? 0);
}

/** Settings Keras takes as one number that TensorFlow.js reads only as a list (UpSampling2D's size would become NaN). */
function tfjsConfig(className: string, config: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...config };
  if (className === 'UpSampling2D' && typeof copy['size'] === 'number') copy['size'] = [copy['size'], copy['size']];
  return copy;
}

function snake(className: string): string {
  return className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

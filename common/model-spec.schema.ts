import { z } from 'zod';

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
] as const;

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

export const layerSchema = z.object({
  class_name: z.enum(ALLOWED_LAYER_CLASSES, {
    message: `layer class must be one of ${ALLOWED_LAYER_CLASSES.join(', ')}`,
  }),
  config: layerConfig,
});

export const modelTopologySchema = z
  .object({
    class_name: z.literal('Sequential', { message: 'only Sequential models are supported; write the layers as a list' }),
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
      // TensorFlow.js has no gradient for dilated convolutions on any backend; refuse before any site tries.
      const dilation = [layer.config['dilation_rate']].flat();
      if (layer.class_name === 'Conv2D' && dilation.some((d) => d !== undefined && d !== 1)) {
        ctx.addIssue({
          code: 'custom',
          path: ['config', 'layers', i, 'config', 'dilation_rate'],
          message: 'TensorFlow.js cannot train dilated convolutions (no gradient on any backend); use dilation_rate 1',
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

export type ModelTopology = z.infer<typeof modelTopologySchema>;
export type LayerSpec = z.infer<typeof layerSchema>;

/**
 * Gives every layer a stable name and a batch_input_shape on the first layer.
 * tfjs otherwise names layers from a process-wide counter, so two processes
 * would disagree on weight names ("conv2d_Conv2D3/kernel"); fixed names make
 * weights line up across the coordinator and every site.
 */
export function normalizeTopology(topology: ModelTopology): ModelTopology {
  const layers = topology.config.layers.map((layer, i) => {
    const config: Record<string, unknown> = { ...layer.config };
    config['name'] ??= `${snake(layer.class_name)}_${i}`;
    if (i === 0 && config['input_shape'] !== undefined) {
      config['batch_input_shape'] ??= [null, ...(config['input_shape'] as number[])];
      delete config['input_shape'];
    }
    return { class_name: layer.class_name, config } as LayerSpec;
  });
  return { class_name: 'Sequential', config: { name: topology.config.name ?? 'consilium_model', layers } };
}

/** Input shape without the batch dimension, e.g. [32, 32, 1]. */
export function inputShapeOf(topology: ModelTopology): number[] {
  const first = topology.config.layers[0]!.config;
  const batchShape = first.batch_input_shape ?? [null, ...(first.input_shape ?? [])];
  return batchShape.slice(1).map((dim) => dim ?? 0);
}

function snake(className: string): string {
  return className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

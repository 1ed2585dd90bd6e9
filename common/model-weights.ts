import * as tf from '@tensorflow/tfjs';

import { ConsiliumError, describeError } from './errors.js';
import type { ModelTopology } from './model-spec.schema.js';
import { seededRandom } from './seeded-random.js';
import { elementCount, type NamedTensor } from './tensor-codec.js';

export interface WeightSpec {
  name: string;
  shape: number[];
  /** Keras class of the layer that owns the weight, e.g. "BatchNormalization" (FedBN keeps those local). */
  layerClass?: string;
}

/**
 * Builds a tfjs model from a normalized topology. Errors from tfjs (an
 * impossible kernel size, a shape that does not fit) become INVALID_ARGUMENT
 * on the `model` field, so a researcher sees them at submission, not at a site.
 */
export async function buildModel(topology: ModelTopology): Promise<tf.LayersModel> {
  try {
    return await tf.models.modelFromJSON({ modelTopology: topology as unknown as tf.io.ModelJSON['modelTopology'] });
  } catch (error) {
    throw new ConsiliumError('INVALID_ARGUMENT', `model: TensorFlow.js cannot build this topology: ${describeError(error)}`, [
      { path: 'model', message: describeError(error) },
    ]);
  }
}

/**
 * Weight names are the layer variables' original names ("conv2d_0/kernel");
 * tfjs appends "_1", "_2" to `name` when a process builds the same model
 * twice, and that suffix must not leak into what sites exchange.
 */
export function weightSpecsOf(model: tf.LayersModel): WeightSpec[] {
  const owner = new Map(model.layers.flatMap((layer) => layer.weights.map((w) => [w.originalName, layer.getClassName()] as const)));
  return model.weights.map((w) => ({ name: w.originalName, shape: [...w.shape] as number[], layerClass: owner.get(w.originalName)! }));
}

export function readWeights(model: tf.LayersModel): NamedTensor[] {
  return model.weights.map((w) => ({
    name: w.originalName,
    shape: [...w.shape] as number[],
    values: w.read().dataSync() as Float32Array,
  }));
}

/** Sets weights by name; every model weight must be present with its exact shape. */
export function writeWeights(model: tf.LayersModel, tensors: readonly NamedTensor[]): void {
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const values = model.weights.map((w) => {
    const t = byName.get(w.originalName);
    if (!t || t.shape.join(',') !== w.shape.join(',')) {
      throw new ConsiliumError('INVALID_ARGUMENT', `weights do not fit the model: ${w.originalName} [${w.shape.join(', ')}] is missing or has another shape`);
    }
    return tf.tensor(t.values, t.shape, 'float32');
  });
  model.setWeights(values);
  tf.dispose(values);
}

/**
 * Seeded initial weights: Glorot-uniform kernels, zero biases, identity batch
 * norm. Written here rather than taken from tfjs so that the same spec and
 * seed give the same bytes on every machine and tfjs version.
 */
export function initialWeights(specs: readonly WeightSpec[], seed: number): NamedTensor[] {
  const random = seededRandom(seed);
  return specs.map(({ name, shape }) => {
    const values = new Float32Array(elementCount(shape));
    const kind = name.slice(name.lastIndexOf('/') + 1).replace(/_\d+$/, '');
    // Depthwise and pointwise kernels (SeparableConv2D, DepthwiseConv2D) take Glorot's bound from their own fans, as Keras does.
    if (kind === 'kernel' || kind === 'depthwise_kernel' || kind === 'pointwise_kernel') {
      const receptive = shape.length > 2 ? elementCount(shape.slice(0, -2)) : 1;
      const fanIn = (shape.at(-2) ?? 1) * receptive;
      const fanOut = (shape.at(-1) ?? 1) * receptive;
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * limit;
    } else if (kind === 'gamma' || kind === 'moving_variance') {
      values.fill(1);
    } else if (kind !== 'bias' && kind !== 'beta' && kind !== 'moving_mean') {
      throw new ConsiliumError('INVALID_ARGUMENT', `no initializer for weight "${name}"`);
    }
    return { name, shape: [...shape], values };
  });
}

/** The tfjs `model.json` (layers-model format) for a topology and its weight names, loadable by tf.loadLayersModel. */
export function layersModelJson(topology: ModelTopology, specs: readonly WeightSpec[], weightsPath: string): Record<string, unknown> {
  return {
    format: 'layers-model',
    generatedBy: 'consilium',
    convertedBy: null,
    modelTopology: topology,
    weightsManifest: [{ paths: [weightsPath], weights: specs.map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' })) }],
  };
}

/** The weights file that goes with layersModelJson: every tensor's float32 bytes, in order. */
export function layersModelWeightsBin(tensors: readonly NamedTensor[]): Buffer {
  return Buffer.concat(tensors.map((t) => Buffer.from(t.values.buffer, t.values.byteOffset, t.values.byteLength)));
}

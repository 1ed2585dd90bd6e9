import type { Dim, ModelSize } from './model-size.js';
import type { ModelTopology } from './model-spec.schema.js';

/** What one training step of a model costs at a site, estimated from the topology alone. */
export interface StepCost {
  /** Floating-point operations of one step (forward and backward) on one batch. */
  flops: number;
  /** Bytes the step holds at its peak: weights, their gradients and optimizer state, and every layer's activations and their gradients. */
  memoryBytes: number;
}

/** Values the optimizer keeps per weight besides the weight and its gradient. */
const OPTIMIZER_SLOTS: Record<string, number> = { sgd: 0, rmsprop: 1, adam: 2 };
/** Layers whose cost is a dot product per output value: 2 × (kernel values per output) × outputs. */
const WEIGHTED = new Set(['Dense', 'Conv2D', 'Conv3D', 'DepthwiseConv2D', 'SeparableConv2D']);
const POOLS = new Set(['MaxPooling2D', 'AveragePooling2D', 'MaxPooling3D', 'AveragePooling3D']);

const elements = (shape: readonly Dim[]): number | null => (shape.some((d) => d === null) ? null : shape.reduce<number>((p, d) => p * d!, 1));

/**
 * The usual estimate of a training step: the backward pass costs about
 * twice the forward one, so a step is 3 × forward; memory holds the
 * weights with their gradients and optimizer slots, plus each layer's
 * output kept for the backward pass and its gradient, as float32. It is an
 * estimate for limits and planning (within a factor of about 2 of what a
 * backend allocates), not a measurement. Null when a dimension is open.
 */
export function stepCost(topology: ModelTopology, size: ModelSize, batchSize: number, optimizer: string): StepCost | null {
  let forward = 0;
  let activations = 0;
  for (const [i, layer] of size.layers.entries()) {
    const out = elements(layer.outputShape);
    const inputs = layer.inputShapes.map(elements);
    if (out === null || inputs.some((n) => n === null)) return null;
    activations += out;
    forward += flopsOf(layer.className, topology.config.layers[i]!.config, layer, out, inputs as number[]);
  }
  const parameters = size.parameters * (2 + (OPTIMIZER_SLOTS[optimizer] ?? 2));
  return { flops: 3 * forward * batchSize, memoryBytes: 4 * (parameters + 2 * activations * batchSize) };
}

function flopsOf(className: string, config: Record<string, unknown>, layer: ModelSize['layers'][number], out: number, inputs: number[]): number {
  const channels = (shape: readonly Dim[]): number => shape.at(-1) ?? 1;
  if (WEIGHTED.has(className) || className === 'Conv2DTranspose') {
    const outChannels = channels(layer.outputShape);
    const bias = config['use_bias'] === false ? 0 : outChannels;
    const kernel = layer.parameters - bias;
    // A transposed convolution scatters every input value through the whole kernel.
    if (className === 'Conv2DTranspose') return (2 * kernel * inputs[0]!) / channels(layer.inputShapes[0]!);
    return (2 * kernel * out) / outChannels;
  }
  if (POOLS.has(className)) {
    const window = [config['pool_size'] ?? 2].flat() as number[];
    const taps = window.length === 1 ? window[0]! ** (className.endsWith('3D') ? 3 : 2) : window.reduce((p, w) => p * w, 1);
    return taps * out;
  }
  if (className === 'BatchNormalization' || className === 'LayerNormalization') return 5 * out;
  if (className.startsWith('Global')) return inputs[0]!;
  // Activations, merges, padding, reshapes: about one operation per value they produce.
  return out;
}

/** The model's size and step cost in one line, for researchers (run creation) and hospital IT (site runs, policy refusals). */
export function describeModelCost(size: ModelSize, cost: StepCost | null, batchSize: number): string {
  const parameters = `${size.parameters.toLocaleString('en-US')} parameters`;
  if (!cost) return `${parameters}; the step cost is unknown (an input dimension is open)`;
  return `${parameters}; a training step of ${batchSize} samples ≈ ${formatFlops(cost.flops)} and ${megabytes(cost.memoryBytes)} MB`;
}

export function megabytes(bytes: number): number {
  return Math.ceil(bytes / 2 ** 20);
}

function formatFlops(flops: number): string {
  if (flops >= 1e9) return `${(flops / 1e9).toFixed(flops >= 1e10 ? 0 : 1)} GFLOP`;
  if (flops >= 1e6) return `${(flops / 1e6).toFixed(flops >= 1e7 ? 0 : 1)} MFLOP`;
  return `${Math.round(flops / 1e3)} kFLOP`;
}

import { ConsiliumError, type FieldIssue } from './errors.js';
import { topologicalOrder } from './model-graph.js';
import { type FunctionalTopology, isFunctional, type LayerSpec, MERGE_LAYER_CLASSES, type ModelTopology } from './model-spec.schema.js';

/** A dimension TensorFlow.js leaves open (null in batch_input_shape). */
export type Dim = number | null;

export interface LayerSize {
  name: string;
  className: string;
  /** Output shape without the batch dimension. */
  outputShape: Dim[];
  /** Weights of the layer, trainable or not, as tfjs's countParams counts them. */
  parameters: number;
  /** The shapes the layer reads, without the batch dimension (none for an InputLayer). */
  inputShapes: Dim[][];
}

export interface ModelSize {
  layers: LayerSize[];
  parameters: number;
}

/**
 * Parameter count and output shapes of a normalized Sequential topology,
 * computed from the configuration alone: nothing is allocated, so a spec of
 * a billion parameters is refused in microseconds instead of built. Layer
 * settings that cannot build (a kernel of size 0, a window larger than its
 * input, a reshape that changes the element count) are refused here with
 * the field path, before TensorFlow.js is asked.
 */
export function modelSize(topology: ModelTopology, pathPrefix = 'model'): ModelSize {
  if (isFunctional(topology)) return graphSize(topology, pathPrefix);
  const first = topology.config.layers[0]!.config;
  let shape: Dim[] = (first.batch_input_shape ?? [null, ...(first.input_shape ?? [])]).slice(1);
  const layers: LayerSize[] = [];
  topology.config.layers.forEach((layer, i) => {
    const at = `${pathPrefix}.config.layers.${i}.config`;
    const { outputShape, parameters } = sizeOf(layer, shape, at);
    layers.push({ name: String(layer.config.name ?? `${layer.class_name}_${i}`), className: layer.class_name, outputShape, parameters, inputShapes: [shape] });
    shape = outputShape;
  });
  return { layers, parameters: layers.reduce((sum, l) => sum + l.parameters, 0) };
}

/** The same for a graph: shapes flow along inbound_nodes in topological order; layers are listed in the spec's order. */
function graphSize(topology: FunctionalTopology, pathPrefix: string): ModelSize {
  const order = topologicalOrder(topology.config);
  if (!order) invalid(`${pathPrefix}.config.layers`, 'the graph has a cycle');
  const shapes = new Map<string, Dim[]>();
  const sizes = new Map<number, LayerSize>();
  for (const node of order) {
    const layer = topology.config.layers[node.index]!;
    const at = `${pathPrefix}.config.layers.${node.index}.config`;
    const { outputShape, parameters } =
      layer.class_name === 'InputLayer'
        ? { outputShape: (layer.config.batch_input_shape ?? []).slice(1), parameters: 0 }
        : MERGE_LAYER_CLASSES.includes(layer.class_name)
          ? mergeSize(
              layer,
              node.inputs.map((name) => shapes.get(name)!),
              at,
            )
          : sizeOf(layer, shapes.get(node.inputs[0]!)!, at);
    shapes.set(node.name, outputShape);
    sizes.set(node.index, { name: node.name, className: layer.class_name, outputShape, parameters, inputShapes: node.inputs.map((name) => shapes.get(name)!) });
  }
  const layers = topology.config.layers.map((_, i) => sizes.get(i)!);
  return { layers, parameters: layers.reduce((sum, l) => sum + l.parameters, 0) };
}

/** Add, Multiply and Average take inputs of one shape; Concatenate joins them along one axis. */
function mergeSize(layer: LayerSpec, inputs: Dim[][], at: string): { outputShape: Dim[]; parameters: number } {
  const shown = inputs.map((s) => `[${s.join(', ')}]`).join(' and ');
  if (inputs.some((s) => s.length !== inputs[0]!.length)) invalid(at, `${layer.class_name} needs inputs of one rank, got ${shown}`);
  const rank = inputs[0]!.length;
  if (layer.class_name !== 'Concatenate') {
    const outputShape = inputs[0]!.map((_, d) => {
      const known = inputs.map((s) => s[d]!).filter((v) => v !== null);
      if (new Set(known).size > 1) invalid(at, `${layer.class_name} needs inputs of one shape, got ${shown}`);
      return known[0] ?? null;
    });
    return { outputShape, parameters: 0 };
  }
  const rawAxis = layer.config['axis'] ?? -1;
  if (typeof rawAxis !== 'number' || !Number.isInteger(rawAxis) || rawAxis === 0 || Math.abs(rawAxis) > rank) {
    invalid(`${at}.axis`, `axis must name a feature axis, -1 to ${rank} without 0 (the batch), got ${JSON.stringify(rawAxis)}`);
  }
  const axis = rawAxis < 0 ? rank + rawAxis : rawAxis - 1;
  const outputShape = inputs[0]!.map((_, d) => {
    const values = inputs.map((s) => s[d]!);
    if (d === axis) return values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + b!, 0);
    const known = values.filter((v) => v !== null);
    if (new Set(known).size > 1) invalid(at, `Concatenate joins along axis ${rawAxis}; every other dimension must agree, got ${shown}`);
    return known[0] ?? null;
  });
  return { outputShape, parameters: 0 };
}

/** Refuses a model above `limit` parameters, naming the largest layer; `setting` names the knob that raises it. */
export function requireParametersAtMost(size: ModelSize, limit: number, setting: string): void {
  if (size.parameters <= limit) return;
  const largest = size.layers.reduce((a, b) => (b.parameters > a.parameters ? b : a));
  const message = `the model has ${size.parameters.toLocaleString('en-US')} parameters, over the limit of ${limit.toLocaleString('en-US')} (${setting}); its largest layer is ${largest.name} (${largest.className}) with ${largest.parameters.toLocaleString('en-US')}. Make that layer smaller (fewer units or filters, or pool before it)`;
  throw new ConsiliumError('INVALID_ARGUMENT', `invalid run spec: model: ${message}`, [{ path: 'model', message }]);
}

function invalid(path: string, message: string): never {
  const issue: FieldIssue = { path, message };
  throw new ConsiliumError('INVALID_ARGUMENT', `invalid run spec: ${path}: ${message}`, [issue]);
}

function positiveInt(value: unknown, path: string, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) invalid(path, `${what} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return value;
}

/** A Keras pair setting: one number for both axes, or [rows, columns]. */
function pair(value: unknown, fallback: [number, number] | undefined, path: string, what: string): [number, number] {
  if (value === undefined || value === null) {
    if (fallback) return fallback;
    invalid(path, `${what} is required`);
  }
  const list = Array.isArray(value) ? value : [value, value];
  if (list.length !== 2) invalid(path, `${what} must be one number or two, got ${JSON.stringify(value)}`);
  return [positiveInt(list[0], path, what), positiveInt(list[1], path, what)];
}

function requireKnown(dim: Dim, path: string, what: string): number {
  if (dim === null) invalid(path, `${what} must be known: give the first layer a full input_shape`);
  return dim;
}

function requireRank(shape: Dim[], rank: number, at: string, className: string): void {
  if (shape.length !== rank) invalid(at, `${className} needs an input of rank ${rank} (without the batch), got [${shape.join(', ')}]`);
}

/** Output length of a sliding window along one axis. */
function windowed(input: Dim, size: number, stride: number, padding: string, path: string, what: string): Dim {
  if (input === null) return null;
  if (padding === 'same') return Math.ceil(input / stride);
  if (size > input) invalid(path, `${what} ${size} is larger than its input (${input}) with padding "valid"; use a smaller window or padding "same"`);
  return Math.floor((input - size) / stride) + 1;
}

function padding(config: LayerSpec['config'], at: string): string {
  const value = config['padding'] ?? 'valid';
  if (value !== 'valid' && value !== 'same') invalid(`${at}.padding`, `padding must be "valid" or "same", got ${JSON.stringify(value)}`);
  return value;
}

function channelsFirst(config: LayerSpec['config'], at: string): boolean {
  const format = config['data_format'] ?? 'channels_last';
  if (format !== 'channels_last' && format !== 'channels_first')
    invalid(`${at}.data_format`, `data_format must be "channels_last" or "channels_first", got ${JSON.stringify(format)}`);
  return format === 'channels_first';
}

/** A Keras setting with one number per spatial axis: one number for all, or a list of `axes`. */
function tuple(value: unknown, axes: number, fallback: number[] | undefined, path: string, what: string): number[] {
  if (value === undefined || value === null) {
    if (fallback) return fallback;
    invalid(path, `${what} is required`);
  }
  const list = Array.isArray(value) ? value : Array<unknown>(axes).fill(value);
  if (list.length !== axes) invalid(path, `${what} must be one number or ${axes}, got ${JSON.stringify(value)}`);
  return list.map((v) => positiveInt(v, path, what));
}

/** ZeroPadding2D's padding or Cropping2D's cropping: n, [rows, cols] or [[top, bottom], [left, right]], each ≥ 0. */
function edges(value: unknown, fallback: number, path: string, what: string): [[number, number], [number, number]] {
  const whole = (v: unknown): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) invalid(path, `${what} must be whole numbers ≥ 0, got ${JSON.stringify(value)}`);
    return v;
  };
  if (value === undefined || value === null)
    return [
      [fallback, fallback],
      [fallback, fallback],
    ];
  if (typeof value === 'number')
    return [
      [whole(value), whole(value)],
      [whole(value), whole(value)],
    ];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number'))
    return [
      [whole(value[0]), whole(value[0])],
      [whole(value[1]), whole(value[1])],
    ];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => Array.isArray(v) && v.length === 2)) {
    const [[t, b], [l, r]] = value as [unknown[], unknown[]];
    return [
      [whole(t), whole(b)],
      [whole(l), whole(r)],
    ];
  }
  invalid(path, `${what} must be n, [rows, cols] or [[top, bottom], [left, right]], got ${JSON.stringify(value)}`);
}

/** Layers added for graph models and volumes take channels-last input only. */
function channelsLast(config: LayerSpec['config'], at: string, className: string): void {
  if ((config['data_format'] ?? 'channels_last') !== 'channels_last') invalid(`${at}.data_format`, `${className} takes channels_last input only`);
}

/** Output length of a transposed convolution along one axis, as TensorFlow.js computes it. */
function deconvolved(input: Dim, size: number, stride: number, padding: string): Dim {
  if (input === null) return null;
  return padding === 'valid' ? input * stride + Math.max(size - stride, 0) : input * stride;
}

function sizeOf(layer: LayerSpec, input: Dim[], at: string): { outputShape: Dim[]; parameters: number } {
  const config = layer.config;
  const bias = config['use_bias'] !== false;
  switch (layer.class_name) {
    case 'Dense': {
      const units = positiveInt(config['units'], `${at}.units`, 'units');
      if (input.length === 0) invalid(at, 'Dense needs an input of rank ≥ 1');
      const fanIn = requireKnown(input.at(-1)!, at, "Dense's input size (the last dimension)");
      return { outputShape: [...input.slice(0, -1), units], parameters: fanIn * units + (bias ? units : 0) };
    }
    case 'Conv2D':
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      requireRank(input, 3, at, layer.class_name);
      const conv = layer.class_name === 'Conv2D';
      const first = channelsFirst(config, at);
      const [rows, cols, channels] = first ? [input[1]!, input[2]!, input[0]!] : [input[0]!, input[1]!, input[2]!];
      const sizeKey = conv ? 'kernel_size' : 'pool_size';
      const window = pair(config[sizeKey], conv ? undefined : [2, 2], `${at}.${sizeKey}`, sizeKey);
      const strides = pair(config['strides'], conv ? [1, 1] : window, `${at}.strides`, 'strides');
      const pad = padding(config, at);
      const outRows = windowed(rows, window[0], strides[0], pad, `${at}.${sizeKey}`, sizeKey);
      const outCols = windowed(cols, window[1], strides[1], pad, `${at}.${sizeKey}`, sizeKey);
      if (!conv) return { outputShape: first ? [channels, outRows, outCols] : [outRows, outCols, channels], parameters: 0 };
      const filters = positiveInt(config['filters'], `${at}.filters`, 'filters');
      const inChannels = requireKnown(channels, at, "Conv2D's input channels");
      return {
        outputShape: first ? [filters, outRows, outCols] : [outRows, outCols, filters],
        parameters: window[0] * window[1] * inChannels * filters + (bias ? filters : 0),
      };
    }
    case 'GlobalAveragePooling2D':
      requireRank(input, 3, at, layer.class_name);
      return { outputShape: [channelsFirst(config, at) ? input[0]! : input[2]!], parameters: 0 };
    case 'Flatten':
      if (input.length === 0) invalid(at, 'Flatten needs an input of rank ≥ 1');
      return { outputShape: [input.some((d) => d === null) ? null : input.reduce<number>((p, d) => p * d!, 1)], parameters: 0 };
    case 'Dropout': {
      const rate = config['rate'];
      if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) invalid(`${at}.rate`, `rate must be a number in [0, 1), got ${JSON.stringify(rate)}`);
      return { outputShape: input, parameters: 0 };
    }
    case 'BatchNormalization': {
      const axis = config['axis'] ?? -1;
      if (typeof axis !== 'number' || !Number.isInteger(axis) || axis === 0 || Math.abs(axis) > input.length) {
        invalid(`${at}.axis`, `axis must name a feature axis, -1 to ${input.length} without 0 (the batch), got ${JSON.stringify(axis)}`);
      }
      const features = requireKnown(input[axis < 0 ? input.length + axis : axis - 1]!, at, 'the normalized axis');
      const perFeature = 2 + (config['center'] === false ? 0 : 1) + (config['scale'] === false ? 0 : 1);
      return { outputShape: input, parameters: perFeature * features };
    }
    case 'Activation':
      return { outputShape: input, parameters: 0 };
    case 'Reshape': {
      const target = config['target_shape'];
      if (
        !Array.isArray(target) ||
        target.length === 0 ||
        target.some((d) => d !== -1 && (typeof d !== 'number' || !Number.isInteger(d) || d < 1)) ||
        target.filter((d) => d === -1).length > 1
      ) {
        invalid(`${at}.target_shape`, `target_shape must list whole numbers ≥ 1 (at most one -1), got ${JSON.stringify(target)}`);
      }
      const dims = target as number[];
      if (input.some((d) => d === null)) return { outputShape: dims.map((d) => (d === -1 ? null : d)), parameters: 0 };
      const elements = input.reduce<number>((p, d) => p * d!, 1);
      const known = dims.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
      const free = dims.includes(-1) ? elements / known : 1;
      if (!Number.isInteger(free) || known * free !== elements)
        invalid(`${at}.target_shape`, `target_shape [${dims.join(', ')}] does not hold the ${elements} values of its input [${input.join(', ')}]`);
      return { outputShape: dims.map((d) => (d === -1 ? free : d)), parameters: 0 };
    }
    case 'ReLU':
    case 'LeakyReLU':
    case 'Softmax':
      return { outputShape: input, parameters: 0 };
    case 'GlobalMaxPooling2D':
      requireRank(input, 3, at, layer.class_name);
      return { outputShape: [channelsFirst(config, at) ? input[0]! : input[2]!], parameters: 0 };
    case 'LayerNormalization': {
      const axis = config['axis'] ?? -1;
      if (typeof axis !== 'number' || !Number.isInteger(axis) || axis === 0 || Math.abs(axis) > input.length) {
        invalid(`${at}.axis`, `axis must name a feature axis, -1 to ${input.length} without 0 (the batch), got ${JSON.stringify(axis)}`);
      }
      const features = requireKnown(input[axis < 0 ? input.length + axis : axis - 1]!, at, 'the normalized axis');
      const perFeature = (config['center'] === false ? 0 : 1) + (config['scale'] === false ? 0 : 1);
      return { outputShape: input, parameters: perFeature * features };
    }
    case 'ZeroPadding2D':
    case 'Cropping2D': {
      requireRank(input, 3, at, layer.class_name);
      channelsLast(config, at, layer.class_name);
      const pad = layer.class_name === 'ZeroPadding2D';
      const key = pad ? 'padding' : 'cropping';
      const [[top, bottom], [left, right]] = edges(config[key], pad ? 1 : 0, `${at}.${key}`, key);
      const sign = pad ? 1 : -1;
      const along = (dim: Dim, a: number, b: number, what: string): Dim => {
        if (dim === null) return null;
        const out = dim + sign * (a + b);
        if (out < 1) invalid(`${at}.${key}`, `cropping ${a + b} ${what} leaves nothing of an input of ${dim}`);
        return out;
      };
      return { outputShape: [along(input[0]!, top, bottom, 'rows'), along(input[1]!, left, right, 'columns'), input[2]!], parameters: 0 };
    }
    case 'UpSampling2D': {
      requireRank(input, 3, at, layer.class_name);
      channelsLast(config, at, layer.class_name);
      const interpolation = config['interpolation'] ?? 'nearest';
      if (interpolation !== 'nearest' && interpolation !== 'bilinear')
        invalid(`${at}.interpolation`, `interpolation must be "nearest" or "bilinear", got ${JSON.stringify(interpolation)}`);
      const [r, c] = pair(config['size'], [2, 2], `${at}.size`, 'size');
      return { outputShape: [input[0] === null ? null : input[0]! * r, input[1] === null ? null : input[1]! * c, input[2]!], parameters: 0 };
    }
    case 'Conv2DTranspose': {
      const axes = 2;
      requireRank(input, axes + 1, at, layer.class_name);
      channelsLast(config, at, layer.class_name);
      const kernel = tuple(config['kernel_size'], axes, undefined, `${at}.kernel_size`, 'kernel_size');
      const strides = tuple(config['strides'], axes, Array<number>(axes).fill(1), `${at}.strides`, 'strides');
      const pad = padding(config, at);
      const filters = positiveInt(config['filters'], `${at}.filters`, 'filters');
      const inChannels = requireKnown(input[axes]!, at, `${layer.class_name}'s input channels`);
      const spatial = kernel.map((k, d) => deconvolved(input[d]!, k, strides[d]!, pad));
      return { outputShape: [...spatial, filters], parameters: kernel.reduce((p, k) => p * k, 1) * filters * inChannels + (bias ? filters : 0) };
    }
    case 'DepthwiseConv2D':
    case 'SeparableConv2D': {
      requireRank(input, 3, at, layer.class_name);
      channelsLast(config, at, layer.class_name);
      const kernel = pair(config['kernel_size'], undefined, `${at}.kernel_size`, 'kernel_size');
      const strides = pair(config['strides'], [1, 1], `${at}.strides`, 'strides');
      const pad = padding(config, at);
      const multiplier = positiveInt(config['depth_multiplier'] ?? 1, `${at}.depth_multiplier`, 'depth_multiplier');
      const inChannels = requireKnown(input[2]!, at, `${layer.class_name}'s input channels`);
      const rows = windowed(input[0]!, kernel[0], strides[0], pad, `${at}.kernel_size`, 'kernel_size');
      const cols = windowed(input[1]!, kernel[1], strides[1], pad, `${at}.kernel_size`, 'kernel_size');
      const depthwise = kernel[0] * kernel[1] * inChannels * multiplier;
      if (layer.class_name === 'DepthwiseConv2D') {
        return { outputShape: [rows, cols, inChannels * multiplier], parameters: depthwise + (bias ? inChannels * multiplier : 0) };
      }
      const filters = positiveInt(config['filters'], `${at}.filters`, 'filters');
      return { outputShape: [rows, cols, filters], parameters: depthwise + inChannels * multiplier * filters + (bias ? filters : 0) };
    }
    case 'Conv3D':
    case 'MaxPooling3D':
    case 'AveragePooling3D': {
      requireRank(input, 4, at, layer.class_name);
      channelsLast(config, at, layer.class_name);
      const conv = layer.class_name === 'Conv3D';
      const sizeKey = conv ? 'kernel_size' : 'pool_size';
      const window = tuple(config[sizeKey], 3, conv ? undefined : [2, 2, 2], `${at}.${sizeKey}`, sizeKey);
      const strides = tuple(config['strides'], 3, conv ? [1, 1, 1] : window, `${at}.strides`, 'strides');
      const pad = padding(config, at);
      const spatial = window.map((w, d) => windowed(input[d]!, w, strides[d]!, pad, `${at}.${sizeKey}`, sizeKey));
      if (!conv) return { outputShape: [...spatial, input[3]!], parameters: 0 };
      const filters = positiveInt(config['filters'], `${at}.filters`, 'filters');
      const inChannels = requireKnown(input[3]!, at, "Conv3D's input channels");
      return { outputShape: [...spatial, filters], parameters: window[0]! * window[1]! * window[2]! * inChannels * filters + (bias ? filters : 0) };
    }
    case 'InputLayer':
    case 'Add':
    case 'Concatenate':
    case 'Multiply':
    case 'Average':
      // The graph walk sizes these; a Sequential stack refuses them in the schema.
      return invalid(at, `${layer.class_name} belongs in a graph model`);
  }
}

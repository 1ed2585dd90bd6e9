import { parse as parseYaml } from 'yaml';

import { ConsiliumError, describeError } from './errors.js';
import { frozenLayers, unmatchedFreezes } from './model-freeze.js';
import { type ModelSize, modelSize } from './model-size.js';
import { inputShapeOf, isFunctional, normalizeTopology } from './model-spec.schema.js';
import { type RunSpec, runSpecSchema, taskOf } from './run-spec.schema.js';

/** Parses a run spec written as YAML or JSON (JSON is YAML), or taken as an already-parsed object. */
export function parseRunSpec(input: unknown): RunSpec {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = parseYaml(input);
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `run spec is neither valid YAML nor JSON: ${describeError(error)}`);
    }
  }
  const result = runSpecSchema.safeParse(value);
  if (!result.success) throw ConsiliumError.fromZod('run spec', result.error);
  const spec = { ...result.data, model: normalizeTopology(result.data.model) };
  // Every layer's settings are checked from the configuration alone, before anything is built.
  const size = modelSize(spec.model);
  const unmatched = unmatchedFreezes(spec.model, spec.freeze ?? []);
  if (unmatched.length > 0) {
    const issues = unmatched.map(({ index, entry }) => ({ path: `freeze.${index}`, message: `no layer of the model is named "${entry}" or starts with it` }));
    throw new ConsiliumError('INVALID_ARGUMENT', `invalid run spec: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const frozen = frozenLayers(spec.model, spec.freeze);
  if (size.layers.every((layer) => layer.parameters === 0 || frozen.has(layer.name))) {
    const message = 'every layer with weights is frozen, so nothing would train; freeze fewer layers';
    throw new ConsiliumError('INVALID_ARGUMENT', `invalid run spec: freeze: ${message}`, [{ path: 'freeze', message }]);
  }
  for (const problem of [outputProblem(spec, size), volumeProblem(spec), augmentationProblem(spec)]) {
    if (problem) throw new ConsiliumError('INVALID_ARGUMENT', `invalid run spec: ${problem.path}: ${problem.message}`, [problem]);
  }
  return spec;
}

/** A target spacing names one size per spatial axis the model reads; slices of volumes feed 2-D models. */
function volumeProblem(spec: RunSpec): { path: string; message: string } | null {
  const spatial = inputShapeOf(spec.model).length - 1;
  const { spacing, sliceAxis } = spec.preprocessing;
  if (sliceAxis && spatial !== 2)
    return { path: 'preprocessing.sliceAxis', message: `slices of volumes feed a 2-D model ([height, width, channels]); this one reads ${spatial}-D input` };
  if (spacing && spacing.length !== spatial) {
    const wanted = spatial === 3 ? '[z, y, x]' : '[row, column]';
    return { path: 'preprocessing.spacing', message: `this model reads ${spatial}-D input, so spacing is ${wanted} in mm, not ${spacing.length} values` };
  }
  return null;
}

/** Augmentation transforms images: the model must take one (height, width, channels), square for quarter turns, windowed for window jitter. */
function augmentationProblem(spec: RunSpec): { path: string; message: string } | null {
  const augmentation = spec.augmentation;
  if (!augmentation) return null;
  const shape = inputShapeOf(spec.model);
  if (shape.length !== 3)
    return { path: 'augmentation', message: `augmentation transforms images; this model's input is [${shape.join(', ')}], not [height, width, channels]` };
  if (augmentation.rotate90 && shape[0] !== shape[1])
    return { path: 'augmentation.rotate90', message: `quarter turns need a square input; this one is ${shape[0]}×${shape[1]}` };
  if (augmentation.windowJitter && !spec.preprocessing.window) {
    return {
      path: 'augmentation.windowJitter',
      message: 'window jitter moves the intensity window: set preprocessing.window (e.g. { center: 40, width: 400 }) first',
    };
  }
  return null;
}

/**
 * The model must fit its task: a 2-D task reads [height, width, channels]
 * and a 3-D one [depth, height, width, channels]; a segmentation outputs one
 * class per pixel, [the input's spatial size, classes]; a classification one
 * row of classes.
 */
function outputProblem(spec: RunSpec, size: ModelSize): { path: string; message: string } | null {
  const task = taskOf(spec);
  const input = inputShapeOf(spec.model);
  const spatial = task.dims === '3d' ? 3 : 2;
  const outputName = isFunctional(spec.model) ? String(spec.model.config.output_layers[0]![0]) : size.layers.at(-1)!.name;
  const output = size.layers.find((l) => l.name === outputName)!.outputShape;
  const shown = (shape: readonly unknown[]) => `[${shape.join(', ')}]`;
  if (spec.task) {
    if (input.length !== spatial + 1)
      return {
        path: 'task.dims',
        message: `a ${task.dims} task reads ${spatial === 3 ? '[depth, height, width, channels]' : '[height, width, channels]'}; this model reads ${shown(input)}`,
      };
  }
  if (task.kind !== 'segmentation') return null;
  const expected = [...input.slice(0, spatial), spec.classes.length];
  if (output.length !== expected.length || output.some((d, i) => d !== expected[i])) {
    return {
      path: 'model',
      message: `a segmentation model outputs one class per pixel, ${shown(expected)} for this input and ${spec.classes.length} classes; this one outputs ${shown(output)}`,
    };
  }
  return null;
}

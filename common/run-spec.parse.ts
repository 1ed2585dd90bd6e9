import { parse as parseYaml } from 'yaml';

import { ConsiliumError, describeError } from './errors.js';
import { frozenLayers, unmatchedFreezes } from './model-freeze.js';
import { modelSize } from './model-size.js';
import { inputShapeOf, normalizeTopology } from './model-spec.schema.js';
import { type RunSpec, runSpecSchema } from './run-spec.schema.js';

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
  const augmentation = augmentationProblem(spec);
  if (augmentation) throw new ConsiliumError('INVALID_ARGUMENT', `invalid run spec: ${augmentation.path}: ${augmentation.message}`, [augmentation]);
  return spec;
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

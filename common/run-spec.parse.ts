import { parse as parseYaml } from 'yaml';

import { ConsiliumError, describeError } from './errors.js';
import { modelSize } from './model-size.js';
import { normalizeTopology } from './model-spec.schema.js';
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
  modelSize(spec.model);
  return spec;
}

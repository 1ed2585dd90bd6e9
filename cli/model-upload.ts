import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError, describeError } from '../common/errors.js';
import type { RestClient } from '../common/rest-client.js';

/**
 * `consilium model upload DIR`: a tfjs layers model (model.json and the
 * weight files its manifest names, as `tensorflowjs_converter` writes a Keras
 * model) sent to the coordinator with a name and where it comes from.
 */
export async function uploadModel(rest: RestClient, dir: string, name: string, origin: string): Promise<string> {
  const file = path.join(dir, 'model.json');
  let modelJson: { weightsManifest?: { paths?: string[] }[] };
  try {
    modelJson = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `cannot read ${file}: ${describeError(error)}; give the folder tensorflowjs_converter wrote (model.json and its .bin files)`,
    );
  }
  const paths = (modelJson.weightsManifest ?? []).flatMap((group) => group.paths ?? []);
  const weights = Buffer.concat(await Promise.all(paths.map((p) => readFile(path.join(dir, p)))));
  const model = await rest.request<{ id: string; sha256: string; parameters: number }>('POST', '/api/models', {
    json: { name, origin, modelJson, weights: weights.toString('base64') },
  });
  return `uploaded model ${model.id} (${model.parameters.toLocaleString('en-US')} parameters, weights sha256 ${model.sha256}); start a run from it with initialModel: ${model.id}`;
}

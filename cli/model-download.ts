import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { RestClient } from '../common/rest-client.js';

/**
 * Loads the saved model with plain @tensorflow/tfjs in Node, which has no
 * file:// handler (only @tensorflow/tfjs-node registers one): the files are
 * read with node:fs and handed over in memory.
 */
export function loadRecipe(folder: string): string {
  const dir = JSON.stringify(path.resolve(folder));
  return [
    "import * as tf from '@tensorflow/tfjs';",
    "import { readFileSync } from 'node:fs';",
    "import path from 'node:path';",
    `const dir = ${dir};`,
    "const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));",
    "const bin = readFileSync(path.join(dir, 'weights.bin'));",
    'const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength), userDefinedMetadata: json.userDefinedMetadata }));',
    'const { classes, inputShape, preprocessing } = model.getUserDefinedMetadata().consilium;',
  ].join('\n');
}

/** Where a download comes from: a run's latest, best or round-N version, or any version by its id. */
export type ModelSource = { runId: string; version: 'latest' | 'best' | number } | { modelVersionId: string };

/**
 * `consilium run download` and `consilium model download`: model.json (with
 * the lineage URL made absolute) and weights.bin, and how to load them.
 */
export async function downloadModel(client: RestClient, source: ModelSource, out: string): Promise<string> {
  const [jsonPath, weightsPath] =
    'runId' in source
      ? [`/api/runs/${source.runId}/model?version=${source.version}`, `/api/runs/${source.runId}/model/weights.bin?version=${source.version}`]
      : [`/api/models/${source.modelVersionId}/model.json`, `/api/models/${source.modelVersionId}/weights.bin`];
  const modelJson = await client.request<Record<string, unknown>>('GET', jsonPath);
  const weights = await client.request<Buffer>('GET', weightsPath);
  (modelJson['weightsManifest'] as { paths: string[] }[])[0]!.paths = ['weights.bin'];
  const meta = (modelJson['userDefinedMetadata'] as { consilium: { lineageUrl: string; round: number; modelVersionId: string } } | undefined)?.consilium;
  if (meta) meta.lineageUrl = new URL(meta.lineageUrl, client.baseUrl).toString();
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'model.json'), JSON.stringify(modelJson, null, 2));
  await writeFile(path.join(out, 'weights.bin'), weights);
  return [
    `saved ${path.join(out, 'model.json')} and weights.bin (${weights.length} bytes)${meta ? `: model version ${meta.modelVersionId}, round ${meta.round}` : ''}; class names, input preprocessing and lineage are in its userDefinedMetadata.`,
    'Load it in Node with @tensorflow/tfjs (an ES module, e.g. load.mjs):',
    '',
    loadRecipe(out),
    '',
    `With @tensorflow/tfjs-node installed, tf.loadLayersModel('file://${path.resolve(out, 'model.json')}') works too.`,
  ].join('\n');
}

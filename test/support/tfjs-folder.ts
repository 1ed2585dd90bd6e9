import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';

/** Saves a tfjs model into a fresh folder as tensorflowjs_converter writes one (model.json and one weights shard); returns the folder. */
export async function saveModelFolder(model: tf.LayersModel, shard = 'group1-shard1of1.bin'): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'consilium-pretrained-'));
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      writeFileSync(path.join(dir, shard), Buffer.from(artifacts.weightData as ArrayBuffer));
      writeFileSync(
        path.join(dir, 'model.json'),
        JSON.stringify({ modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: [shard], weights: artifacts.weightSpecs }] }),
      );
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return dir;
}

import path from 'node:path';

import { isValidationSample } from '../../site-agent/data/dataset.js';
import { decodedRows, type RowCache } from '../../site-agent/data/decoded-rows.js';
import { ImageFolderSource } from '../../site-agent/data/image-folder.source.js';
import { type FeatureRows, inMemoryRows } from '../../site-agent/training/feature-rows.js';
import type { LocalData } from '../../site-agent/training/trainer.js';
import { DEMO_CLASSES, IMAGE_SIZE, type ScannerSignature, writeSiteImages } from '../demo/synthetic-lesions.js';

/** A demo hospital's synthetic images written under `root`, decoded and split (a quarter for validation) as a site would. */
export async function demoSiteData(root: string, id: string, images: number, signature: ScannerSignature, seed: number, cache: RowCache): Promise<LocalData> {
  const folder = path.join(root, id);
  await writeSiteImages(folder, images, signature, seed);
  const source = new ImageFolderSource(folder);
  const { samples } = await source.scan();
  const split = (validation: boolean) => {
    const chosen = samples.filter((s) => isValidationSample(s.id, 0.25) === validation);
    return decodedRows(
      source,
      chosen,
      Int32Array.from(chosen, (s) => DEMO_CLASSES.indexOf(s.label)),
      [IMAGE_SIZE, IMAGE_SIZE, 1],
      cache,
    );
  };
  return { inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1], classCount: DEMO_CLASSES.length, train: split(false), validation: split(true) };
}

/**
 * Generated segmentation cases (images or volumes of `size` values each, with a
 * mask of the same size) split as a site splits them: a quarter for validation,
 * by a hash of each case's id, `${idPrefix}-${index}`.
 */
export function maskedCaseSplit(idPrefix: string, features: Float32Array, masks: Int32Array, size: number): { train: FeatureRows; validation: FeatureRows } {
  const count = features.length / size;
  const split = (validation: boolean): FeatureRows => {
    const rows = Array.from({ length: count }, (_, r) => r).filter((r) => isValidationSample(`${idPrefix}-${r}`, 0.25) === validation);
    const pick = <T extends Float32Array | Int32Array>(values: T, out: T): T => {
      rows.forEach((r, k) => out.set(values.subarray(r * size, (r + 1) * size), k * size));
      return out;
    };
    return inMemoryRows(pick(features, new Float32Array(rows.length * size)), new Int32Array(rows.length), pick(masks, new Int32Array(rows.length * size)));
  };
  return { train: split(false), validation: split(true) };
}

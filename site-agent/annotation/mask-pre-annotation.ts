import { existsSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';

import sharp from 'sharp';

import type { Clock } from '../../common/clock.js';
import { ConsiliumError, describeError } from '../../common/errors.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import { inputShapeOf } from '../../common/model-spec.schema.js';
import { replaceFile } from '../../common/replace-file.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import type { SiteConfig } from '../config/site-config.js';
import type { DatasetSource, SampleRef } from '../data/dataset.js';
import { decodedRows, RowCache } from '../data/decoded-rows.js';
import { caseDice } from '../profile/reader-agreement.js';
import type { ReceivedModel } from '../received-models.js';
import { predictMasks } from '../training/predict.js';
import type { AnnotationRecords, AssistedLabel, PreAnnotation } from './annotation-records.js';
import { byUncertainty, type Correction, type WorklistRow } from './worklist.js';

/** The skip reason of an image without a mask: the cases pre-annotation draws masks for. */
const NO_MASK = 'no mask of the same name in data.masks';
const CACHE_BYTES = 64 * 2 ** 20;

/** The one mask folder pre-annotated masks go to, or why this site's data has none. */
export function maskFolderOf(config: SiteConfig): { images: string; masks: string } {
  if (config.data.kind !== 'image-masks' || typeof config.data.masks !== 'string') {
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `pre-annotation of masks works on data.kind image-masks with one mask folder (this site: ${config.data.kind}${config.data.kind === 'image-masks' ? ', a folder per reader' : ''})`,
    );
  }
  return { images: config.data.images, masks: config.data.masks };
}

/** Class index → the local mask value the site writes for it: through maskLabelMap, or the index itself. */
function localValues(config: SiteConfig, classes: readonly string[]): number[] {
  const map = config.maskLabelMap;
  return classes.map((name, index) => {
    if (!map) return index;
    const local = Object.entries(map).find(([, target]) => target === name);
    if (!local) throw new ConsiliumError('FAILED_PRECONDITION', `maskLabelMap maps no local value to class ${name}; add one so a predicted mask can say it`);
    return Number(local[0]);
  });
}

/** A mask file's values at its own size (first channel). */
async function maskValues(file: string): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(await readFile(file))
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Draws a mask for every image the site has no mask for, with a model it
 * received: each written as a PNG of the site's own mask values at the
 * image's size (the reader's copy in the worklist folder, and an untouched
 * copy kept to compare corrections with), listed most uncertain first.
 */
export async function preAnnotateMasks(
  config: SiteConfig,
  source: DatasetSource,
  model: ReceivedModel,
  topology: ModelTopology,
  weights: readonly NamedTensor[],
  folder: string,
  records: AnnotationRecords,
  clock: Clock,
): Promise<WorklistRow[]> {
  const { images } = maskFolderOf(config);
  const { skipped } = await source.scan();
  const cases: SampleRef[] = skipped.filter((s) => s.reason === NO_MASK).map((s) => ({ id: s.id, label: '', contentSha256: '' }));
  if (cases.length === 0) return [];
  const inputShape = inputShapeOf(topology);
  const [height, width] = inputShape as [number, number, number];
  const rows = decodedRows(source, cases, new Int32Array(cases.length), inputShape, new RowCache(CACHE_BYTES), model.preprocessing);
  const predicted = await predictMasks(topology, weights, rows, inputShape, model.classes.length);
  const values = localValues(config, model.classes);
  const kept = records.predictedMaskDir(model.sha256);
  const worklist: WorklistRow[] = [];
  for (const [i, sample] of cases.entries()) {
    const classes = predicted.classes.subarray(i * height * width, (i + 1) * height * width);
    const meta = await sharp(path.join(images, sample.id)).metadata();
    const png = await sharp(Buffer.from(Uint8Array.from(classes, (c) => values[c]!)), { raw: { width, height, channels: 1 } })
      .resize(meta.width, meta.height, { kernel: 'nearest', fit: 'fill' })
      .png()
      .toBuffer();
    const mask = path.join('masks', sample.id);
    await replaceFile(path.join(folder, mask), png);
    await replaceFile(path.join(kept, sample.id), png);
    // Class 0 is the background by the convention segmentation runs follow; the others drawn are what the model found.
    const found = model.classes.filter((_, c) => c > 0 && classes.includes(c));
    worklist.push({
      caseId: sample.id,
      predicted: found.join('+') || 'none',
      probability: predicted.confidence[i]!,
      uncertainty: predicted.uncertainty[i]!,
      mask,
    });
  }
  worklist.sort(byUncertainty);
  const at = clock.iso();
  await records.recordPreAnnotations(
    Object.fromEntries(
      worklist.map((r): [string, PreAnnotation] => [
        r.caseId,
        { runId: model.runId, modelVersionId: model.modelVersionId, modelSha256: model.sha256, predicted: r.predicted, probability: r.probability, at },
      ]),
    ),
  );
  return worklist;
}

/**
 * Reads back the masks the readers corrected in the worklist's folder (a row
 * with anything in its label column was reviewed; an empty one is skipped,
 * or with `acceptUnreviewed` its predicted mask is taken as it was), checks
 * each against its image and the site's mask values, and writes it into the
 * site's mask folder, never over a mask already there. Returns the records.
 */
export async function importMasks(
  config: SiteConfig,
  corrections: readonly Correction[],
  worklist: string,
  predictions: Record<string, PreAnnotation>,
  records: AnnotationRecords,
  options: { acceptUnreviewed: boolean; at: string },
): Promise<{ imported: Record<string, AssistedLabel>; left: number }> {
  const { images, masks } = maskFolderOf(config);
  const allowed = new Set(config.maskLabelMap ? Object.keys(config.maskLabelMap).map(Number) : null);
  const imported: Record<string, AssistedLabel> = {};
  let left = 0;
  for (const c of corrections) {
    const prediction = predictions[c.caseId]!;
    const reviewed = c.label !== '';
    if (!reviewed && !options.acceptUnreviewed) {
      left += 1;
      continue;
    }
    const original = path.join(records.predictedMaskDir(prediction.modelSha256), c.caseId);
    const file = reviewed ? path.join(path.dirname(worklist), 'masks', c.caseId) : original;
    const target = path.join(masks, c.caseId);
    if (existsSync(target)) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${worklist} line ${c.line}: ${target} exists: a mask already in data.masks is a person's and wins; drop the row or move that file`,
      );
    }
    let corrected: Awaited<ReturnType<typeof maskValues>>;
    let drawn: Awaited<ReturnType<typeof maskValues>>;
    try {
      [corrected, drawn] = await Promise.all([maskValues(file), maskValues(original)]);
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `${worklist} line ${c.line}: cannot read the mask of case ${c.caseId}: ${describeError(error)}`);
    }
    const image = await sharp(path.join(images, c.caseId)).metadata();
    if (corrected.width !== image.width || corrected.height !== image.height) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${worklist} line ${c.line}: the mask of case ${c.caseId} is ${corrected.width}×${corrected.height}, its image ${image.width}×${image.height}`,
      );
    }
    const stray = config.maskLabelMap ? [...new Set(corrected.data)].filter((v) => !allowed.has(v)) : [];
    if (stray.length > 0) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${worklist} line ${c.line}: the mask of case ${c.caseId} holds ${stray.join(', ')}, which maskLabelMap does not map`,
      );
    }
    await copyFile(file, target);
    const dice = caseDice(drawn.data, corrected.data);
    imported[c.caseId] = {
      label: 'mask',
      modelSha256: prediction.modelSha256,
      predicted: prediction.predicted,
      reviewed,
      changed: dice < 1,
      reader: c.reader,
      importedAt: options.at,
      dice,
    };
  }
  return { imported, left };
}

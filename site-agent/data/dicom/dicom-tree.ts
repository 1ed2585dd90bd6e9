import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError, describeError } from '../../../common/errors.js';
import { sha256Hex } from '../../../common/hashing.js';
import { parseCsv } from '../csv.source.js';
import { readConfiguredText, type SampleMeta, type SkippedFile } from '../dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET } from '../decode-budget.js';
import { type DicomDescription, type DicomHeader, type DicomImage, DicomUnreadable, readDicomImage } from './dicom-file.js';
import { readSegmentation, SEGMENTATION_SOP_CLASS } from './dicom-seg.js';
import { SegIndex } from './seg-index.js';

async function* dicomFiles(root: string, folder = ''): AsyncGenerator<string> {
  const entries = (await readdir(path.join(root, folder), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) yield* dicomFiles(root, relative);
    else if (/\.(dcm|dicom)$/i.test(entry.name)) yield relative;
  }
}

/**
 * One readable image file of a tree: its path relative to the root, its
 * bytes' hash, its header, and what `inspect` took from its pixels. Only
 * this is kept (not the file), so a scan's memory grows with the number of
 * files, not their size.
 */
export interface TreeImage<T = undefined> {
  file: string;
  sha256: string;
  header: DicomHeader;
  inspected: T;
}

/** A tree read once: its images, its segmentations (indexed when `withMasks`), and what could not be read, by reason. */
export interface DicomTree<T = undefined> {
  images: TreeImage<T>[];
  segs: SegIndex | null;
  /** SHA-256 of each SEG file, by path: a sample's content hash includes the SEGs that make its mask. */
  segHashes: Map<string, string>;
  skipped: SkippedFile[];
}

/** What the profile takes from a header; a file whose pixels failed still gives it. */
export function metaOf(d: DicomDescription): SampleMeta {
  return {
    modality: d.modality,
    manufacturer: d.manufacturer,
    manufacturerModelName: d.manufacturerModelName,
    bodyPartExamined: d.bodyPartExamined,
    patientAgeYears: d.patientAgeYears,
    patientSex: d.patientSex,
    pixelSpacing: d.pixelSpacing,
    deidentification: d.deidentification,
    burnedInAnnotation: d.burnedInAnnotation,
  };
}

/**
 * Reads every .dcm file under `root` once (only those in `only`, when given). Images keep their header and
 * what `inspect` took from their pixels; DICOM SEG objects go into a SegIndex
 * when the site trains on masks, and are otherwise skipped as what they are
 * (a 1-bit segmentation is not an image to classify); unreadable files are
 * skipped with their reason and whatever header they had.
 */
export async function readDicomTree<T = undefined>(
  root: string,
  budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
  withMasks = false,
  inspect: (image: DicomImage, file: { path: string; bytes: Uint8Array; sha256: string }) => T | Promise<T> = () => undefined as T,
  only: ReadonlySet<string> | null = null,
): Promise<DicomTree<T>> {
  let files: string[];
  try {
    files = [];
    for await (const file of dicomFiles(root)) if (!only || only.has(file)) files.push(file);
  } catch (error) {
    throw new ConsiliumError('INVALID_ARGUMENT', `data.path ${root} cannot be read: ${describeError(error)}`);
  }
  const tree: DicomTree<T> = { images: [], segs: withMasks ? new SegIndex(root, budget) : null, segHashes: new Map(), skipped: [] };
  for (const file of files) {
    try {
      const bytes = await readFile(path.join(root, file));
      const image = await readDicomImage(bytes, budget);
      if (image.header.sopClassUid === SEGMENTATION_SOP_CLASS) {
        if (!tree.segs) {
          tree.skipped.push({ id: file, reason: 'a DICOM SEG (a segmentation, not an image; data.masks: seg trains on it)', meta: metaOf(image.header) });
          continue;
        }
        tree.segs.add(file, readSegmentation(bytes, budget));
        tree.segHashes.set(file, sha256Hex(bytes));
        continue;
      }
      // The pixels are inspected now, while the file is in memory: one that breaks must break at scan, not mid-training.
      const sha256 = sha256Hex(bytes);
      tree.images.push({ file, sha256, header: image.header, inspected: await inspect(image, { path: file, bytes, sha256 }) });
    } catch (error) {
      if (error instanceof DicomUnreadable)
        tree.skipped.push({ id: file, reason: error.reason, ...(error.description ? { meta: metaOf(error.description) } : {}) });
      else tree.skipped.push({ id: file, reason: `unreadable: ${describeError(error)}` });
    }
  }
  if (tree.segs) for (const { header } of tree.images) tree.segs.coverSeriesOf(header.sopInstanceUid ?? '', header.seriesInstanceUid);
  return tree;
}

/** The labels CSV of a DICOM tree: key → label, or an error naming the columns it lacks. */
export async function readKeyedLabels(file: string, keyColumn: string, labelColumn: string): Promise<Map<string, string>> {
  const text = await readConfiguredText(file, 'data.labels');
  const [header, ...rows] = parseCsv(text);
  const keyAt = header?.indexOf(keyColumn) ?? -1;
  const labelAt = header?.indexOf(labelColumn) ?? -1;
  if (keyAt < 0 || labelAt < 0) {
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `data.labels needs columns "${keyColumn}" (data.keyColumn) and "${labelColumn}" (data.labelColumn); it has ${header?.join(', ') ?? 'none'}`,
    );
  }
  return new Map(rows.map((row) => [row[keyAt]?.trim() ?? '', row[labelAt]?.trim() ?? '']));
}

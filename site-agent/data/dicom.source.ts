import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { DatasetSource, DecodedSamples, SampleRef, ScanResult, SkippedFile } from './dataset.js';
import type { DecodeBudget } from './decode-budget.js';
import type { DeidentifiedCache } from './dicom/deid/deidentified-cache.js';
import { looksLikeText, mayHoldText } from './dicom/deid/text-in-pixels.js';
import { type DicomHeader, DicomUnreadable, readDicomImage } from './dicom/dicom-file.js';
import { metaOf, readDicomTree, readKeyedLabels } from './dicom/dicom-tree.js';
import { SegIndex, type SourceCoverage } from './dicom/seg-index.js';
import { pixelDigest } from './pixel-digest.js';
import { DEFAULT_PREPROCESSING, prepareImage, type Preprocessing, profilePreprocessing, type StoredImage } from './preprocess.js';
import { type Grid, resizeScale, sampleNearest } from './volume-grid.js';

export interface DicomSourceOptions {
  /** Root of a folder tree of .dcm files. */
  root: string;
  /** CSV with one row per image: a key column and a label column; absent for segmentation. */
  labelsFile?: string | undefined;
  /** What the key column holds: the SOP Instance UID, the Series Instance UID (every image of a series), or the file's path relative to root. */
  keyBy: 'sopInstanceUid' | 'seriesInstanceUid' | 'studyInstanceUid' | 'accessionNumber' | 'path';
  keyColumn: string;
  labelColumn: string;
  /** Multi-frame files: one sample per frame, or skipped with the reason. */
  multiFrame: 'frames' | 'refuse';
  /** Segmentation: each image's mask comes from the DICOM SEG objects in the tree that reference it. */
  masks?: 'seg' | undefined;
  /** Local mask values (segment numbers) the site maps, when it maps them; absent: any value. */
  mappedValues?: ReadonlySet<number> | null;
  budget?: DecodeBudget;
  /** Only these files (paths relative to root) are read; absent: every .dcm file in the tree. */
  only?: ReadonlySet<string>;
  /** Train on de-identified copies: made at scan, and the only files decoding reads. */
  deidentified?: () => Promise<DeidentifiedCache>;
}

/** How a DICOM data config (a folder's or DICOMweb's) labels its images and treats multi-frame files, as DicomSource takes it. */
export function labellingOf(config: {
  labels?: string | undefined;
  keyBy?: DicomSourceOptions['keyBy'] | undefined;
  keyColumn: string;
  labelColumn: string;
  multiFrame: DicomSourceOptions['multiFrame'];
  masks?: 'seg' | undefined;
}): Pick<DicomSourceOptions, 'labelsFile' | 'keyBy' | 'keyColumn' | 'labelColumn' | 'multiFrame' | 'masks'> {
  const { labels, keyBy, keyColumn, labelColumn, multiFrame, masks } = config;
  return { labelsFile: labels, keyBy: keyBy ?? 'sopInstanceUid', keyColumn, labelColumn, multiFrame, masks };
}

/** Sample ids are the relative path, plus "#frame" for each frame of a multi-frame file. */
function splitId(id: string): { file: string; frame: number } {
  const at = id.lastIndexOf('#');
  return at < 0 ? { file: id, frame: 0 } : { file: id.slice(0, at), frame: Number(id.slice(at + 1)) };
}

/**
 * A folder tree of DICOM files, labelled by a CSV or, for segmentation
 * (`masks: seg`), by the DICOM SEG objects in the tree that reference each
 * image. Every readable image (or frame) becomes a sample, with what the
 * profile needs from its header; unreadable files, and images without a
 * usable mask, are skipped under their reason, never fatal.
 */
export class DicomSource implements DatasetSource {
  readonly kind = 'dicom';
  readonly inMemory = false;
  readonly segmentation: boolean;
  private segs: SegIndex | null = null;
  private readonly coverage = new Map<string, SourceCoverage>();
  /** With a de-identified cache: each scanned file's copy, which decoding reads instead. */
  private readonly copies = new Map<string, string>();

  constructor(private readonly options: DicomSourceOptions) {
    this.segmentation = options.masks === 'seg';
  }

  async scan(): Promise<ScanResult> {
    const { labelsFile, keyColumn, labelColumn } = this.options;
    const labels = labelsFile ? await readKeyedLabels(labelsFile, keyColumn, labelColumn) : new Map<string, string>();
    // Every frame decodes at scan: the decoded pixels are what duplicate detection compares (one image stored in several
    // transfer syntaxes is one image).
    const cache = await this.options.deidentified?.();
    this.copies.clear();
    const tree = await readDicomTree(
      this.options.root,
      this.options.budget,
      this.segmentation,
      async (image, file) => {
        if (cache) {
          try {
            this.copies.set(file.path, await cache.store(file.sha256, file.bytes));
          } catch (error) {
            throw new DicomUnreadable('not de-identifiable', describeError(error), image.header);
          }
        }
        const { rows, columns, samplesPerPixel, frames } = image.header;
        const digests = Array.from({ length: frames }, (_, frame) => pixelDigest(image.frame(frame), [rows, columns, samplesPerPixel]));
        // Only the first frame is searched for text: a cine loop repeats its overlay on every frame.
        return { digests, text: mayHoldText(image.header) && looksLikeText(image.frame(0), rows, columns, samplesPerPixel) };
      },
      this.options.only ?? null,
    );
    this.segs = tree.segs;
    this.coverage.clear();
    const samples: SampleRef[] = [];
    const skipped = tree.skipped;
    for (const { file, sha256, header, inspected } of tree.images) {
      const frames = inspected.digests;
      const meta = { ...metaOf(header), height: header.rows, width: header.columns, ...(inspected.text ? { textInPixels: true } : {}) };
      if (header.frames > 1 && this.options.multiFrame === 'refuse') {
        skipped.push({ id: file, reason: `multi-frame (${header.frames} frames) refused by data.multiFrame`, meta });
        continue;
      }
      let digest = sha256;
      if (tree.segs) {
        const mask = this.maskProblem(tree.segs, header);
        if (typeof mask === 'string') {
          skipped.push({ id: file, reason: mask, meta });
          continue;
        }
        this.coverage.set(file, mask);
        digest = sha256Hex([sha256, ...mask.frames.map((f) => `${tree.segHashes.get(f.file)}#${f.frame}`)].join('|'));
      }
      const { keyBy } = this.options;
      const key = keyBy === 'path' ? file : (header[keyBy] ?? '');
      const label = labels.get(key) ?? '';
      for (let frame = 0; frame < header.frames; frame++) {
        samples.push({
          id: header.frames > 1 ? `${file}#${frame}` : file,
          label,
          contentSha256: header.frames > 1 ? sha256Hex(`${digest}#${frame}`) : digest,
          pixelSha256: frames[frame]!,
          meta,
        });
      }
    }
    return { samples, skipped };
  }

  /** The SEG frames that make an image's mask, or why it has no usable one. */
  private maskProblem(segs: SegIndex, header: DicomHeader): SourceCoverage | string {
    const coverage = segs.coverage(header.sopInstanceUid, header.seriesInstanceUid, header.rows, header.columns);
    if (!coverage) return 'no DICOM SEG references this image or its series';
    if (header.frames > 1) return 'multi-frame image with a DICOM SEG (frames are not matched to segments here)';
    if (coverage.rows !== header.rows || coverage.columns !== header.columns) return 'mask size differs from its image';
    const values = SegIndex.values(coverage);
    if (values.some((v) => v > 255)) return 'segment number above 255';
    const mapped = this.options.mappedValues;
    if (mapped && values.some((v) => !mapped.has(v))) return 'mask holds a value maskLabelMap does not map';
    return coverage;
  }

  /** Each image's mask (segment numbers) at [height, width], nearest neighbour, one after another. */
  async decodeMasks(samples: readonly SampleRef[], spatial: readonly number[]): Promise<Uint8Array> {
    if (!this.segs) throw new ConsiliumError('FAILED_PRECONDITION', 'this DICOM source has no masks (set data.masks: seg) or was not scanned');
    const to: Grid = [1, spatial[0]!, spatial[1]!];
    const out = new Uint8Array(samples.length * to[1] * to[2]);
    for (const [i, sample] of samples.entries()) {
      const coverage = this.coverage.get(splitId(sample.id).file);
      if (!coverage) throw new ConsiliumError('FAILED_PRECONDITION', `${sample.id} has no mask: it was not in the last scan`);
      const from: Grid = [1, coverage.rows, coverage.columns];
      out.set(sampleNearest(await this.segs.mask(coverage), from, to, resizeScale(from, to)), i * to[1] * to[2]);
    }
    return out;
  }

  /** One frame as stored, with what preprocessing needs to know about it. */
  private async stored(sample: SampleRef): Promise<StoredImage> {
    const { file, frame } = splitId(sample.id);
    const copy = this.copies.get(file);
    if (this.options.deidentified && !copy)
      throw new ConsiliumError('FAILED_PRECONDITION', `${sample.id} has no de-identified copy: it was not in the last scan`);
    const image = await readDicomImage(await readFile(copy ?? path.join(this.options.root, file)), this.options.budget);
    const { header } = image;
    return {
      values: image.frame(frame),
      height: header.rows,
      width: header.columns,
      channels: header.samplesPerPixel,
      kind: 'dicom',
      inverted: header.inverted,
    };
  }

  /** Profile intensities at the image's own size (CT over the whole HU range: see profilePreprocessing). */
  async intensities(sample: SampleRef, preprocessing: Preprocessing): Promise<Float32Array> {
    const image = await this.stored(sample);
    return prepareImage(image, [image.height, image.width, 1], profilePreprocessing(sample.meta?.modality, preprocessing));
  }

  async decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing: Preprocessing = DEFAULT_PREPROCESSING): Promise<DecodedSamples> {
    if (inputShape.length !== 3 || (inputShape[2] !== 1 && inputShape[2] !== 3)) {
      throw new ConsiliumError('INVALID_ARGUMENT', `DICOM images feed models whose input is [height, width, 1 or 3], not [${inputShape.join(', ')}]`);
    }
    const size = inputShape.reduce((a, b) => a * b, 1);
    const features = new Float32Array(samples.length * size);
    const kept: SampleRef[] = [];
    const skipped: SkippedFile[] = [];
    for (const sample of samples) {
      try {
        features.set(prepareImage(await this.stored(sample), inputShape, preprocessing), kept.length * size);
        kept.push(sample);
      } catch (error) {
        skipped.push({ id: sample.id, reason: error instanceof DicomUnreadable ? error.reason : describeError(error) });
      }
    }
    return { samples: kept, features: features.subarray(0, kept.length * size), skipped };
  }
}

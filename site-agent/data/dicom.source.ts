import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import { parseCsv } from './csv.source.js';
import { type DatasetSource, type DecodedSamples, readConfiguredText, type SampleMeta, type SampleRef, type ScanResult, type SkippedFile } from './dataset.js';
import type { DecodeBudget } from './decode-budget.js';
import { type DicomDescription, DicomUnreadable, readDicom } from './dicom/dicom-file.js';
import { pixelDigest } from './pixel-digest.js';
import { DEFAULT_PREPROCESSING, prepareImage, type Preprocessing, type StoredImage } from './preprocess.js';

/** Every Hounsfield unit a 12-bit CT stores: air at −1024 to dense bone and metal. */
const FULL_HU_RANGE = { center: 1023.5, width: 4096 };

export interface DicomSourceOptions {
  /** Root of a folder tree of .dcm files. */
  root: string;
  /** CSV with one row per image: a key column and a label column. */
  labelsFile: string;
  /** What the key column holds: the SOP Instance UID, or the file's path relative to root. */
  keyBy: 'sopInstanceUid' | 'path';
  keyColumn: string;
  labelColumn: string;
  /** Multi-frame files: one sample per frame, or skipped with the reason. */
  multiFrame: 'frames' | 'refuse';
  budget?: DecodeBudget;
}

async function* dicomFiles(root: string, folder = ''): AsyncGenerator<string> {
  const entries = (await readdir(path.join(root, folder), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) yield* dicomFiles(root, relative);
    else if (/\.(dcm|dicom)$/i.test(entry.name)) yield relative;
  }
}

/** Sample ids are the relative path, plus "#frame" for each frame of a multi-frame file. */
function splitId(id: string): { file: string; frame: number } {
  const at = id.lastIndexOf('#');
  return at < 0 ? { file: id, frame: 0 } : { file: id.slice(0, at), frame: Number(id.slice(at + 1)) };
}

/**
 * A folder tree of DICOM files labelled by a CSV. Every readable image (or
 * frame) becomes a sample, with what the profile needs from its header;
 * unreadable files are skipped under their reason (truncated, unsupported
 * transfer syntax, …), never fatal.
 */
export class DicomSource implements DatasetSource {
  readonly kind = 'dicom';
  readonly inMemory = false;

  constructor(private readonly options: DicomSourceOptions) {}

  private async labels(): Promise<Map<string, string>> {
    const text = await readConfiguredText(this.options.labelsFile, 'data.labels');
    const [header, ...rows] = parseCsv(text);
    const keyAt = header?.indexOf(this.options.keyColumn) ?? -1;
    const labelAt = header?.indexOf(this.options.labelColumn) ?? -1;
    if (keyAt < 0 || labelAt < 0) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `data.labels needs columns "${this.options.keyColumn}" (data.keyColumn) and "${this.options.labelColumn}" (data.labelColumn); it has ${header?.join(', ') ?? 'none'}`,
      );
    }
    return new Map(rows.map((row) => [row[keyAt]?.trim() ?? '', row[labelAt]?.trim() ?? '']));
  }

  async scan(): Promise<ScanResult> {
    const labels = await this.labels();
    const samples: SampleRef[] = [];
    const skipped: SkippedFile[] = [];
    let files: string[];
    try {
      files = [];
      for await (const file of dicomFiles(this.options.root)) files.push(file);
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `data.path ${this.options.root} cannot be read: ${describeError(error)}`);
    }
    for (const file of files) {
      try {
        const bytes = await readFile(path.join(this.options.root, file));
        const image = readDicom(bytes, this.options.budget);
        const { header } = image;
        if (header.frames > 1 && this.options.multiFrame === 'refuse') {
          skipped.push({ id: file, reason: `multi-frame (${header.frames} frames) refused by data.multiFrame` });
          continue;
        }
        const key = this.options.keyBy === 'path' ? file : (header.sopInstanceUid ?? '');
        const label = labels.get(key) ?? '';
        const digest = sha256Hex(bytes);
        const meta = { ...metaOf(header), height: header.rows, width: header.columns };
        // Every frame decodes now: a file that breaks must break at scan, not mid-training, and the decoded pixels are
        // what duplicate detection compares (one image stored in several transfer syntaxes is one image).
        const frames = Array.from({ length: header.frames }, (_, frame) =>
          pixelDigest(image.frame(frame), [header.rows, header.columns, header.samplesPerPixel]),
        );
        for (let frame = 0; frame < header.frames; frame++) {
          samples.push({
            id: header.frames > 1 ? `${file}#${frame}` : file,
            label,
            contentSha256: header.frames > 1 ? sha256Hex(`${digest}#${frame}`) : digest,
            pixelSha256: frames[frame]!,
            meta,
          });
        }
      } catch (error) {
        if (error instanceof DicomUnreadable)
          skipped.push({ id: file, reason: error.reason, ...(error.description ? { meta: metaOf(error.description) } : {}) });
        else skipped.push({ id: file, reason: `unreadable: ${describeError(error)}` });
      }
    }
    return { samples, skipped };
  }

  /** One frame as stored, with what preprocessing needs to know about it. */
  private async stored(sample: SampleRef): Promise<StoredImage> {
    const { file, frame } = splitId(sample.id);
    const image = readDicom(await readFile(path.join(this.options.root, file)), this.options.budget);
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

  /**
   * Profile intensities. CT values are Hounsfield units, an absolute scale, so
   * without a window the profile maps the whole HU range [−1024, 3071] to
   * [0, 1] and a miscalibrated scanner shows; other modalities have no
   * absolute scale and are stretched per image.
   */
  async intensities(sample: SampleRef, preprocessing: Preprocessing): Promise<Float32Array> {
    const image = await this.stored(sample);
    const absolute = sample.meta?.modality === 'CT' && !preprocessing.window ? { ...preprocessing, window: FULL_HU_RANGE } : preprocessing;
    return prepareImage(image, [image.height, image.width, 1], absolute);
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

/** What the profile takes from a header; a file whose pixels failed still gives it. */
function metaOf(d: DicomDescription): SampleMeta {
  return {
    modality: d.modality,
    manufacturer: d.manufacturer,
    manufacturerModelName: d.manufacturerModelName,
    bodyPartExamined: d.bodyPartExamined,
    patientAgeYears: d.patientAgeYears,
    patientSex: d.patientSex,
    pixelSpacing: d.pixelSpacing,
    identifying: d.identifying,
    burnedInAnnotation: d.burnedInAnnotation,
  };
}

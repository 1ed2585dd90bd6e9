import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import sharp from 'sharp';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { DatasetSource, DecodedSamples, SampleRef, ScanResult, SkippedFile } from './dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET, OverDecodeBudget, requireValuesWithin } from './decode-budget.js';
import { mapLimited } from './map-limited.js';
import { pixelDigest } from './pixel-digest.js';
import { DEFAULT_PREPROCESSING, prepareImage, type Preprocessing, type StoredImage } from './preprocess.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
const DICOM_EXTENSIONS = new Set(['.dcm', '.dicom']);
/** Files read and decoded at once during a scan. */
const SCAN_CONCURRENCY = 8;

/** A folder with one subfolder per class of PNG/JPEG images: `root/<class>/<file>`. */
export class ImageFolderSource implements DatasetSource {
  readonly kind = 'image-folder';
  readonly inMemory = false;

  constructor(
    private readonly root: string,
    private readonly budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
  ) {}

  /**
   * A decoder for one file, after its header passed the budget: sharp reads
   * the dimensions without decoding, and its own pixel limit stays as a
   * second guard for a header that understates.
   */
  private async open(bytes: Buffer): Promise<ReturnType<typeof sharp>> {
    const { width = 0, height = 0, pages = 1, channels = 4 } = await sharp(bytes, { limitInputPixels: false }).metadata();
    requireValuesWithin(this.budget, { width, height, frames: pages, channels });
    return sharp(bytes, { limitInputPixels: Math.max(1, Math.floor(this.budget.maxValues / channels)) });
  }

  async scan(): Promise<ScanResult> {
    let classes: string[];
    try {
      classes = (await readdir(this.root, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `data.path ${this.root} cannot be read: ${describeError(error)}`);
    }
    const ids: { label: string; id: string }[] = [];
    const dicom: string[] = [];
    for (const label of classes) {
      const files = (await readdir(path.join(this.root, label))).sort();
      ids.push(...files.filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase())).map((file) => ({ label, id: `${label}/${file}` })));
      dicom.push(...files.filter((f) => DICOM_EXTENSIONS.has(path.extname(f).toLowerCase())).map((file) => `${label}/${file}`));
    }
    dicom.push(...(await readdir(this.root)).filter((f) => DICOM_EXTENSIONS.has(path.extname(f).toLowerCase())));
    // A folder of DICOM files read as an image folder trains on nothing: say which kind reads it.
    if (ids.length === 0 && dicom.length > 0) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `data.path ${this.root} holds ${dicom.length} DICOM files and no PNG or JPEG: use data.kind: dicom, with data.labels (a CSV of file or SOP Instance UID → label)`,
      );
    }
    const checked = await mapLimited(ids, SCAN_CONCURRENCY, async ({ label, id }) => {
      try {
        const bytes = await readFile(path.join(this.root, id));
        // A full decode, not just the header: a truncated file must be found now, not mid-training.
        const { data, info } = await (await this.open(bytes)).raw().toBuffer({ resolveWithObject: true });
        const pixelSha256 = pixelDigest(data, [info.height, info.width, info.channels]);
        return { sample: { id, label, contentSha256: sha256Hex(bytes), pixelSha256, meta: { height: info.height, width: info.width } } };
      } catch (error) {
        return { skipped: { id, reason: skipReason(error) } };
      }
    });
    const samples: SampleRef[] = checked.flatMap((c) => (c.sample ? [c.sample] : []));
    const skipped: SkippedFile[] = [
      ...checked.flatMap((c) => (c.skipped ? [c.skipped] : [])),
      ...dicom.map((id) => ({ id, reason: 'DICOM file in an image folder: read DICOM with data.kind: dicom' })),
    ];
    return { samples, skipped };
  }

  /** The file as stored: 8-bit grey or RGB (alpha dropped), at its own size. */
  private async stored(sample: SampleRef): Promise<StoredImage> {
    const { data, info } = await (await this.open(await readFile(path.join(this.root, sample.id)))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 && info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { values: Float32Array.from(data), height: info.height, width: info.width, channels: info.channels, kind: 'byte' };
  }

  async intensities(sample: SampleRef, preprocessing: Preprocessing): Promise<Float32Array> {
    const image = await this.stored(sample);
    return prepareImage(image, [image.height, image.width, 1], preprocessing);
  }

  async decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing: Preprocessing = DEFAULT_PREPROCESSING): Promise<DecodedSamples> {
    const [, , channels] = inputShape;
    if (inputShape.length !== 3 || (channels !== 1 && channels !== 3)) {
      throw new ConsiliumError('INVALID_ARGUMENT', `an image folder feeds models whose input is [height, width, 1 or 3], not [${inputShape.join(', ')}]`);
    }
    const size = inputShape.reduce((a, b) => a * b, 1);
    // All files of the request decode at once: reads and sharp run on libuv's and libvips' threads.
    const results = await Promise.all(
      samples.map(async (sample) => {
        try {
          return { sample, prepared: prepareImage(await this.stored(sample), inputShape, preprocessing) };
        } catch (error) {
          return { sample, reason: skipReason(error) };
        }
      }),
    );
    const features = new Float32Array(samples.length * size);
    const kept: SampleRef[] = [];
    const skipped: SkippedFile[] = [];
    for (const result of results) {
      if (result.prepared === undefined) {
        skipped.push({ id: result.sample.id, reason: result.reason! });
        continue;
      }
      features.set(result.prepared, kept.length * size);
      kept.push(result.sample);
    }
    return { samples: kept, features: features.subarray(0, kept.length * size), skipped };
  }
}

function skipReason(error: unknown): string {
  return error instanceof OverDecodeBudget ? error.reason : `cannot decode image: ${describeError(error)}`;
}

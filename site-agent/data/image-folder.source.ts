import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { DatasetSource, DecodedSamples, SampleRef, ScanResult, SkippedFile } from './dataset.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/** A folder with one subfolder per class of PNG/JPEG images: `root/<class>/<file>`. */
export class ImageFolderSource implements DatasetSource {
  readonly kind = 'image-folder';
  readonly inMemory = false;

  constructor(private readonly root: string) {}

  async scan(): Promise<ScanResult> {
    let classes: string[];
    try {
      classes = (await readdir(this.root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `data.path ${this.root} cannot be read: ${describeError(error)}`);
    }
    const samples: SampleRef[] = [];
    const skipped: SkippedFile[] = [];
    for (const label of classes) {
      const files = (await readdir(path.join(this.root, label))).filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase())).sort();
      for (const file of files) {
        const id = `${label}/${file}`;
        try {
          const bytes = await readFile(path.join(this.root, label, file));
          // A full decode, not just the header: a truncated file must be found now, not mid-training.
          await sharp(bytes).raw().toBuffer();
          samples.push({ id, label, contentSha256: sha256Hex(bytes) });
        } catch (error) {
          skipped.push({ id, reason: `cannot decode image: ${describeError(error)}` });
        }
      }
    }
    return { samples, skipped };
  }

  async decode(samples: readonly SampleRef[], inputShape: readonly number[]): Promise<DecodedSamples> {
    const [height, width, channels] = inputShape;
    if (inputShape.length !== 3 || (channels !== 1 && channels !== 3)) {
      throw new ConsiliumError('INVALID_ARGUMENT', `an image folder feeds models whose input is [height, width, 1 or 3], not [${inputShape.join(', ')}]`);
    }
    const size = height! * width! * channels!;
    // All files of the request decode at once: reads and sharp run on libuv's and libvips' threads.
    const results = await Promise.all(
      samples.map(async (sample) => {
        try {
          let image = sharp(await readFile(path.join(this.root, sample.id))).resize(width!, height!, { fit: 'fill' });
          image = channels === 1 ? image.grayscale() : image.removeAlpha().toColourspace('srgb');
          const raw = await image.raw().toBuffer();
          if (raw.length !== size) throw new Error(`decoded to ${raw.length} values, expected ${size}`);
          return { sample, raw };
        } catch (error) {
          return { sample, reason: `cannot decode image: ${describeError(error)}` };
        }
      }),
    );
    const features = new Float32Array(samples.length * size);
    const kept: SampleRef[] = [];
    const skipped: SkippedFile[] = [];
    for (const result of results) {
      const { raw } = result;
      if (raw === undefined) {
        skipped.push({ id: result.sample.id, reason: result.reason! });
        continue;
      }
      const row = features.subarray(kept.length * size, (kept.length + 1) * size);
      for (let i = 0; i < size; i++) row[i] = raw[i]! / 255;
      kept.push(result.sample);
    }
    return { samples: kept, features: features.subarray(0, kept.length * size), skipped };
  }
}

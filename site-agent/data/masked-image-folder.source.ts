import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import sharp from 'sharp';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { DatasetSource, DecodedSamples, SampleRef, ScanResult, SkippedFile } from './dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET } from './decode-budget.js';
import { ImageFolderSource } from './image-folder.source.js';
import { mapLimited } from './map-limited.js';
import type { Preprocessing } from './preprocess.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
const SCAN_CONCURRENCY = 8;

/**
 * Images for segmentation: `images/<file>` with its mask at `masks/<file>`
 * (same name, PNG, one 8-bit label value per pixel). A scan pairs them and
 * skips, by reason, an image without a mask, a mask of another size, and a
 * mask with a value `maskLabelMap` does not map. Images decode as an image
 * folder's do; masks are resized by nearest neighbour, so values stay labels.
 */
export class MaskedImageFolderSource implements DatasetSource {
  readonly kind = 'image-masks';
  readonly inMemory = false;
  readonly segmentation = true;
  private readonly images: ImageFolderSource;

  constructor(
    private readonly imageRoot: string,
    private readonly maskRoot: string,
    /** Local mask values that may appear, when the site maps them; absent: any value. */
    private readonly mappedValues: ReadonlySet<number> | null,
    budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
  ) {
    this.images = new ImageFolderSource(imageRoot, budget);
  }

  async scan(): Promise<ScanResult> {
    let files: string[];
    try {
      files = (await readdir(this.imageRoot)).filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase())).sort();
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `data.images ${this.imageRoot} cannot be read: ${describeError(error)}`);
    }
    const checked = await mapLimited(files, SCAN_CONCURRENCY, async (id): Promise<{ sample?: SampleRef; skipped?: SkippedFile }> => {
      let image: Buffer;
      let mask: Buffer;
      try {
        image = await readFile(path.join(this.imageRoot, id));
      } catch (error) {
        return { skipped: { id, reason: `cannot read image: ${describeError(error)}` } };
      }
      try {
        mask = await readFile(path.join(this.maskRoot, id));
      } catch {
        return { skipped: { id, reason: 'no mask of the same name in data.masks' } };
      }
      try {
        const [imageInfo, values] = [await sharp(image).metadata(), await sharp(mask).extractChannel(0).raw().toBuffer({ resolveWithObject: true })];
        if (imageInfo.width !== values.info.width || imageInfo.height !== values.info.height) {
          return { skipped: { id, reason: 'mask size differs from its image' } };
        }
        if (this.mappedValues) {
          const unmapped = [...new Set(values.data)].filter((v) => !this.mappedValues!.has(v));
          if (unmapped.length > 0) return { skipped: { id, reason: 'mask holds a value maskLabelMap does not map' } };
        }
        return {
          sample: { id, label: '', contentSha256: sha256Hex(Buffer.concat([image, mask])), meta: { height: imageInfo.height, width: imageInfo.width } },
        };
      } catch (error) {
        return { skipped: { id, reason: `cannot decode image or mask: ${describeError(error)}` } };
      }
    });
    return { samples: checked.flatMap((c) => (c.sample ? [c.sample] : [])), skipped: checked.flatMap((c) => (c.skipped ? [c.skipped] : [])) };
  }

  decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing?: Preprocessing): Promise<DecodedSamples> {
    return this.images.decode(samples, inputShape, preprocessing);
  }

  intensities(sample: SampleRef, preprocessing: Preprocessing): Promise<Float32Array> {
    return this.images.intensities(sample, preprocessing);
  }

  /** Each sample's mask values at `height` × `width` (nearest neighbour), row-major, one after another. */
  async decodeMasks(samples: readonly SampleRef[], spatial: readonly number[]): Promise<Uint8Array> {
    const [height, width] = spatial as [number, number];
    const out = new Uint8Array(samples.length * height * width);
    await Promise.all(
      samples.map(async (sample, i) => {
        const { data } = await sharp(await readFile(path.join(this.maskRoot, sample.id)))
          .extractChannel(0)
          .resize(width, height, { kernel: 'nearest', fit: 'fill' })
          .raw()
          .toBuffer({ resolveWithObject: true });
        out.set(data, i * height * width);
      }),
    );
    return out;
  }
}

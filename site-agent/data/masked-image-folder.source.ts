import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import sharp from 'sharp';

import type { AgreementSummary } from '../../common/data-profile.schema.js';
import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import { caseDice, consensusMask, type MaskConsensusRule } from '../profile/reader-agreement.js';
import type { DatasetSource, DecodedSamples, ReviewItem, SampleRef, ScanResult, SkippedFile } from './dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET } from './decode-budget.js';
import { ImageFolderSource } from './image-folder.source.js';
import { mapLimited } from './map-limited.js';
import { type MaskReadings, maskReview, summariseMaskAgreement } from './mask-readers.js';
import type { Preprocessing } from './preprocess.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
const SCAN_CONCURRENCY = 8;

/**
 * Images for segmentation: `images/<file>` with its mask at `masks/<file>`
 * (same name, PNG, one 8-bit label value per pixel), or with several readers
 * a mask folder per reader, each reader drawing some or all of the images.
 * A scan pairs them and skips, by reason, an image without any mask, a mask
 * of another size, and a mask with a value `maskLabelMap` does not map.
 * Images decode as an image folder's do; masks are resized by nearest
 * neighbour, so values stay labels. With several readers, the Dice between
 * their masks is measured at the stored size, and the training mask is
 * their consensus (per-pixel majority, or an adjudicator's).
 */
export class MaskedImageFolderSource implements DatasetSource {
  readonly kind = 'image-masks';
  readonly inMemory = false;
  readonly segmentation = true;
  private readonly images: ImageFolderSource;
  /** Reader → mask folder; one reader named "" when data.masks is one folder. */
  private readonly readers: Map<string, string>;
  /** Case → the readers who drew it, after the last scan. */
  private readonly drawnBy = new Map<string, string[]>();
  private readings: MaskReadings[] = [];

  constructor(
    private readonly imageRoot: string,
    masks: string | Record<string, string>,
    /** Local mask values that may appear, when the site maps them; absent: any value. */
    private readonly mappedValues: ReadonlySet<number> | null,
    budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
    private readonly rule: MaskConsensusRule = { kind: 'majority' },
  ) {
    this.images = new ImageFolderSource(imageRoot, budget);
    this.readers = new Map(typeof masks === 'string' ? [['', masks]] : Object.entries(masks).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (rule.kind === 'adjudicator' && !this.readers.has(rule.reader)) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `data.maskConsensus adjudicator "${rule.reader}" is not a reader of data.masks (${[...this.readers.keys()].join(', ')})`,
      );
    }
  }

  private get severalReaders(): boolean {
    return this.readers.size > 1;
  }

  async scan(): Promise<ScanResult> {
    let files: string[];
    try {
      files = (await readdir(this.imageRoot)).filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase())).sort();
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `data.images ${this.imageRoot} cannot be read: ${describeError(error)}`);
    }
    this.drawnBy.clear();
    const checked = await mapLimited(files, SCAN_CONCURRENCY, async (id): Promise<{ sample?: SampleRef; skipped?: SkippedFile; readings?: MaskReadings }> => {
      let image: Buffer;
      try {
        image = await readFile(path.join(this.imageRoot, id));
      } catch (error) {
        return { skipped: { id, reason: `cannot read image: ${describeError(error)}` } };
      }
      const files = new Map<string, Buffer>();
      for (const [reader, root] of this.readers) {
        const mask = await readFile(path.join(root, id)).catch(() => null);
        if (mask) files.set(reader, mask);
      }
      if (files.size === 0) return { skipped: { id, reason: `no mask of the same name in data.masks${this.severalReaders ? ' (no reader drew one)' : ''}` } };
      try {
        const imageInfo = await sharp(image).metadata();
        const masks = new Map<string, Uint8Array>();
        for (const [reader, mask] of files) {
          const whose = this.severalReaders ? `the mask of reader ${reader}` : 'mask';
          const values = await sharp(mask).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
          if (imageInfo.width !== values.info.width || imageInfo.height !== values.info.height)
            return { skipped: { id, reason: `${whose} size differs from its image` } };
          if (this.mappedValues && [...new Set(values.data)].some((v) => !this.mappedValues!.has(v))) {
            return { skipped: { id, reason: `${whose} holds a value maskLabelMap does not map` } };
          }
          masks.set(reader, values.data);
        }
        const drawn = [...masks.keys()];
        this.drawnBy.set(id, drawn);
        const pairs = drawn.flatMap((a, i) =>
          drawn.slice(i + 1).map((b) => ({ readers: [a, b] as [string, string], dice: caseDice(masks.get(a)!, masks.get(b)!) })),
        );
        const pixels = new Map(drawn.map((reader) => [reader, masks.get(reader)!.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0)]));
        // A reader's name is part of the content: the same masks from other readers are another dataset.
        const content = Buffer.concat([
          image,
          ...drawn.flatMap((reader) => [Buffer.from(this.severalReaders ? `\u0000${reader}\u0000` : ''), files.get(reader)!]),
        ]);
        return {
          sample: { id, label: '', contentSha256: sha256Hex(content), meta: { height: imageInfo.height, width: imageInfo.width } },
          readings: { caseId: id, pixels, pairs },
        };
      } catch (error) {
        return { skipped: { id, reason: `cannot decode image or mask: ${describeError(error)}` } };
      }
    });
    this.readings = checked.flatMap((c) => (c.readings ? [c.readings] : []));
    return { samples: checked.flatMap((c) => (c.sample ? [c.sample] : [])), skipped: checked.flatMap((c) => (c.skipped ? [c.skipped] : [])) };
  }

  /** Several readers: the mean Dice between their masks over the last scan, for the data profile (before the guard). */
  agreement(): AgreementSummary | null {
    return this.severalReaders ? summariseMaskAgreement(this.readings, this.rule) : null;
  }

  /** Several readers: the cases whose masks overlap little, for `consilium site review`. Never sent. */
  review(): ReviewItem[] {
    return this.severalReaders ? maskReview(this.readings) : [];
  }

  decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing?: Preprocessing): Promise<DecodedSamples> {
    return this.images.decode(samples, inputShape, preprocessing);
  }

  intensities(sample: SampleRef, preprocessing: Preprocessing): Promise<Float32Array> {
    return this.images.intensities(sample, preprocessing);
  }

  /** Each sample's mask values at `height` × `width` (nearest neighbour), row-major, one after another; with several readers, their consensus. */
  async decodeMasks(samples: readonly SampleRef[], spatial: readonly number[]): Promise<Uint8Array> {
    const [height, width] = spatial as [number, number];
    const out = new Uint8Array(samples.length * height * width);
    const resized = async (root: string, id: string): Promise<Uint8Array> =>
      (
        await sharp(await readFile(path.join(root, id)))
          .extractChannel(0)
          .resize(width, height, { kernel: 'nearest', fit: 'fill' })
          .raw()
          .toBuffer({ resolveWithObject: true })
      ).data;
    await Promise.all(
      samples.map(async (sample, i) => {
        const drawn = this.drawnBy.get(sample.id) ?? [...this.readers.keys()];
        const masks = new Map(await Promise.all(drawn.map(async (reader) => [reader, await resized(this.readers.get(reader)!, sample.id)] as const)));
        out.set(consensusMask(masks, this.rule), i * height * width);
      }),
    );
    return out;
  }
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError } from '../../common/errors.js';
import { groupBy } from '../../common/group-by.js';
import { sha256Hex } from '../../common/hashing.js';
import type { DecodedSamples, SampleRef, ScanResult, SkippedFile } from './dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET, OverDecodeBudget, requireValuesWithin } from './decode-budget.js';
import { readDicomImage } from './dicom/dicom-file.js';
import { metaOf, readDicomTree, readKeyedLabels, type TreeImage } from './dicom/dicom-tree.js';
import { SegIndex, type SourceCoverage } from './dicom/seg-index.js';
import { orderSeries, SeriesRefused } from './dicom/series-geometry.js';
import { DEFAULT_PREPROCESSING, type Preprocessing, profilePreprocessing } from './preprocess.js';
import { decodeLabelVolumes, decodeVolumes, normalizeVolume, type StoredLabels, type StoredVolume, type VolumeSource } from './volume.js';

export interface DicomSeriesOptions {
  /** Root of a folder tree of .dcm files. */
  root: string;
  /** Classification: a CSV with one row per series, its Series Instance UID in the key column. */
  labelsFile?: string | undefined;
  keyColumn: string;
  labelColumn: string;
  /** Segmentation: each slice's mask comes from the DICOM SEG objects in the tree that reference it. */
  masks?: 'seg' | undefined;
  /** Local mask values (segment numbers) the site maps, when it maps them; absent: any value. */
  mappedValues?: ReadonlySet<number> | null;
  budget?: DecodeBudget;
}

/** A series as scanned: its slice files in order along the normal, its voxel size, and each slice's mask, if any. */
interface ScannedSeries {
  slices: TreeImage[];
  spacing: [number, number, number];
  masks: SourceCoverage[];
}

/**
 * A folder tree of DICOM files where each series (Series Instance UID) is
 * one 3-D sample: its slices ordered along their normal by Image Position
 * (Patient), refused by reason when they do not make one regular volume
 * (missing slices, uneven spacing, mixed sizes or orientations). Labels come
 * from a CSV keyed by Series Instance UID, or masks from the DICOM SEG
 * objects that reference the slices.
 */
export class DicomSeriesSource implements VolumeSource {
  readonly kind = 'dicom-series';
  readonly inMemory = false;
  readonly segmentation: boolean;
  private readonly series = new Map<string, ScannedSeries>();
  private segs: SegIndex | null = null;

  constructor(private readonly options: DicomSeriesOptions) {
    this.segmentation = options.masks === 'seg';
  }

  async scan(): Promise<ScanResult> {
    const { labelsFile, keyColumn, labelColumn } = this.options;
    const labels = labelsFile ? await readKeyedLabels(labelsFile, keyColumn, labelColumn) : new Map<string, string>();
    // Each slice's first frame decodes at scan, so a file that breaks is refused now, not mid-training.
    const tree = await readDicomTree(this.options.root, this.options.budget, this.segmentation, (image) => void image.frame(0));
    this.segs = tree.segs;
    this.series.clear();
    const skipped: SkippedFile[] = [...tree.skipped];
    for (const image of tree.images.filter((i) => !i.header.seriesInstanceUid)) {
      skipped.push({ id: image.file, reason: 'no Series Instance UID', meta: metaOf(image.header) });
    }
    const bySeries = groupBy(tree.images, (image) => image.header.seriesInstanceUid);
    const samples: SampleRef[] = [];
    for (const [uid, images] of bySeries) {
      const first = images[0]!.header;
      const meta = { ...metaOf(first), height: first.rows, width: first.columns, depth: images.length, sliceThickness: first.sliceThickness };
      try {
        const { order, spacing } = orderSeries(images.map((i) => i.header));
        requireValuesWithin(this.options.budget ?? DEFAULT_DECODE_BUDGET, { width: first.columns, height: first.rows, frames: images.length, channels: 1 });
        const slices = order.map((i) => images[i]!);
        const masks = tree.segs ? this.masksOf(tree.segs, slices) : [];
        const hashes = slices.map((s) => s.sha256);
        for (const mask of masks) for (const f of mask?.frames ?? []) hashes.push(`${tree.segHashes.get(f.file)}#${f.frame}`);
        this.series.set(uid, { slices, spacing, masks });
        samples.push({ id: uid, label: labels.get(uid) ?? '', contentSha256: sha256Hex(hashes.join('|')), meta: { ...meta, voxelSpacing: spacing } });
      } catch (error) {
        if (error instanceof SeriesRefused || error instanceof OverDecodeBudget || error instanceof MaskRefused)
          skipped.push({ id: uid, reason: error.reason, meta });
        else throw error;
      }
    }
    return { samples, skipped };
  }

  /** Each slice's mask: SEG frames naming it, empty when only its series is covered; a series no SEG covers is refused. */
  private masksOf(segs: SegIndex, slices: readonly TreeImage[]): SourceCoverage[] {
    const masks = slices.map(({ header }) => segs.coverage(header.sopInstanceUid, header.seriesInstanceUid, header.rows, header.columns));
    if (masks.every((m) => m === null)) throw new MaskRefused('no DICOM SEG references this series');
    const first = slices[0]!.header;
    if (masks.some((m) => m !== null && (m.rows !== first.rows || m.columns !== first.columns))) throw new MaskRefused('mask size differs from its image');
    const values = [...new Set(masks.flatMap((m) => (m ? SegIndex.values(m) : [0])))];
    if (values.some((v) => v > 255)) throw new MaskRefused('segment number above 255');
    const mapped = this.options.mappedValues;
    if (mapped && values.some((v) => !mapped.has(v))) throw new MaskRefused('mask holds a value maskLabelMap does not map');
    return masks.map((m) => m ?? { frames: [], rows: first.rows, columns: first.columns });
  }

  private scanned(sample: SampleRef): ScannedSeries {
    const series = this.series.get(sample.id);
    if (!series) throw new ConsiliumError('FAILED_PRECONDITION', `series ${sample.id} was not in the last scan`);
    return series;
  }

  /** The series stacked into a volume, slice by slice in order, in modality units. */
  async readVolume(sample: SampleRef): Promise<StoredVolume> {
    const { slices, spacing } = this.scanned(sample);
    const { rows, columns, inverted } = slices[0]!.header;
    const values = new Float32Array(slices.length * rows * columns);
    for (const [z, { file }] of slices.entries()) {
      const image = await readDicomImage(await readFile(path.join(this.options.root, file)), this.options.budget);
      values.set(image.frame(0).subarray(0, rows * columns), z * rows * columns);
    }
    return { values, shape: [slices.length, rows, columns], spacing, ...(inverted ? { inverted } : {}) };
  }

  async readLabels(sample: SampleRef): Promise<StoredLabels> {
    const { slices, spacing, masks } = this.scanned(sample);
    if (!this.segs || masks.length === 0) throw new ConsiliumError('FAILED_PRECONDITION', 'this DICOM series source has no masks (set data.masks: seg)');
    const { rows, columns } = slices[0]!.header;
    const values = new Uint8Array(slices.length * rows * columns);
    for (const [z, mask] of masks.entries()) values.set(await this.segs.mask(mask), z * rows * columns);
    return { values, shape: [slices.length, rows, columns], spacing };
  }

  /** Profile intensities over the whole volume (CT over the whole HU range: see profilePreprocessing). */
  async intensities(sample: SampleRef, preprocessing: Preprocessing): Promise<Float32Array> {
    return normalizeVolume(await this.readVolume(sample), profilePreprocessing(sample.meta?.modality, preprocessing));
  }

  decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing: Preprocessing = DEFAULT_PREPROCESSING): Promise<DecodedSamples> {
    return decodeVolumes(this, samples, inputShape, preprocessing);
  }

  decodeMasks(samples: readonly SampleRef[], spatial: readonly number[], preprocessing: Preprocessing = DEFAULT_PREPROCESSING): Promise<Uint8Array> {
    return decodeLabelVolumes(this, samples, spatial, preprocessing);
  }
}

/** Why a series has no usable mask. */
class MaskRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

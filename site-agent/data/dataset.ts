import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import type { AgreementSummary, AnnotationSummary, PacsSelection } from '../../common/data-profile.schema.js';
import { ConsiliumError, describeError } from '../../common/errors.js';
import type { DeidFinding } from './dicom/deid/basic-profile.js';
import type { FeatureStatistics } from './feature-scaling.js';
import type { Preprocessing } from './preprocess.js';

/** What a scan learns about one image without decoding it for a model: for the data profile. */
export interface SampleMeta {
  modality?: string | null;
  manufacturer?: string | null;
  manufacturerModelName?: string | null;
  bodyPartExamined?: string | null;
  patientAgeYears?: number | null;
  patientSex?: string | null;
  height?: number;
  width?: number;
  /** Volumes: slices along the third axis. */
  depth?: number;
  /** Volumes: voxel size in mm, [z, y, x]. */
  voxelSpacing?: [number, number, number];
  /** DICOM series: Slice Thickness in mm, as the first slice states it. */
  sliceThickness?: number | null;
  pixelSpacing?: [number, number] | null;
  /** What PS3.15's Basic Profile would act on (attribute names and categories, never values). */
  deidentification?: readonly DeidFinding[];
  burnedInAnnotation?: boolean;
  /** Ultrasound and secondary capture: the pixels look as if they hold text (a heuristic; for a person to review). */
  textInPixels?: boolean;
}

/** One sample as listed by a scan: a stable id, its label ('' when the source has none), and a hash of its content. */
/**
 * Where a sample's label came from when not from the site's own label files (one person's reading): the consensus
 * of several readers, or a model's pre-annotation that a reader reviewed, or took as it was.
 */
export type LabelSource = { kind: 'consensus' } | { kind: 'model-assisted'; modelSha256: string; reviewed: boolean };

export interface SampleRef {
  id: string;
  label: string;
  contentSha256: string;
  /** Absent: the label is a person's, from the source's own files. */
  labelSource?: LabelSource;
  /** Samples cut from one volume (its slices) share a group: the validation split keeps a group together. */
  group?: string;
  /** SHA-256 of the decoded pixels, where the source decodes at scan: duplicates are found by it. */
  pixelSha256?: string;
  meta?: SampleMeta;
}

/** A case a person should look at again, for `consilium site review` (local only). */
export interface ReviewItem {
  caseId: string;
  readings: Record<string, string>;
  reason: string;
}

export interface SkippedFile {
  id: string;
  reason: string;
  /** What the file's header said when only its pixels failed: it still enters the profile. */
  meta?: SampleMeta;
}

export interface ScanResult {
  samples: SampleRef[];
  skipped: SkippedFile[];
}

/** Decoded samples for one input shape: features row-major, one row per kept sample. */
export interface DecodedSamples {
  samples: SampleRef[];
  features: Float32Array;
  skipped: SkippedFile[];
}

/** A site's data, whatever its format. Implementations read files; nothing leaves the site. */
export interface DatasetSource {
  readonly kind: string;
  /** Decoding reads no files (the scan keeps the values), so decoded rows are not worth caching. */
  readonly inMemory: boolean;
  scan(): Promise<ScanResult>;
  /** Decodes every scanned sample to the given shape (without batch dimension); images are prepared as `preprocessing` says. */
  decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing?: Preprocessing): Promise<DecodedSamples>;
  /** Tables: each feature column's mean and standard deviation over the scanned rows, for the profile and standardize: site. */
  featureStatistics?(): FeatureStatistics;
  /** An image's prepared values in [0, 1] at its own size, for the data profile; absent for tables. */
  intensities?(sample: SampleRef, preprocessing: Preprocessing): Promise<Float32Array | null>;
  /** Segmentation sources: samples carry masks, not labels. */
  readonly segmentation?: boolean;
  /** Labels from several readers: their agreement over the last scan, for the data profile (before the privacy guard). */
  agreement?(): AgreementSummary | null;
  /** Labels from several readers: the cases to read again after the last scan. Never sent. */
  review?(): ReviewItem[];
  /** Where the last scan's labels came from and what model-assisted labelling did, for the profile (before the guard). */
  annotation?(): AnnotationSummary | null;
  /** DICOMweb sources: the PACS query the dataset came from, for the profile. */
  selection?(): PacsSelection | null;
  /**
   * Each sample's local mask values at the given spatial size ([height, width], or [depth, height, width]), one after
   * another, resampled as `decode` resamples their images under the same preprocessing (a target spacing crops and pads).
   */
  decodeMasks?(samples: readonly SampleRef[], spatial: readonly number[], preprocessing?: Preprocessing): Promise<Uint8Array>;
}

/**
 * Whether a sample is in the validation split, decided by a hash of its id:
 * the split never changes between runs or restarts, and needs no state.
 */
export function isValidationSample(id: string, fraction: number): boolean {
  if (fraction <= 0) return false;
  const digest = createHash('sha256').update(id).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < fraction;
}

/** A sample's side of the split: by its group when it has one (a volume's slices stay together), else by its id. */
export function isValidation(sample: Pick<SampleRef, 'id' | 'group'>, fraction: number): boolean {
  return isValidationSample(sample.group ?? sample.id, fraction);
}

/** A site's text file (table, labels), or an error naming the config field that points at it. */
export async function readConfiguredText(file: string, field: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConsiliumError('INVALID_ARGUMENT', `${field} ${file} cannot be read: ${describeError(error)}`);
  }
}

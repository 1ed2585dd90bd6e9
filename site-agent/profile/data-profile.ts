import type { AgreementSummary, AnnotationSummary, Counts, DataProfile, IntensitySummary } from '../../common/data-profile.schema.js';
import type { DatasetSource, SampleRef, ScanResult } from '../data/dataset.js';
import { notRetained } from '../data/dicom/deid/basic-profile.js';
import type { RetainOption } from '../data/dicom/deid/profile-row.js';
import { MISSING_SLICES } from '../data/dicom/series-geometry.js';
import type { LabelVocabulary } from '../data/label-vocabulary.js';
import { DEFAULT_PREPROCESSING, type Preprocessing } from '../data/preprocess.js';
import { merkleRoot } from './merkle.js';

export const HISTOGRAM_BINS = 32;

export type { AgreementSummary, AnnotationSummary, Counts, DataProfile, IntensitySummary };

const bump = (counts: Counts, key: string | null | undefined, by = 1): void => {
  if (key === null || key === undefined || key === '') return;
  counts[key] = (counts[key] ?? 0) + by;
};

/** Patient Age in the bins reported across sites: fine enough to compare cohorts, coarse enough to share. */
export function ageBin(years: number | null | undefined): string | null {
  if (years === null || years === undefined) return null;
  if (years < 18) return '0-17';
  if (years < 40) return '18-39';
  if (years < 65) return '40-64';
  if (years < 80) return '65-79';
  return '80+';
}

/**
 * Profiles one scan: labels through the site's vocabulary, duplicates by
 * content hash, unreadable files by reason, sizes and DICOM header fields,
 * de-identification findings, and an intensity histogram of every image
 * prepared with `preprocessing` (the training path, at native size).
 */
export async function profileDataset(
  source: DatasetSource,
  scan: ScanResult,
  vocabulary: LabelVocabulary,
  preprocessing: Preprocessing = DEFAULT_PREPROCESSING,
  /** The PS3.15 retain options the site's policy applies: what they keep is not counted as identifying. */
  retain: readonly RetainOption[] = [],
): Promise<DataProfile> {
  const labels: DataProfile['labels'] = { counts: {}, unmapped: {}, missing: 0 };
  // A segmentation source's samples carry masks, not labels: all of them are the dataset, and its fingerprint.
  const labelled: SampleRef[] = source.segmentation ? [...scan.samples] : [];
  for (const sample of source.segmentation ? [] : scan.samples) {
    const canonical = vocabulary.classify(sample.label);
    if (canonical === '') labels.missing! += 1;
    else if (canonical === null) bump(labels.unmapped, sample.label);
    else {
      bump(labels.counts, canonical);
      labelled.push({ ...sample, label: canonical });
    }
  }
  // Decoded pixels where the source has them: one image saved in several encodings is one image.
  const copies = new Map<string, number>();
  for (const s of scan.samples) copies.set(s.pixelSha256 ?? s.contentSha256, (copies.get(s.pixelSha256 ?? s.contentSha256) ?? 0) + 1);
  const unreadable: Counts = {};
  for (const s of scan.skipped) bump(unreadable, s.reason);

  const sizes: Counts = {};
  const spacing: Counts = {};
  const dicom: DataProfile['dicom'] = { modality: {}, manufacturer: {}, manufacturerModelName: {}, bodyPartExamined: {}, patientAge: {}, patientSex: {} };
  const deid: Required<DataProfile['deidentification']> = {
    filesWithIdentifyingTags: 0,
    byTag: {},
    burnedInAnnotation: 0,
    byCategory: {},
    textInPixels: 0,
    retained: [...retain].sort(),
  };
  const retained = new Set(retain);
  // Headers of files whose pixels failed count too: a truncated file with a patient's name is still one.
  for (const { meta } of [...scan.samples, ...scan.skipped]) {
    if (!meta) continue;
    if (meta.height && meta.width) bump(sizes, `${meta.height}x${meta.width}`);
    if (meta.pixelSpacing) bump(spacing, meta.pixelSpacing.map((v) => v.toFixed(2)).join('x'));
    bump(dicom.modality, meta.modality);
    bump(dicom.manufacturer, meta.manufacturer);
    bump(dicom.manufacturerModelName, meta.manufacturerModelName);
    bump(dicom.bodyPartExamined, meta.bodyPartExamined);
    bump(dicom.patientAge, ageBin(meta.patientAgeYears));
    bump(dicom.patientSex, meta.patientSex);
    const findings = notRetained(meta.deidentification ?? [], retained);
    if (findings.length > 0) {
      deid.filesWithIdentifyingTags! += 1;
      for (const { attribute } of findings) bump(deid.byTag, attribute);
      for (const category of new Set(findings.map((f) => f.category))) bump(deid.byCategory, category);
    }
    if (meta.burnedInAnnotation) deid.burnedInAnnotation! += 1;
    if (meta.textInPixels) deid.textInPixels! += 1;
  }

  const intensity: Record<string, { samples: number; histogram: number[]; sum: number; squares: number; pixels: number }> = {};
  if (source.intensities) {
    for (const sample of scan.samples) {
      const values = await source.intensities(sample, preprocessing);
      if (!values) continue;
      const key = sample.meta?.modality ?? source.kind;
      const entry = (intensity[key] ??= { samples: 0, histogram: new Array<number>(HISTOGRAM_BINS).fill(0), sum: 0, squares: 0, pixels: 0 });
      entry.samples += 1;
      for (const v of values) {
        entry.histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(v * HISTOGRAM_BINS))]! += 1;
        entry.sum += v;
        entry.squares += v * v;
      }
      entry.pixels += values.length;
    }
  }

  const masks = source.segmentation && source.decodeMasks ? await maskStatistics(source, scan.samples) : null;
  const volumes = volumeStatistics(scan);
  const agreement = source.agreement?.() ?? null;
  const annotation = source.annotation?.() ?? null;
  const pacsSelection = source.selection?.() ?? null;
  return {
    ...(masks ? { masks } : {}),
    ...(volumes ? { volumes } : {}),
    datasetKind: source.kind,
    fingerprint: merkleRoot(labelled),
    samples: scan.samples.length,
    labels,
    duplicates: { extraCopies: scan.samples.length - copies.size, groups: [...copies.values()].filter((n) => n > 1).length },
    unreadable,
    imageSizes: sizes,
    pixelSpacing: spacing,
    intensity: Object.fromEntries(
      Object.entries(intensity).map(([key, e]) => {
        const mean = e.sum / e.pixels;
        return [key, { samples: e.samples, histogram: e.histogram, mean, std: Math.sqrt(Math.max(0, e.squares / e.pixels - mean * mean)) }];
      }),
    ),
    dicom,
    deidentification: deid,
    ...(source.featureStatistics ? { features: source.featureStatistics() } : {}),
    ...(agreement ? { agreement } : {}),
    ...(annotation ? { annotation } : {}),
    ...(pacsSelection ? { pacsSelection } : {}),
  };
}

/** Upper bounds of the bins of labelled pixels per mask; a mask above the last is counted as ">4096". */
const LESION_BINS = [0, 16, 64, 256, 1024, 4096];
/** Upper bounds of the bins of labelled mm³ per volume mask: from a few voxels to an organ. */
const LESION_MM3_BINS = [0, 100, 1_000, 10_000, 100_000];
/** Upper bounds of the bins of slice spacing and thickness, in mm: thin-slice CT to thick MR. */
const SLICE_MM_BINS = [0.5, 1, 1.5, 2, 2.5, 3, 5];

/**
 * The bin of `value` under ascending upper bounds (each inclusive): "0" when the first bound is 0, ">last" above the
 * last. Counts name whole ranges ("17-64"); measures name their bounds ("0.5-1" holds values above 0.5 up to 1).
 */
export function binOf(value: number, uppers: readonly number[], kind: 'count' | 'measure'): string {
  const bin = uppers.findIndex((upper) => value <= upper);
  if (bin < 0) return `>${uppers.at(-1)}`;
  if (bin === 0) return uppers[0] === 0 ? '0' : `0-${uppers[0]}`;
  return `${kind === 'count' ? uppers[bin - 1]! + 1 : uppers[bin - 1]}-${uppers[bin]}`;
}

/** Per mask at its own size: whether anything is labelled, how many pixels (and mm³, for volumes) are, and which values appear. */
async function maskStatistics(source: DatasetSource, samples: readonly SampleRef[]): Promise<NonNullable<DataProfile['masks']>> {
  const stats = { samples: 0, empty: 0, lesionPixels: {} as Counts, valuePresence: {} as Counts, lesionVolumeMm3: {} as Counts };
  for (const sample of samples) {
    const { height, width, depth, voxelSpacing } = sample.meta ?? {};
    if (!height || !width) continue;
    const values = await source.decodeMasks!([sample], depth ? [depth, height, width] : [height, width]);
    const labelled = values.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0);
    stats.samples += 1;
    if (labelled === 0) stats.empty += 1;
    bump(stats.lesionPixels, binOf(labelled, LESION_BINS, 'count'));
    if (depth && voxelSpacing) bump(stats.lesionVolumeMm3, binOf(labelled * voxelSpacing[0] * voxelSpacing[1] * voxelSpacing[2], LESION_MM3_BINS, 'measure'));
    for (const value of new Set(values)) bump(stats.valuePresence, String(value));
  }
  const { lesionVolumeMm3, ...rest } = stats;
  return Object.keys(lesionVolumeMm3).length > 0 ? stats : rest;
}

/** Volumes: slice spacing and thickness distributions, and series refused for gaps; null when the source has no volumes. */
function volumeStatistics(scan: ScanResult): NonNullable<DataProfile['volumes']> | null {
  const volumes = scan.samples.filter((s) => s.meta?.depth !== undefined && s.meta.voxelSpacing);
  const gaps = scan.skipped.filter((s) => s.reason === MISSING_SLICES).length;
  if (volumes.length === 0 && gaps === 0) return null;
  const stats = { samples: volumes.length, sliceSpacing: {} as Counts, sliceThickness: {} as Counts, seriesWithGaps: gaps };
  for (const { meta } of volumes) {
    bump(stats.sliceSpacing, binOf(meta!.voxelSpacing![0], SLICE_MM_BINS, 'measure'));
    if (meta!.sliceThickness) bump(stats.sliceThickness, binOf(meta!.sliceThickness, SLICE_MM_BINS, 'measure'));
  }
  return stats;
}

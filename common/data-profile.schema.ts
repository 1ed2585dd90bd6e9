import { z } from 'zod';

/** A count that the site's privacy guard may have suppressed (null). */
const count = z.number().int().nonnegative().nullable();
const counts = z.record(z.string().max(256), count);

export const intensitySummarySchema = z.object({
  samples: z.number().int().nonnegative(),
  /** Equal-width bins over [0, 1] of prepared pixel values, as pixel counts. */
  histogram: z.array(count).max(1024),
  mean: z.number(),
  std: z.number().nonnegative(),
});

/**
 * What a site reports about one version of its data: counts and summaries
 * only, after its privacy guard. Shared by the site (which builds it) and the
 * coordinator (which checks it at the edge and compares sites).
 */
/**
 * Labels from several readers: how well they agree (never who they are, nor any case or label). Readers are r1, r2, …
 * Agreement over fewer than k cases is withheld (value, interval and pairs empty).
 */
export const agreementSchema = z.object({
  rule: z.string().max(64),
  readers: z.number().int().nonnegative(),
  cases: count,
  readersPerCase: z.object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() }),
  /** Class labels: Fleiss' κ, or Krippendorff's α where readers read different cases; masks: the mean Dice between readers. */
  statistic: z.enum(['fleiss-kappa', 'krippendorff-alpha', 'mean-dice']),
  value: z.number().nullable(),
  interval: z.tuple([z.number(), z.number()]).nullable(),
  /** Per pair of readers: Cohen's κ over the cases both labelled, or for masks the mean Dice over the cases both drew. */
  pairs: z
    .array(
      z.object({
        readers: z.tuple([z.string().max(16), z.string().max(16)]),
        cases: count,
        kappa: z.number().nullable(),
        dice: z.number().min(0).max(1).nullable().optional(),
      }),
    )
    .max(1000),
  needsAdjudication: count,
});

export type AgreementSummary = z.infer<typeof agreementSchema>;

/** An agreement statistic as people read it. */
export function agreementName(statistic: AgreementSummary['statistic']): string {
  return statistic === 'fleiss-kappa' ? "Fleiss' κ" : statistic === 'krippendorff-alpha' ? "Krippendorff's α" : 'mean Dice between readers';
}

const modelSha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * Where the labels came from, and what model-assisted labelling did (counts and ratios, never a case). Labelled
 * samples by source; the models whose predictions helped make labels (by SHA-256, so lineage can name the version);
 * pre-annotation: cases a model pre-annotated, those a reader reviewed, the share of reviewed labels the reader
 * changed (only when neither the changed nor the kept count lies in 1 … k − 1) and Cohen's κ between model and
 * readers (over k reviewed cases or more); the last label screening's cases and confident disagreements.
 */
export const annotationSchema = z.object({
  sources: z.object({ human: count, consensus: count, modelReviewed: count, modelUnreviewed: count }),
  assistedBy: z.array(modelSha256).max(100),
  preAnnotation: z.object({
    cases: count,
    reviewed: count,
    corrected: z.number().min(0).max(1).nullable(),
    modelReaderKappa: z.number().min(-1).max(1).nullable(),
    /** Masks: the mean Dice between the model's masks and the readers' corrections (over k reviewed cases or more). */
    modelReaderDice: z.number().min(0).max(1).nullable().optional(),
  }),
  screening: z.object({ modelSha256, minProbability: z.number().min(0).max(1), screened: count, flagged: count }).nullable(),
});

export type AnnotationSummary = z.infer<typeof annotationSchema>;

/** The PACS query a DICOMweb dataset came from: its filters, and whether an accession list narrowed it (never the numbers). */
export const pacsSelectionSchema = z.object({
  modality: z.string().max(16).nullable(),
  bodyPart: z.string().max(64).nullable(),
  studyDateFrom: z.string().max(8).nullable(),
  studyDateTo: z.string().max(8).nullable(),
  studyDescription: z.string().max(64).nullable(),
  accessionList: z.boolean(),
});

export type PacsSelection = z.infer<typeof pacsSelectionSchema>;

export const dataProfileSchema = z.object({
  datasetKind: z.string().max(64),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  samples: count,
  labels: z.object({ counts, unmapped: counts, missing: count }),
  duplicates: z.object({ extraCopies: count, groups: count }),
  unreadable: counts,
  imageSizes: counts,
  pixelSpacing: counts,
  intensity: z.record(z.string().max(64), intensitySummarySchema),
  dicom: z.object({ modality: counts, manufacturer: counts, manufacturerModelName: counts, bodyPartExamined: counts, patientAge: counts, patientSex: counts }),
  /**
   * DICOM PS3.15 Basic Application Level Confidentiality Profile, checked per file: files carrying any attribute it
   * acts on that the site's policy does not retain, those files by attribute name and by category (patient identity,
   * dates and times, UIDs, private attributes, curves, overlays, …); Burned In Annotation YES; ultrasound and secondary
   * captures whose pixels look as if they hold text; the retain options the site applied. Counts only, never a value.
   */
  deidentification: z.object({
    filesWithIdentifyingTags: count,
    byTag: counts,
    burnedInAnnotation: count,
    byCategory: counts.optional(),
    textInPixels: count.optional(),
    retained: z
      .array(z.enum(['fullDates', 'deviceIdentity', 'institutionIdentity', 'patientCharacteristics', 'uids']))
      .max(5)
      .optional(),
  }),
  /**
   * Segmentation sources: masks with no labelled pixel, the samples in each bin of labelled pixels per mask
   * ("0", "1-16", … ">4096"), and per local mask value the samples it appears in. Counts of samples, k-guarded.
   */
  masks: z
    .object({
      samples: count,
      empty: count,
      lesionPixels: counts,
      valuePresence: counts,
      /** Volumes with a known voxel size: the samples in each bin of labelled mm³ per mask ("0", "0-100", … ">100000"). */
      lesionVolumeMm3: counts.optional(),
    })
    .optional(),
  /**
   * Volume sources: volumes per bin of slice spacing and of slice thickness in mm ("0-0.5", "0.5-1", … ">5"), and
   * DICOM series refused for missing slices. Counts of volumes, k-guarded.
   */
  volumes: z.object({ samples: count, sliceSpacing: counts, sliceThickness: counts, seriesWithGaps: count }).optional(),
  /** Tables: each feature column's mean and standard deviation, over at least k rows (absent otherwise); pooled for standardize: federated. */
  features: z.object({ samples: count, mean: z.array(z.number()).max(100_000), std: z.array(z.number().nonnegative()).max(100_000) }).optional(),
  agreement: agreementSchema.optional(),
  annotation: annotationSchema.optional(),
  /** Only with the site's consent (site policy shareLabelMap): its local label term → the class it maps to. */
  vocabulary: z
    .object({ labelMap: z.record(z.string().max(128), z.string().max(128)).refine((m) => Object.keys(m).length <= 1000, 'at most 1000 terms') })
    .optional(),
  /** DICOMweb sources: the query that selected the dataset from the PACS. */
  pacsSelection: pacsSelectionSchema.optional(),
  privacy: z
    .object({ minCellSize: z.number().int().min(1), suppressedCells: z.number().int().nonnegative(), epsilon: z.number().positive().nullable() })
    .optional(),
});

export type DataProfile = z.infer<typeof dataProfileSchema>;

/** A profile of `samples` samples that says nothing else, for a profile made of figures alone (an experiment's, a test's). */
export function bareProfile(datasetKind: string, samples: number | null, patch: Partial<DataProfile> = {}): DataProfile {
  return {
    datasetKind,
    fingerprint: '0'.repeat(64),
    samples,
    labels: { counts: {}, unmapped: {}, missing: 0 },
    duplicates: { extraCopies: 0, groups: 0 },
    unreadable: {},
    imageSizes: {},
    pixelSpacing: {},
    intensity: {},
    dicom: { modality: {}, manufacturer: {}, manufacturerModelName: {}, bodyPartExamined: {}, patientAge: {}, patientSex: {} },
    deidentification: { filesWithIdentifyingTags: 0, byTag: {}, burnedInAnnotation: 0 },
    ...patch,
  };
}
export type Counts = DataProfile['unreadable'];
export type IntensitySummary = z.infer<typeof intensitySummarySchema>;

/**
 * Numbers that are not counts of cases: readers (staff, not cases), readings per case, κ and α; the share of
 * pre-annotations corrected, model–reader κ and the screening's probability threshold.
 */
const NOT_COUNTS =
  /^(agreement\.(readers|readersPerCase\.(min|max)|value|interval\[\d\]|pairs\[\d+\]\.(kappa|dice))|annotation\.(preAnnotation\.(corrected|modelReaderKappa|modelReaderDice)|screening\.minProbability))$/;

/** Every count in a profile, with its path, for checks such as "nothing below k". */
export function countsOf(profile: DataProfile): { path: string; value: number }[] {
  const out: { path: string; value: number }[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'number') {
      if (!/(mean|std|minCellSize|suppressedCells|epsilon)(\[\d+\])?$/.test(path) && !NOT_COUNTS.test(path)) out.push({ path, value });
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
  };
  visit(profile, '');
  return out;
}

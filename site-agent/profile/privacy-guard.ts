import { getRandomValues } from 'node:crypto';

import type { AgreementSummary, AnnotationSummary, Counts, DataProfile, IntensitySummary } from './data-profile.js';

export interface PrivacyPolicy {
  /** Counts from 1 to k − 1 are suppressed, and summaries over fewer than k samples dropped. */
  minCellSize: number;
  /** When set, Laplace noise of scale 1/ε is added to every count before suppression. */
  epsilon?: number;
}

/** Laplace(0, scale) by inverse transform of a uniform draw. */
export function laplace(scale: number, random: () => number): number {
  const u = random() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/** A uniform draw in (0, 1) with 53 random bits from the operating system's CSPRNG: privacy noise must not be predictable. */
export function secureUniform(): number {
  const [high, low] = getRandomValues(new Uint32Array(2));
  return ((high! >>> 5) * 2 ** 26 + (low! >>> 6) + 0.5) / 2 ** 53;
}

/** An exact ratio of counts may leave only when none of the counts it pins down lies in 1 … k − 1. */
export const releasable = (counts: readonly number[], k: number): boolean => counts.every((n) => n === 0 || n >= k);

/**
 * The one gate for every count that leaves the site: the profile, the hello,
 * an update's sample count and its metrics. A count is first noised (Laplace
 * of scale 1/ε, when ε is set), then suppressed (null) when it lies in
 * 1…k − 1, else coarsened to the nearest multiple of k. Coarsening is what
 * makes subtraction useless: every published count is a multiple of k, so
 * any sum or difference of published counts is 0 or at least k, and no
 * suppressed cell can be recovered from a total and its other cells. Zero
 * stays zero: it names a category nobody is in.
 */
export class CountGuard {
  /** Counts this guard has suppressed so far. */
  suppressed = 0;

  constructor(
    readonly policy: PrivacyPolicy,
    private readonly random: () => number = secureUniform,
  ) {}

  count(value: number | null): number | null {
    if (value === null) return null;
    const k = this.policy.minCellSize;
    const noisy = this.policy.epsilon ? Math.max(0, Math.round(value + laplace(1 / this.policy.epsilon, this.random))) : value;
    if (noisy === 0) return 0;
    if (noisy < k) {
      this.suppressed += 1;
      return null;
    }
    return Math.round(noisy / k) * k;
  }

  counts(c: Counts): Counts {
    return Object.fromEntries(Object.entries(c).map(([key, v]) => [key, this.count(v)]));
  }
}

function guardAgreement(agreement: AgreementSummary, k: number, count: (value: number | null) => number | null): AgreementSummary {
  const cases = agreement.cases !== null && agreement.cases >= k ? count(agreement.cases) : null;
  const withheld = cases === null;
  return {
    ...agreement,
    cases: withheld ? null : cases,
    value: withheld ? null : agreement.value,
    interval: withheld ? null : agreement.interval,
    pairs: withheld ? [] : agreement.pairs.filter((p) => p.cases !== null && p.cases >= k).map((p) => ({ ...p, cases: count(p.cases) })),
    needsAdjudication: count(agreement.needsAdjudication),
  };
}

/**
 * Label provenance: every count through the guard; the share corrected only when the corrected and the kept counts
 * are each 0 or at least k (else it pins a small count down), and model–reader κ only over k reviewed cases.
 */
function guardAnnotation(annotation: AnnotationSummary, k: number, count: (value: number | null) => number | null): AnnotationSummary {
  const { preAnnotation: pre, sources, screening } = annotation;
  const reviewed = pre.reviewed ?? 0;
  const changed = pre.corrected === null ? null : Math.round(pre.corrected * reviewed);
  return {
    sources: {
      human: count(sources.human),
      consensus: count(sources.consensus),
      modelReviewed: count(sources.modelReviewed),
      modelUnreviewed: count(sources.modelUnreviewed),
    },
    assistedBy: annotation.assistedBy,
    preAnnotation: {
      cases: count(pre.cases),
      reviewed: count(pre.reviewed),
      corrected: changed !== null && reviewed >= k && releasable([changed, reviewed - changed], k) ? pre.corrected : null,
      modelReaderKappa: reviewed >= k ? pre.modelReaderKappa : null,
      ...(pre.modelReaderDice === undefined ? {} : { modelReaderDice: reviewed >= k ? pre.modelReaderDice : null }),
    },
    screening: screening && { ...screening, screened: count(screening.screened), flagged: count(screening.flagged) },
  };
}

/**
 * What may leave the site: every count through the CountGuard (noised when
 * ε is set, suppressed below k, coarsened to multiples of k), and every
 * summary over fewer than k samples dropped.
 */
export function guardProfile(profile: DataProfile, policy: PrivacyPolicy, random: () => number = secureUniform): DataProfile {
  const guard = new CountGuard(policy, random);
  const k = policy.minCellSize;
  const count = (value: number | null): number | null => guard.count(value);
  const counts = (c: Counts): Counts => guard.counts(c);
  let dropped = 0;
  const intensity: Record<string, IntensitySummary> = {};
  for (const [modality, summary] of Object.entries(profile.intensity)) {
    if (summary.samples < k) {
      dropped += 1;
      continue;
    }
    // Noise can still take it below k: then the guard has counted it.
    const samples = count(summary.samples);
    if (samples === null) continue;
    intensity[modality] = { ...summary, samples, histogram: summary.histogram.map(count) };
  }
  const guarded: DataProfile = {
    ...profile,
    samples: count(profile.samples),
    labels: { counts: counts(profile.labels.counts), unmapped: counts(profile.labels.unmapped), missing: count(profile.labels.missing) },
    duplicates: { extraCopies: count(profile.duplicates.extraCopies), groups: count(profile.duplicates.groups) },
    unreadable: counts(profile.unreadable),
    imageSizes: counts(profile.imageSizes),
    pixelSpacing: counts(profile.pixelSpacing),
    intensity,
    dicom: Object.fromEntries(Object.entries(profile.dicom).map(([field, c]) => [field, counts(c)])) as DataProfile['dicom'],
    deidentification: {
      filesWithIdentifyingTags: count(profile.deidentification.filesWithIdentifyingTags),
      byTag: counts(profile.deidentification.byTag),
      burnedInAnnotation: count(profile.deidentification.burnedInAnnotation),
      ...(profile.deidentification.byCategory ? { byCategory: counts(profile.deidentification.byCategory) } : {}),
      ...(profile.deidentification.textInPixels !== undefined ? { textInPixels: count(profile.deidentification.textInPixels) } : {}),
      ...(profile.deidentification.retained ? { retained: profile.deidentification.retained } : {}),
    },
  };
  const masks = profile.masks && {
    samples: count(profile.masks.samples),
    empty: count(profile.masks.empty),
    lesionPixels: counts(profile.masks.lesionPixels),
    valuePresence: counts(profile.masks.valuePresence),
    ...(profile.masks.lesionVolumeMm3 ? { lesionVolumeMm3: counts(profile.masks.lesionVolumeMm3) } : {}),
  };
  const volumes = profile.volumes && {
    samples: count(profile.volumes.samples),
    sliceSpacing: counts(profile.volumes.sliceSpacing),
    sliceThickness: counts(profile.volumes.sliceThickness),
    seriesWithGaps: count(profile.volumes.seriesWithGaps),
  };
  // Column statistics leave only over k rows or more, with the row count coarsened like any count.
  const featureRows = profile.features && profile.features.samples !== null && profile.features.samples >= k ? count(profile.features.samples) : null;
  const features = featureRows !== null && profile.features ? { ...profile.features, samples: featureRows } : undefined;
  if (profile.features && !features) dropped += 1;
  // Agreement leaves only over k cases or more, each pair's κ only over k shared cases; the counts coarsened like any.
  const agreement = profile.agreement && guardAgreement(profile.agreement, k, count);
  if (profile.agreement && agreement && agreement.value === null && profile.agreement.value !== null) dropped += 1;
  const annotation = profile.annotation && guardAnnotation(profile.annotation, k, count);
  const { features: _local, masks: _raw, volumes: _volumes, agreement: _agreement, annotation: _annotation, ...rest } = guarded;
  return {
    ...rest,
    ...(agreement ? { agreement } : {}),
    ...(annotation ? { annotation } : {}),
    ...(features ? { features } : {}),
    ...(masks ? { masks } : {}),
    ...(volumes ? { volumes } : {}),
    privacy: { minCellSize: k, suppressedCells: guard.suppressed + dropped, epsilon: policy.epsilon ?? null },
  };
}

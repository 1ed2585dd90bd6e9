import type { Counts, DataProfile, IntensitySummary } from './data-profile.js';

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

/**
 * What may leave the site: every count below k suppressed (null), every
 * summary over fewer than k samples dropped, optionally every count first
 * perturbed with Laplace noise (ε-differential privacy per count). Zero
 * counts stay: they name a category nobody is in.
 */
export function guardProfile(profile: DataProfile, policy: PrivacyPolicy, random: () => number = Math.random): DataProfile {
  let suppressed = 0;
  const k = policy.minCellSize;
  const count = (value: number | null): number | null => {
    if (value === null) return null;
    const noisy = policy.epsilon ? Math.max(0, Math.round(value + laplace(1 / policy.epsilon, random))) : value;
    if (noisy > 0 && noisy < k) {
      suppressed += 1;
      return null;
    }
    return noisy;
  };
  const counts = (c: Counts): Counts => Object.fromEntries(Object.entries(c).map(([key, v]) => [key, count(v)]));
  const intensity: Record<string, IntensitySummary> = {};
  for (const [modality, summary] of Object.entries(profile.intensity)) {
    if (summary.samples < k) {
      suppressed += 1;
      continue;
    }
    intensity[modality] = { ...summary, histogram: summary.histogram.map(count) };
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
    },
  };
  return { ...guarded, privacy: { minCellSize: k, suppressedCells: suppressed, epsilon: policy.epsilon ?? null } };
}

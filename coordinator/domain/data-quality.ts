import { agreementName, type Counts, type DataProfile } from '../../common/data-profile.schema.js';
import { type QualityRate, qualityRates, rateText, upperBoundRates } from './quality-gate.js';

/** Above these a site is flagged; the reasons name the number and the threshold. */
export const QUALITY_THRESHOLDS = {
  /**
   * Jensen–Shannon divergence (base 2, in [0, 1]) of a site's distribution
   * against the pooled one. A site is an outlier when it is above this and
   * also above `outlierFactor` times the median site's divergence: the pool
   * contains the odd site too, so every site diverges from it somewhat.
   */
  labelDivergence: 0.1,
  intensityDivergence: 0.1,
  lesionSizeDivergence: 0.1,
  sliceSpacingDivergence: 0.1,
  outlierFactor: 2,
  /** Reader agreement (κ or α) this far below the median site's flags a site: a labelling protocol the others do not share. */
  agreementGap: 0.2,
  missingLabelRate: 0.05,
  unmappedLabelRate: 0.05,
  duplicateRate: 0.05,
  unreadableRate: 0.05,
} as const;

/** Jensen–Shannon divergence in bits of two distributions given as non-negative weights over the same bins. */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  if (sp === 0 || sq === 0) return 0;
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    const m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log2(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log2(b / m);
  }
  return Math.max(0, divergence);
}

export interface SiteQuality {
  siteId: string;
  fingerprint: string | null;
  samples: number | null;
  labelDivergence: number | null;
  /** Per intensity key (DICOM modality or file kind) present at the site. */
  intensityDivergence: Record<string, number>;
  /** Segmentation sites: the divergence of the site's labelled pixels per mask from the pooled distribution. */
  lesionSizeDivergence: number | null;
  /** Volume sites: the divergence of the site's slice spacing distribution from the pooled one. */
  sliceSpacingDivergence: number | null;
  vendors: string[];
  rates: ReturnType<typeof qualityRates> | null;
  identifyingFiles: number | null;
  /** Reader agreement (Fleiss' κ or Krippendorff's α) with its 95 % interval, when the site has several readers. */
  agreement: { statistic: string; value: number; interval: [number, number] | null } | null;
  flags: string[];
}

/** Suppressed counts (null) enter distributions as 0: they are small by construction. */
const weights = (counts: Counts, keys: readonly string[]): number[] => keys.map((k) => counts[k] ?? 0);

/**
 * Compares the sites of a run on their latest profiles: each site's label and
 * intensity distributions against the pooled ones (Jensen–Shannon), vendors,
 * missing/unmapped/duplicate/unreadable rates and identifying tags, with a
 * flag and its reason wherever a site stands out.
 */
export function compareSites(sites: readonly { siteId: string; profile: DataProfile | null }[]): SiteQuality[] {
  const profiles = sites.flatMap((s) => (s.profile ? [s.profile] : []));
  const labelKeys = [...new Set(profiles.flatMap((p) => Object.keys(p.labels.counts)))].sort();
  // Pooled counts per label: each profile's vector is built once, not once per label.
  const pooledLabels = new Array<number>(labelKeys.length).fill(0);
  for (const p of profiles) weights(p.labels.counts, labelKeys).forEach((v, i) => (pooledLabels[i]! += v));
  const pooledIntensity = new Map<string, number[]>();
  for (const p of profiles) {
    for (const [key, summary] of Object.entries(p.intensity)) {
      const bins = summary.histogram.map((v) => v ?? 0);
      const pooled = pooledIntensity.get(key) ?? new Array<number>(bins.length).fill(0);
      bins.forEach((v, i) => (pooled[i] = (pooled[i] ?? 0) + v));
      pooledIntensity.set(key, pooled);
    }
  }
  const sizeDivergences = pooledDivergences(sites, (p) => p.masks?.lesionPixels);
  const spacingDivergences = pooledDivergences(sites, (p) => p.volumes?.sliceSpacing);
  const labelDivergences = new Map<string, number>();
  const intensityDivergences = new Map<string, Record<string, number>>();
  for (const { siteId, profile } of sites) {
    if (!profile) continue;
    labelDivergences.set(siteId, jensenShannon(weights(profile.labels.counts, labelKeys), pooledLabels));
    intensityDivergences.set(
      siteId,
      Object.fromEntries(
        Object.entries(profile.intensity).map(([key, summary]) => [
          key,
          jensenShannon(
            summary.histogram.map((v) => v ?? 0),
            pooledIntensity.get(key)!,
          ),
        ]),
      ),
    );
  }
  const outlier = (value: number, all: number[], threshold: number): boolean => value > threshold && value > QUALITY_THRESHOLDS.outlierFactor * median(all);
  const allLabels = [...labelDivergences.values()];
  // κ and α compare with each other (both chance-corrected, 1 perfect, 0 chance); a mask's Dice only with Dice.
  const family = (p: DataProfile | undefined): string => (p?.agreement?.statistic === 'mean-dice' ? 'dice' : 'kappa');
  const agreementsLike = (profile: DataProfile): number[] =>
    profiles.flatMap((p) => (p.agreement?.value !== null && p.agreement?.value !== undefined && family(p) === family(profile) ? [p.agreement.value] : []));
  const allIntensity = (key: string): number[] => [...intensityDivergences.values()].flatMap((d) => (key in d ? [d[key]!] : []));

  return sites.map(({ siteId, profile }) => {
    if (!profile) {
      return {
        siteId,
        fingerprint: null,
        samples: null,
        labelDivergence: null,
        intensityDivergence: {},
        lesionSizeDivergence: null,
        sliceSpacingDivergence: null,
        vendors: [],
        rates: null,
        identifyingFiles: null,
        agreement: null,
        flags: ['no data profile received from this site'],
      };
    }
    const flags: string[] = [];
    const labelDivergence = labelDivergences.get(siteId)!;
    if (outlier(labelDivergence, allLabels, QUALITY_THRESHOLDS.labelDivergence)) {
      flags.push(
        `label distribution differs from the pooled one (JS divergence ${labelDivergence.toFixed(3)} > ${QUALITY_THRESHOLDS.labelDivergence}, over ${QUALITY_THRESHOLDS.outlierFactor}× the median site's)`,
      );
    }
    const intensityDivergence = intensityDivergences.get(siteId)!;
    for (const [key, divergence] of Object.entries(intensityDivergence)) {
      if (outlier(divergence, allIntensity(key), QUALITY_THRESHOLDS.intensityDivergence)) {
        flags.push(
          `${key} intensities differ from the pooled ones (JS divergence ${divergence.toFixed(3)} > ${QUALITY_THRESHOLDS.intensityDivergence}, over ${QUALITY_THRESHOLDS.outlierFactor}× the median site's; mean ${profile.intensity[key]!.mean.toFixed(3)}): another scanner or protocol?`,
        );
      }
    }
    const lesionSizeDivergence = sizeDivergences.get(siteId) ?? null;
    if (lesionSizeDivergence !== null && outlier(lesionSizeDivergence, [...sizeDivergences.values()], QUALITY_THRESHOLDS.lesionSizeDivergence)) {
      flags.push(
        `lesion sizes differ from the pooled ones (JS divergence ${lesionSizeDivergence.toFixed(3)} > ${QUALITY_THRESHOLDS.lesionSizeDivergence}, over ${QUALITY_THRESHOLDS.outlierFactor}× the median site's): another annotation protocol, or another population?`,
      );
    }
    const sliceSpacingDivergence = spacingDivergences.get(siteId) ?? null;
    if (sliceSpacingDivergence !== null && outlier(sliceSpacingDivergence, [...spacingDivergences.values()], QUALITY_THRESHOLDS.sliceSpacingDivergence)) {
      flags.push(
        `slice spacing differs from the pooled one (JS divergence ${sliceSpacingDivergence.toFixed(3)} > ${QUALITY_THRESHOLDS.sliceSpacingDivergence}, over ${QUALITY_THRESHOLDS.outlierFactor}× the median site's; ${Object.keys(profile.volumes!.sliceSpacing).join(', ')} mm): another acquisition protocol? Consider preprocessing.spacing`,
      );
    }
    if (profile.volumes?.seriesWithGaps) flags.push(`${profile.volumes.seriesWithGaps} series refused for missing slices`);
    const rates = qualityRates(profile);
    const bounds = upperBoundRates(profile);
    const rate = (name: string, which: QualityRate, limit: number): void => {
      if (rates[which] > limit) flags.push(`${name} ${rateText(rates[which], bounds.has(which))} > ${(limit * 100).toFixed(0)} %`);
    };
    rate('missing-label rate', 'missingLabel', QUALITY_THRESHOLDS.missingLabelRate);
    rate('unmapped-label rate', 'unmappedLabel', QUALITY_THRESHOLDS.unmappedLabelRate);
    rate('duplicate rate', 'duplicate', QUALITY_THRESHOLDS.duplicateRate);
    rate('unreadable-file rate', 'unreadable', QUALITY_THRESHOLDS.unreadableRate);
    const identifying = profile.deidentification.filesWithIdentifyingTags;
    if (identifying !== 0)
      flags.push(
        `${identifying ?? `fewer than ${profile.privacy?.minCellSize}`} files carry identifying tags (${Object.keys(profile.deidentification.byTag).join(', ')})`,
      );
    if (profile.deidentification.burnedInAnnotation !== 0) flags.push('files say Burned In Annotation YES');
    // Absent from older agents' profiles; null is a count below k, which is still some.
    const text = profile.deidentification.textInPixels;
    if (text !== undefined && text !== 0) flags.push('ultrasound or secondary captures look as if text is burned into their pixels (review them)');
    const agreement = agreementOf(profile);
    const agreements = agreementsLike(profile);
    if (agreement && agreements.length > 1 && agreement.value < median(agreements) - QUALITY_THRESHOLDS.agreementGap) {
      flags.push(
        `reader agreement ${agreement.statistic} ${agreement.value.toFixed(3)} is far below the other sites' (median ${median(agreements).toFixed(3)}): readers here disagree more; review the labelling protocol or adjudicate`,
      );
    }
    if (profile.agreement?.needsAdjudication) flags.push(`${profile.agreement.needsAdjudication} cases await adjudication (no consensus among their readers)`);
    return {
      siteId,
      fingerprint: profile.fingerprint,
      samples: profile.samples,
      labelDivergence,
      intensityDivergence,
      lesionSizeDivergence,
      sliceSpacingDivergence,
      vendors: Object.keys(profile.dicom.manufacturer).sort(),
      rates,
      identifyingFiles: identifying,
      agreement,
      flags,
    };
  });
}

/** The site's reader agreement as the comparison shows it; null without readers or when withheld (fewer than k cases). */
function agreementOf(profile: DataProfile): SiteQuality['agreement'] {
  const a = profile.agreement;
  if (!a || a.value === null) return null;
  return { statistic: agreementName(a.statistic), value: a.value, interval: a.interval };
}

/** Per site holding the distribution, its divergence from the pooled distribution over every site's bins. */
function pooledDivergences(
  sites: readonly { siteId: string; profile: DataProfile | null }[],
  pick: (p: DataProfile) => Counts | undefined,
): Map<string, number> {
  const held = sites.flatMap(({ siteId, profile }) => {
    const counts = profile && pick(profile);
    return counts ? [{ siteId, counts }] : [];
  });
  const keys = [...new Set(held.flatMap((h) => Object.keys(h.counts)))].sort();
  const pooled = new Array<number>(keys.length).fill(0);
  for (const { counts } of held) weights(counts, keys).forEach((v, i) => (pooled[i]! += v));
  return new Map(held.map(({ siteId, counts }) => [siteId, jensenShannon(weights(counts, keys), pooled)]));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

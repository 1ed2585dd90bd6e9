import type { DataProfile } from '../../common/data-profile.schema.js';
import { guardProfile, type PrivacyPolicy } from './privacy-guard.js';

/**
 * Local label names the site has not agreed to share, as term-1, term-2, … by descending count (then name, so the
 * numbering is stable): the coordinator still sees how many samples each unmapped label holds, not what it is called.
 */
export function withheldTerms(counts: Record<string, number | null>): Record<string, number | null> {
  const ordered = Object.entries(counts).sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(ordered.map(([, n], i) => [`term-${i + 1}`, n]));
}

/**
 * The profile as it leaves the site: through the privacy guard, and with the site's own label terms only when its
 * policy shares them (shareLabelMap): then its labelMap goes too, for the federation's mapping matrix.
 */
export function sharedProfile(profile: DataProfile, privacy: PrivacyPolicy, labelMap: Record<string, string>, shareLabelMap: boolean): DataProfile {
  const guarded = guardProfile(profile, privacy);
  if (shareLabelMap) return { ...guarded, vocabulary: { labelMap } };
  return { ...guarded, labels: { ...guarded.labels, unmapped: withheldTerms(guarded.labels.unmapped) } };
}

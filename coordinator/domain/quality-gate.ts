import { agreementName, type Counts, type DataProfile } from '../../common/data-profile.schema.js';
import type { QualityGate } from '../../common/run-spec.schema.js';

/** A suppressed count (null) lies between 1 and k − 1; rules take the worst case, k − 1. */
export function worstCase(value: number | null, profile: DataProfile): number {
  return value ?? (profile.privacy?.minCellSize ?? 1) - 1;
}

export function total(counts: Counts, profile: DataProfile): number {
  return Object.values(counts).reduce<number>((sum, v) => sum + worstCase(v, profile), 0);
}

/** The rates the gate and the data-quality comparison use, each over the samples the site holds. */
export function qualityRates(profile: DataProfile): { missingLabel: number; unmappedLabel: number; duplicate: number; unreadable: number } {
  const samples = worstCase(profile.samples, profile);
  const unreadable = total(profile.unreadable, profile);
  const over = (n: number, of: number): number => (of > 0 ? n / of : 0);
  return {
    missingLabel: over(worstCase(profile.labels.missing, profile), samples),
    unmappedLabel: over(total(profile.labels.unmapped, profile), samples),
    duplicate: over(worstCase(profile.duplicates.extraCopies, profile), samples),
    unreadable: over(unreadable, samples + unreadable),
  };
}

export type QualityRate = keyof ReturnType<typeof qualityRates>;

/**
 * The rates whose numerator holds a suppressed count: taken at k − 1, they
 * are upper bounds, and a flag or a gate reason built on one says so.
 */
export function upperBoundRates(profile: DataProfile): Set<QualityRate> {
  const suppressed = (counts: Counts): boolean => Object.values(counts).some((v) => v === null);
  const bounds = new Set<QualityRate>();
  if (profile.labels.missing === null) bounds.add('missingLabel');
  if (suppressed(profile.labels.unmapped)) bounds.add('unmappedLabel');
  if (profile.duplicates.extraCopies === null) bounds.add('duplicate');
  if (suppressed(profile.unreadable)) bounds.add('unreadable');
  return bounds;
}

/** "13.3 %", or "at most 13.3 % (suppressed counts taken at k − 1)" when it is an upper bound. */
export function rateText(value: number, upperBound: boolean): string {
  return upperBound ? `at most ${pct(value)} (suppressed counts taken at k − 1)` : pct(value);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** Why a site's data fails the gate, one reason per rule broken; empty when it passes. */
export function gateFailures(profile: DataProfile | null, gate: QualityGate): string[] {
  if (!profile) return ['the site has sent no data profile (upgrade its agent, or check its privacy settings)'];
  const reasons: string[] = [];
  const rates = qualityRates(profile);
  const bounds = upperBoundRates(profile);
  const samples = worstCase(profile.samples, profile);
  if (gate.minSamples !== undefined && samples < gate.minSamples) {
    reasons.push(
      `${profile.samples === null ? `fewer than ${profile.privacy?.minCellSize} samples` : `${samples} samples`}, fewer than qualityGate.minSamples ${gate.minSamples}`,
    );
  }
  const rule = (name: keyof QualityGate, rate: QualityRate, what: string, limit: number | undefined): void => {
    if (limit !== undefined && rates[rate] > limit)
      reasons.push(`${what} ${rateText(rates[rate], bounds.has(rate))} exceeds qualityGate.${name} ${pct(limit)}`);
  };
  rule('maxMissingLabelRate', 'missingLabel', 'missing-label rate', gate.maxMissingLabelRate);
  rule('maxUnmappedLabelRate', 'unmappedLabel', 'unmapped-label rate', gate.maxUnmappedLabelRate);
  rule('maxDuplicateRate', 'duplicate', 'duplicate rate', gate.maxDuplicateRate);
  rule('maxUnreadableRate', 'unreadable', 'unreadable-file rate', gate.maxUnreadableRate);
  if (gate.requiredModality !== undefined) {
    const others = Object.keys(profile.dicom.modality).filter((m) => m !== gate.requiredModality);
    if (others.length > 0 || !(gate.requiredModality in profile.dicom.modality)) {
      reasons.push(
        `modalities ${Object.keys(profile.dicom.modality).join(', ') || 'none (not DICOM)'}; qualityGate.requiredModality is ${gate.requiredModality}`,
      );
    }
  }
  const identifying = worstCase(profile.deidentification.filesWithIdentifyingTags, profile);
  if (gate.noIdentifyingTags && identifying > 0)
    reasons.push(
      `${profile.deidentification.filesWithIdentifyingTags ?? `fewer than ${profile.privacy?.minCellSize}`} files carry identifying tags (${Object.keys(profile.deidentification.byTag).join(', ')}); qualityGate.noIdentifyingTags`,
    );
  const burned = worstCase(profile.deidentification.burnedInAnnotation, profile);
  if (gate.noBurnedInAnnotation && burned > 0) reasons.push(`files say Burned In Annotation YES; qualityGate.noBurnedInAnnotation`);
  reasons.push(...agreementFailures(profile, gate));
  return reasons;
}

/**
 * The reader-agreement rules: a site without readers, or whose agreement is withheld, fails them with the reason.
 * minKappa reads class labels' κ or α, minReaderDice masks' mean Dice; a site whose readers do the other fails it.
 */
export function agreementFailures(profile: DataProfile, gate: QualityGate): string[] {
  if (gate.minKappa === undefined && gate.minReaderDice === undefined && gate.minReadersPerCase === undefined) return [];
  const a = profile.agreement;
  if (!a)
    return [
      'the site reports no reader agreement (one reader, or no readers: in its site.yaml); qualityGate.minKappa, minReaderDice and minReadersPerCase need several',
    ];
  const reasons: string[] = [];
  const name = agreementName(a.statistic);
  const masks = a.statistic === 'mean-dice';
  const check = (field: 'minKappa' | 'minReaderDice', minimum: number | undefined, applies: boolean): void => {
    if (minimum === undefined) return;
    if (!applies)
      reasons.push(`its readers ${masks ? 'draw masks' : 'give class labels'}, so they report ${name}, not what qualityGate.${field} ${minimum} reads`);
    else if (a.value === null)
      reasons.push(`reader agreement is withheld (fewer than ${profile.privacy?.minCellSize ?? 'k'} cases read twice); qualityGate.${field} ${minimum}`);
    else if (a.value < minimum) {
      const interval = a.interval ? ` (95 % ${a.interval[0].toFixed(3)} to ${a.interval[1].toFixed(3)})` : '';
      reasons.push(`reader agreement ${name} ${a.value.toFixed(3)}${interval} is below qualityGate.${field} ${minimum}`);
    }
  };
  check('minKappa', gate.minKappa, !masks);
  check('minReaderDice', gate.minReaderDice, masks);
  if (gate.minReadersPerCase !== undefined && a.readersPerCase.min < gate.minReadersPerCase)
    reasons.push(
      `some cases have ${a.readersPerCase.min} reader${a.readersPerCase.min === 1 ? '' : 's'}; qualityGate.minReadersPerCase ${gate.minReadersPerCase}`,
    );
  return reasons;
}

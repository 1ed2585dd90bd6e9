import type { AgreementSummary } from '../../common/data-profile.schema.js';
import type { MaskConsensusRule } from '../profile/reader-agreement.js';
import type { ReviewItem } from './dataset.js';
import { bootstrapInterval } from './reader-labels.js';

/** Below this Dice between two readers' masks of a case, `consilium site review` lists the case. */
export const REVIEW_BELOW_DICE = 0.7;

/** One case as its readers drew it: who drew a mask, each pair's Dice, and each reader's labelled pixels. */
export interface MaskReadings {
  caseId: string;
  pixels: Map<string, number>;
  pairs: { readers: [string, string]; dice: number }[];
}

export function maskRuleText(rule: MaskConsensusRule): string {
  return rule.kind === 'adjudicator' ? `adjudicator's mask, else per-pixel majority` : 'per-pixel majority';
}

/**
 * The readers' agreement over their masks: the mean over cases of each case's mean pairwise Dice, with a bootstrap
 * interval over cases; per pair of readers the mean Dice over the cases both drew. Readers are r1, r2, … by name order.
 */
export function summariseMaskAgreement(cases: readonly MaskReadings[], rule: MaskConsensusRule): AgreementSummary {
  const names = [...new Set(cases.flatMap((c) => [...c.pixels.keys()]))].sort();
  const alias = new Map(names.map((name, i) => [name, `r${i + 1}`]));
  const paired = cases.filter((c) => c.pairs.length > 0);
  const perCase = paired.map((c) => c.pairs.reduce((sum, p) => sum + p.dice, 0) / c.pairs.length);
  const measure = (picked: readonly number[]): number => picked.reduce((sum, i) => sum + perCase[i]!, 0) / picked.length;
  const value = paired.length > 0 ? measure(perCase.map((_, i) => i)) : null;
  const pairs: AgreementSummary['pairs'] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const dices = paired.flatMap((c) => c.pairs.filter((p) => p.readers[0] === names[i] && p.readers[1] === names[j]).map((p) => p.dice));
      if (dices.length === 0) continue;
      pairs.push({
        readers: [alias.get(names[i]!)!, alias.get(names[j]!)!],
        cases: dices.length,
        kappa: null,
        dice: dices.reduce((a, b) => a + b, 0) / dices.length,
      });
    }
  }
  const readersPerCase = cases.map((c) => c.pixels.size);
  return {
    rule: maskRuleText(rule),
    readers: names.length,
    cases: paired.length,
    readersPerCase: { min: readersPerCase.length ? Math.min(...readersPerCase) : 0, max: readersPerCase.length ? Math.max(...readersPerCase) : 0 },
    statistic: 'mean-dice',
    value,
    interval: value === null ? null : bootstrapInterval(paired.length, measure),
    pairs,
    // A per-pixel rule always gives a mask: no case waits for an adjudicator.
    needsAdjudication: 0,
  };
}

/** The cases whose readers' masks overlap little (a pair's Dice below REVIEW_BELOW_DICE), worst first. Local only. */
export function maskReview(cases: readonly MaskReadings[]): ReviewItem[] {
  return cases
    .flatMap((c) => {
      const worst = [...c.pairs].sort((a, b) => a.dice - b.dice)[0];
      if (!worst || worst.dice >= REVIEW_BELOW_DICE) return [];
      const readings = Object.fromEntries([...c.pixels].map(([reader, n]) => [reader, `${n} labelled pixels`]));
      return [
        {
          caseId: c.caseId,
          readings,
          reason: `readers' masks disagree: Dice ${worst.dice.toFixed(3)} between ${worst.readers.join(' and ')}`,
          dice: worst.dice,
        },
      ];
    })
    .sort((a, b) => a.dice - b.dice || (a.caseId < b.caseId ? -1 : 1))
    .map(({ dice: _, ...item }) => item);
}

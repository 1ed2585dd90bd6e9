import { ConsiliumError } from '../../common/errors.js';

/*
 * Agreement between readers who labelled the same cases, computed at the site (nothing case-level leaves it): Cohen's
 * κ for a pair, Fleiss' κ for a fixed number of readers per case, Krippendorff's α (nominal) when readers labelled
 * different subsets, and Dice between two readers' masks. Pure functions over counts and labels, so each is checked
 * against the worked examples of the papers that define it.
 */

/** Cohen's κ of two readers over the cases both labelled: observed agreement, the agreement chance predicts, and κ. */
export interface PairAgreement {
  cases: number;
  observed: number;
  expected: number;
  kappa: number;
}

/**
 * Cohen's κ (Cohen 1960): `a[i]` and `b[i]` are the two readers' labels of case i; cases either reader left
 * unlabelled (null) are not counted. κ is 1 when the readers agree on every case; when chance alone would make them
 * agree on every case (both gave one label throughout), κ is undefined and returned as NaN.
 */
export function cohensKappa(a: readonly (string | null)[], b: readonly (string | null)[]): PairAgreement {
  if (a.length !== b.length) throw new ConsiliumError('INVALID_ARGUMENT', `Cohen's κ needs the same cases from both readers, not ${a.length} and ${b.length}`);
  const pairs = a.flatMap((label, i) => (label !== null && b[i] !== null && b[i] !== undefined ? [[label, b[i]!] as const] : []));
  const n = pairs.length;
  if (n === 0) return { cases: 0, observed: NaN, expected: NaN, kappa: NaN };
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree += 1;
    countA.set(x, (countA.get(x) ?? 0) + 1);
    countB.set(y, (countB.get(y) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [label, count] of countA) expected += (count / n) * ((countB.get(label) ?? 0) / n);
  return { cases: n, observed, expected, kappa: expected === 1 ? NaN : (observed - expected) / (1 - expected) };
}

/** Fleiss' κ with its parts: mean observed agreement P̄, chance agreement P̄e. */
export interface GroupAgreement {
  cases: number;
  readersPerCase: number;
  observed: number;
  expected: number;
  kappa: number;
}

/**
 * Fleiss' κ (Fleiss 1971) from a case × category table: `counts[i][j]` readers put case i in category j, and every
 * case has the same number of readers (at least two).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): GroupAgreement {
  const cases = counts.length;
  if (cases === 0) return { cases: 0, readersPerCase: 0, observed: NaN, expected: NaN, kappa: NaN };
  const readers = counts[0]!.reduce((s, c) => s + c, 0);
  const categories = counts[0]!.length;
  for (const [i, row] of counts.entries()) {
    const total = row.reduce((s, c) => s + c, 0);
    if (row.length !== categories || total !== readers) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `Fleiss' κ needs the same number of readers for every case: case ${i} has ${total}, case 0 has ${readers}; use Krippendorff's α when readers labelled different cases`,
      );
    }
  }
  if (readers < 2) throw new ConsiliumError('INVALID_ARGUMENT', `Fleiss' κ needs at least two readers per case, not ${readers}`);
  const share = new Array<number>(categories).fill(0);
  let observed = 0;
  for (const row of counts) {
    let agreeing = 0;
    for (const [j, c] of row.entries()) {
      share[j]! += c;
      agreeing += c * (c - 1);
    }
    observed += agreeing / (readers * (readers - 1));
  }
  observed /= cases;
  const expected = share.reduce((s, c) => s + (c / (cases * readers)) ** 2, 0);
  return { cases, readersPerCase: readers, observed, expected, kappa: expected === 1 ? NaN : (observed - expected) / (1 - expected) };
}

/** Krippendorff's α with its parts: observed and expected disagreement, and the values paired. */
export interface ReliabilityAgreement {
  /** Cases with at least two labels: only they are pairable. */
  cases: number;
  /** Labels in those cases (n.. in Krippendorff's notation). */
  values: number;
  observedDisagreement: number;
  expectedDisagreement: number;
  alpha: number;
}

/**
 * Krippendorff's α for nominal labels (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"):
 * `byCase[u]` holds the labels case u received, from however many readers labelled it; a case with fewer than two
 * labels cannot be paired and is left out. α = 1 − Do/De from the coincidence matrix.
 */
export function krippendorffAlpha(byCase: readonly (readonly string[])[]): ReliabilityAgreement {
  const coincidences = new Map<string, Map<string, number>>();
  let cases = 0;
  // n.., the labels that can be paired: counted, not summed from the fractional coincidences.
  let n = 0;
  for (const labels of byCase) {
    const m = labels.length;
    if (m < 2) continue;
    cases += 1;
    n += m;
    const counts = new Map<string, number>();
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    for (const [c, nc] of counts) {
      const row = coincidences.get(c) ?? new Map<string, number>();
      coincidences.set(c, row);
      // Each ordered pair of distinct labels within the case, weighted 1 / (m − 1).
      for (const [k, nk] of counts) row.set(k, (row.get(k) ?? 0) + (nc * (c === k ? nk - 1 : nk)) / (m - 1));
    }
  }
  const marginals = new Map<string, number>();
  for (const [c, row] of coincidences)
    marginals.set(
      c,
      [...row.values()].reduce((s, v) => s + v, 0),
    );
  if (n < 2) return { cases, values: n, observedDisagreement: NaN, expectedDisagreement: NaN, alpha: NaN };
  let disagree = 0;
  for (const [c, row] of coincidences) for (const [k, o] of row) if (c !== k) disagree += o;
  let chance = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) if (c !== k) chance += nc * nk;
  const observedDisagreement = disagree / n;
  const expectedDisagreement = chance / (n * (n - 1));
  return {
    cases,
    values: n,
    observedDisagreement,
    expectedDisagreement,
    alpha: expectedDisagreement === 0 ? NaN : 1 - observedDisagreement / expectedDisagreement,
  };
}

/**
 * Dice between two readers' masks of one case for one label value: 2|A∩B| / (|A| + |B|); 1 when neither reader
 * marked any pixel with it (they agree the finding is absent).
 */
export function readerDice(a: Uint8Array, b: Uint8Array, value = 1): number {
  if (a.length !== b.length) throw new ConsiliumError('INVALID_ARGUMENT', `readers' masks differ in size: ${a.length} and ${b.length} pixels`);
  let both = 0;
  let inA = 0;
  let inB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] === value;
    const y = b[i] === value;
    if (x) inA += 1;
    if (y) inB += 1;
    if (x && y) both += 1;
  }
  return inA + inB === 0 ? 1 : (2 * both) / (inA + inB);
}

/** Dice between two readers' masks of one case: the mean over every foreground value either drew; 1 when neither drew any. */
export function caseDice(a: Uint8Array, b: Uint8Array): number {
  const values = new Set<number>();
  for (const mask of [a, b]) for (const v of mask) if (v !== 0) values.add(v);
  if (values.size === 0) return 1;
  let sum = 0;
  for (const v of values) sum += readerDice(a, b, v);
  return sum / values.size;
}

/** How a case's training mask is made from its readers' masks. */
export type MaskConsensusRule = { kind: 'majority' } | { kind: 'adjudicator'; reader: string };

/**
 * The training mask of a case from its readers' masks (same size): the adjudicator's where they drew one; else per
 * pixel the value more than half of the readers drew, and background (0) where no value has a majority.
 */
export function consensusMask(masks: ReadonlyMap<string, Uint8Array>, rule: MaskConsensusRule): Uint8Array {
  if (rule.kind === 'adjudicator' && masks.has(rule.reader)) return masks.get(rule.reader)!;
  const all = [...masks.values()];
  if (all.length === 1) return all[0]!;
  const out = new Uint8Array(all[0]!.length);
  for (let i = 0; i < out.length; i++) {
    for (let r = 0; r < all.length; r++) {
      const v = all[r]![i]!;
      let votes = 0;
      for (const mask of all) if (mask[i] === v) votes += 1;
      if (votes * 2 > all.length) {
        out[i] = v;
        break;
      }
    }
  }
  return out;
}

/** How a case's training label is made from its readers' labels. */
export type ConsensusRule = { kind: 'majority' } | { kind: 'adjudicator'; reader: string } | { kind: 'unanimous' };

/** A case's readings: reader → label. */
export type Readings = ReadonlyMap<string, string>;

/**
 * The training label of a case under the declared rule, or null with the reason the case needs adjudication:
 * `majority` takes the label more than half the readers gave; `adjudicator` takes the named reader's label when they
 * read the case, else the majority; `unanimous` takes a label only when every reader gave it.
 */
export function consensusLabel(readings: Readings, rule: ConsensusRule): { label: string } | { label: null; reason: string } {
  if (readings.size === 0) return { label: null, reason: 'no reader labelled the case' };
  if (rule.kind === 'adjudicator') {
    const adjudicated = readings.get(rule.reader);
    if (adjudicated !== undefined) return { label: adjudicated };
  }
  const counts = new Map<string, number>();
  for (const label of readings.values()) counts.set(label, (counts.get(label) ?? 0) + 1);
  const [top, votes] = [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]!;
  if (rule.kind === 'unanimous') {
    return counts.size === 1 ? { label: top } : { label: null, reason: `readers disagree (${describe(counts)}) and the rule is unanimous` };
  }
  return votes * 2 > readings.size ? { label: top } : { label: null, reason: `no majority among ${readings.size} readers (${describe(counts)})` };
}

function describe(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([label, n]) => `${n} × ${label}`)
    .join(', ');
}

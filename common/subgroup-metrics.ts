import { classificationMetrics, wilson } from './classification-metrics.js';
import { groupBy } from './group-by.js';
import { sha256Hex } from './hashing.js';

/** What a site can split its validation cases by, from the headers its profile reads. */
export const SUBGROUP_DIMENSIONS = ['manufacturer', 'model', 'age', 'sex'] as const;
export type SubgroupDimension = (typeof SUBGROUP_DIMENSIONS)[number];

/** Each validation row's value per dimension (null: unknown), as the site read it. */
export type Subgroups = Partial<Record<SubgroupDimension, readonly (string | null)[]>>;

/**
 * A value as it may stand in a metric name: letters, digits and single
 * dashes, at most 40 characters; a value with none of those (a name in
 * another script) by the start of its hash, so two such names stay apart.
 */
export function subgroupSlug(value: string): string {
  const slug = value
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || `x${sha256Hex(value).slice(0, 12)}`;
}

/** The metric-name prefix of one subgroup's figures: `val_sub_manufacturer_Siemens_`. */
export const subgroupPrefix = (dimension: SubgroupDimension, value: string): string => `val_sub_${dimension}_${subgroupSlug(value)}_`;

/** The prefix of any evaluation's figures: the received model's ("val_"), one of its subgroups', or the trained model's ("val_local_"). */
export const METRIC_PREFIX = '(val_(?:sub_(?:manufacturer|model|age|sex)_[A-Za-z0-9-]+_)?|val_local_)';

/** A subgroup prefix read back: its dimension and slug. */
const PREFIX = /^val_sub_(manufacturer|model|age|sex)_([A-Za-z0-9-]+)_$/;
export function parseSubgroupPrefix(prefix: string): { dimension: SubgroupDimension; value: string } | null {
  const match = PREFIX.exec(prefix);
  return match ? { dimension: match[1] as SubgroupDimension, value: match[2]! } : null;
}

/**
 * The study figures of each subgroup of the validation cases, under its own
 * prefix, with the score histograms the coordinator pools: the same figures a
 * whole validation split gets, on the cases of one scanner vendor, scanner
 * model, age bin or sex. The site's guard drops what a subgroup is too small
 * to show.
 */
export function subgroupMetrics(probabilities: Float32Array, labels: Int32Array, classCount: number, subgroups: Subgroups): Record<string, number> {
  const out: Record<string, number> = {};
  for (const dimension of SUBGROUP_DIMENSIONS) {
    const values = subgroups[dimension];
    if (!values) continue;
    const rows = groupBy(
      values.map((_, row) => row),
      (row) => values[row] || null,
    );
    for (const [value, members] of rows) {
      const p = new Float32Array(members.length * classCount);
      members.forEach((row, i) => p.set(probabilities.subarray(row * classCount, (row + 1) * classCount), i * classCount));
      const l = Int32Array.from(members, (row) => labels[row]!);
      Object.assign(out, classificationMetrics(p, l, classCount, subgroupPrefix(dimension, value), true));
    }
  }
  return out;
}

/** One subgroup's pooled figures for one class, and the flag when its sensitivity is clearly below the other cases'. */
export interface SubgroupFigure {
  dimension: SubgroupDimension;
  value: string;
  classIndex: number;
  cases: number;
  auroc: number | null;
  sensitivity: { value: number; lo: number; hi: number } | null;
  specificity: { value: number; lo: number; hi: number } | null;
  /** Sensitivity of every other case of the pooled validation data, for the comparison. */
  otherSensitivity: number | null;
  flag: string | null;
}

/**
 * Subgroup figures from pooled metrics (the coordinator's sums over sites):
 * for each subgroup and class, sensitivity and specificity with Wilson
 * intervals from the subgroup's confusion counts, AUROC from its histograms,
 * and a flag when the whole 95 % interval of its sensitivity lies below the
 * sensitivity of all other cases (the pooled counts minus the subgroup's).
 */
export function subgroupFigures(pooled: Record<string, number>, classes: readonly number[]): SubgroupFigure[] {
  const cm = (prefix: string, a: number, p: number): number => pooled[`${prefix}cm_${a}_${p}`] ?? 0;
  const size = Math.max(0, ...Object.keys(pooled).flatMap((k) => (/^val_cm_(\d+)_(\d+)$/.exec(k) ?? []).slice(1).map(Number))) + 1;
  const prefixes = [...new Set(Object.keys(pooled).flatMap((k) => (/^(val_sub_[a-z]+_[A-Za-z0-9-]+_)cm_\d+_\d+$/.exec(k) ?? []).slice(1)))].sort();
  const rates = (prefix: string | null, sub: string | null, c: number) => {
    // prefix null with sub: every case but the subgroup's.
    const at = (a: number, p: number): number => (prefix ? cm(prefix, a, p) : cm('val_', a, p) - (sub ? cm(sub, a, p) : 0));
    const range = Array.from({ length: size }, (_, i) => i);
    const tp = at(c, c);
    const positives = range.reduce((s, p) => s + at(c, p), 0);
    const total = range.reduce((s, a) => s + range.reduce((t, p) => t + at(a, p), 0), 0);
    const predicted = range.reduce((s, a) => s + at(a, c), 0);
    const negatives = total - positives;
    const tn = negatives - (predicted - tp);
    return { tp, positives, tn, negatives, total };
  };
  const interval = (x: number, n: number) => {
    const w = wilson(x, n);
    return w ? { value: x / n, lo: w[0], hi: w[1] } : null;
  };
  return prefixes.flatMap((prefix) => {
    const { dimension, value } = parseSubgroupPrefix(prefix)!;
    return classes.map((c) => {
      const own = rates(prefix, null, c);
      const rest = rates(null, prefix, c);
      const sensitivity = interval(own.tp, own.positives);
      const otherSensitivity = rest.positives > 0 ? rest.tp / rest.positives : null;
      const below = sensitivity !== null && otherSensitivity !== null && sensitivity.hi < otherSensitivity;
      return {
        dimension,
        value,
        classIndex: c,
        cases: own.total,
        auroc: pooled[`${prefix}auroc_${c}`] ?? null,
        sensitivity,
        specificity: interval(own.tn, own.negatives),
        otherSensitivity,
        flag: below
          ? `sensitivity ${sensitivity.value.toFixed(3)} [${sensitivity.lo.toFixed(3)}, ${sensitivity.hi.toFixed(3)}] for ${dimension} ${value} is below the ${otherSensitivity.toFixed(3)} of all other cases`
          : null,
      };
    });
  });
}

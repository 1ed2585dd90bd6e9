import { type AucEstimate, aucInterval, CALIBRATION_BINS, expectedCalibrationError, oneVsRest, rateMetrics } from './classification-metrics.js';
import { METRIC_PREFIX } from './subgroup-metrics.js';

/** A histogram cell of scores: grid bins from..to−1 (a site's guard may have merged fine bins), and how many scores fell in it. */
export interface ScoreCell {
  from: number;
  to: number;
  count: number;
}

const STATISTIC = new RegExp(`^${METRIC_PREFIX}(scores_(\\d+)_(pos|neg)_(\\d+)_(\\d+)|cm_(\\d+)_(\\d+)|rel_(n|correct|confidence)_(\\d+))$`);

/** A confusion cell, `<prefix>cm_<actual>_<predicted>`. */
export const CONFUSION_CELL = new RegExp(`^${METRIC_PREFIX}cm_(\\d+)_(\\d+)$`);

/** Adds `value` to a square confusion matrix's cell, growing the matrix (with zeros) to hold it. */
function addCell(matrix: number[][], actual: number, predicted: number, value: number): void {
  const size = Math.max(matrix.length, actual + 1, predicted + 1);
  while (matrix.length < size) matrix.push([]);
  for (const row of matrix) while (row.length < size) row.push(0);
  matrix[actual]![predicted]! += value;
}

/** Each prefix's confusion matrix (rows actual, columns predicted) from one report's confusion cells. */
export function confusionMatrices(metrics: Record<string, number>): Map<string, number[][]> {
  const matrices = new Map<string, number[][]>();
  for (const [name, value] of Object.entries(metrics)) {
    const match = CONFUSION_CELL.exec(name);
    if (!match) continue;
    const matrix = matrices.get(match[1]!) ?? [];
    addCell(matrix, Number(match[2]), Number(match[3]), value);
    matrices.set(match[1]!, matrix);
  }
  return matrices;
}

/** Whether a metric is a sufficient statistic of classification (summed when pooled, not averaged). */
export const isClassificationStatistic = (name: string): boolean => STATISTIC.test(name);

/** A pooled AUROC with the most the binning can move it: the AUROC of the pooled raw scores lies within ± bound. */
export interface PooledAuc extends AucEstimate {
  bound: number;
}

/** One site's score histograms for a class, with its own exact AUROC when it reported one. */
export interface SiteScores {
  pos: readonly ScoreCell[];
  neg: readonly ScoreCell[];
  auc?: number | undefined;
}

/**
 * The chance that a score spread evenly over cell p lies above one spread
 * evenly over cell q: 1 or 0 when the cells do not overlap, ½ for one cell
 * against itself.
 */
export function aboveChance(p: ScoreCell, q: ScoreCell): number {
  if (q.to <= p.from) return 1;
  if (p.to <= q.from) return 0;
  // ∫ F_q over p, where F_q is q's uniform distribution function, through its antiderivative G.
  const G = (x: number): number => (x <= q.from ? 0 : x >= q.to ? (q.to - q.from) / 2 + (x - q.to) : (x - q.from) ** 2 / (2 * (q.to - q.from)));
  return (G(p.to) - G(p.from)) / (p.to - p.from);
}

/**
 * The pooled AUROC of several sites' predictions from their histograms. Pairs
 * within a site come from that site's own exact AUROC (its Mann–Whitney count
 * is AUROC × positives × negatives); pairs across sites from their cells: a
 * positive's cell wholly above a negative's counts 1, wholly below 0, and
 * overlapping cells the chance under an even spread inside each. Only those
 * overlapping cross-site pairs are uncertain, each by at most its distance to
 * 0 or 1; the bound is their sum over all pairs. The variance is DeLong's on
 * the cells' placements, so the interval is that of the binned scores.
 */
export function binnedAuc(sites: readonly SiteScores[]): PooledAuc | null {
  const total = (cells: readonly ScoreCell[]): number => cells.reduce((s, c) => s + c.count, 0);
  const m = sites.reduce((s, site) => s + total(site.pos), 0);
  const n = sites.reduce((s, site) => s + total(site.neg), 0);
  if (m === 0 || n === 0) return null;
  const positives = sites.flatMap((site, s) => site.pos.map((cell) => ({ cell, s })));
  const negatives = sites.flatMap((site, s) => site.neg.map((cell) => ({ cell, s })));
  let ordered = 0;
  let low = 0;
  let high = 0;
  for (const site of sites) {
    if (site.auc === undefined) continue;
    const pairs = site.auc * total(site.pos) * total(site.neg);
    ordered += pairs;
    [low, high] = [low + pairs, high + pairs];
  }
  for (const p of positives) {
    for (const q of negatives) {
      if (p.s === q.s && sites[p.s]!.auc !== undefined) continue;
      const pairs = p.cell.count * q.cell.count;
      const chance = aboveChance(p.cell, q.cell);
      ordered += chance * pairs;
      const overlap = chance > 0 && chance < 1;
      low += overlap ? 0 : chance * pairs;
      high += overlap ? pairs : chance * pairs;
    }
  }
  const auc = ordered / (m * n);
  const v10 = positives.map((p) => negatives.reduce((s, q) => s + q.cell.count * aboveChance(p.cell, q.cell), 0) / n);
  const v01 = negatives.map((q) => positives.reduce((s, p) => s + p.cell.count * aboveChance(p.cell, q.cell), 0) / m);
  const spread = (cells: readonly { cell: ScoreCell }[], v: number[], count: number): number =>
    count > 1 ? cells.reduce((s, { cell }, i) => s + cell.count * (v[i]! - auc) ** 2, 0) / (count - 1) : 0;
  const bound = Math.max(auc - low / (m * n), high / (m * n) - auc);
  return { ...aucInterval(auc, spread(positives, v10, m) / m + spread(negatives, v01, n) / n), bound: Math.max(0, bound) };
}

/**
 * Average precision from score histograms: each cell taken at its midpoint,
 * cells at one midpoint as one threshold. An estimate (the order of scores
 * inside a cell is not known), without a bound.
 */
export function binnedAveragePrecision(positives: readonly ScoreCell[], negatives: readonly ScoreCell[]): number | null {
  const total = positives.reduce((s, c) => s + c.count, 0);
  if (total === 0) return null;
  const thresholds = new Map<number, { tp: number; fp: number }>();
  for (const [cells, positive] of [
    [positives, true],
    [negatives, false],
  ] as const) {
    for (const c of cells) {
      const at = thresholds.get(c.from + c.to) ?? { tp: 0, fp: 0 };
      if (positive) at.tp += c.count;
      else at.fp += c.count;
      thresholds.set(c.from + c.to, at);
    }
  }
  let [tp, fp, ap, recall] = [0, 0, 0, 0];
  for (const [, at] of [...thresholds].sort((a, b) => b[0] - a[0])) {
    tp += at.tp;
    fp += at.fp;
    if (tp + fp > 0) ap += (tp / total - recall) * (tp / (tp + fp));
    recall = tp / total;
  }
  return ap;
}

/** The summed sufficient statistics of one prefix. */
interface Statistics {
  /** Per class, each site's histograms (in report order) with its own AUROC. */
  scores: Map<number, Map<number, { pos: ScoreCell[]; neg: ScoreCell[]; auc?: number }>>;
  matrix: number[][];
  reliability: { n: number; correct: number; confidence: number }[];
}

function gather(reports: readonly Record<string, number>[]): Map<string, Statistics> {
  const byPrefix = new Map<string, Statistics>();
  for (const [site, metrics] of reports.entries()) {
    for (const [name, value] of Object.entries(metrics)) {
      const match = STATISTIC.exec(name);
      if (!match) continue;
      const prefix = match[1]!;
      // After local training every site holds another model: their predictions together are no one model's.
      if (prefix === 'val_local_') continue;
      const stats: Statistics = byPrefix.get(prefix) ?? {
        scores: new Map(),
        matrix: [],
        reliability: Array.from({ length: CALIBRATION_BINS }, () => ({ n: 0, correct: 0, confidence: 0 })),
      };
      byPrefix.set(prefix, stats);
      if (match[3] !== undefined) {
        const c = Number(match[3]);
        const bySite = stats.scores.get(c) ?? new Map();
        const entry = bySite.get(site) ?? {
          pos: [],
          neg: [],
          ...(metrics[`${prefix}auroc_${c}`] !== undefined ? { auc: metrics[`${prefix}auroc_${c}`] } : {}),
        };
        entry[match[4] as 'pos' | 'neg'].push({ from: Number(match[5]), to: Number(match[6]), count: value });
        bySite.set(site, entry);
        stats.scores.set(c, bySite);
      } else if (match[7] !== undefined) {
        addCell(stats.matrix, Number(match[7]), Number(match[8]), value);
      } else {
        const bin = stats.reliability[Number(match[10])];
        if (bin) bin[match[9] as 'n' | 'correct' | 'confidence'] += value;
      }
    }
  }
  return byPrefix;
}

/**
 * Pooled classification figures of several sites' reports on one model (the
 * received one, "val_", and each of its subgroups): the summed statistics, and from them AUROC with DeLong's interval and its
 * binning bound (`auroc_bound_<c>`), average precision, sensitivity,
 * specificity, PPV and NPV with Wilson intervals, F1, balanced accuracy and
 * ECE: figures of every site's predictions together, not averages of the
 * sites' figures. Counts a site's guard suppressed are absent, so they count
 * as 0.
 */
export function pooledClassification(reports: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [prefix, stats] of gather(reports)) {
    for (const [c, bySite] of [...stats.scores].sort((a, b) => a[0] - b[0])) {
      const sites = [...bySite.values()];
      const [pos, neg] = [sites.flatMap((s) => s.pos), sites.flatMap((s) => s.neg)];
      for (const cell of pos)
        out[`${prefix}scores_${c}_pos_${cell.from}_${cell.to}`] = (out[`${prefix}scores_${c}_pos_${cell.from}_${cell.to}`] ?? 0) + cell.count;
      for (const cell of neg)
        out[`${prefix}scores_${c}_neg_${cell.from}_${cell.to}`] = (out[`${prefix}scores_${c}_neg_${cell.from}_${cell.to}`] ?? 0) + cell.count;
      const auc = binnedAuc(sites);
      if (auc) {
        Object.assign(out, {
          [`${prefix}auroc_${c}`]: auc.auc,
          [`${prefix}auroc_lo_${c}`]: auc.lo,
          [`${prefix}auroc_hi_${c}`]: auc.hi,
          [`${prefix}auroc_bound_${c}`]: auc.bound,
        });
        const ap = binnedAveragePrecision(pos, neg);
        if (ap !== null) out[`${prefix}ap_${c}`] = ap;
      }
    }
    const mean = (name: string): void => {
      const values = Object.entries(out)
        .filter(([key]) => new RegExp(`^${prefix}${name}_\\d+$`).test(key))
        .map(([, v]) => v);
      if (values.length > 0) out[`${prefix}${name}`] = values.reduce((a, b) => a + b, 0) / values.length;
    };
    stats.matrix.forEach((row, a) => row.forEach((count, p) => (out[`${prefix}cm_${a}_${p}`] = count)));
    for (let c = 0; c < stats.matrix.length; c++) Object.assign(out, rateMetrics(oneVsRest(stats.matrix, c), prefix, c));
    for (const name of ['auroc', 'ap', 'f1']) mean(name);
    const recalls = Object.keys(out).filter((key) => new RegExp(`^${prefix}sensitivity_\\d+$`).test(key));
    if (recalls.length > 0) out[`${prefix}balanced_accuracy`] = recalls.reduce((s, key) => s + out[key]!, 0) / recalls.length;
    stats.reliability.forEach((b, i) => {
      if (b.n > 0)
        Object.assign(out, { [`${prefix}rel_n_${i}`]: b.n, [`${prefix}rel_correct_${i}`]: b.correct, [`${prefix}rel_confidence_${i}`]: b.confidence });
    });
    const ece = expectedCalibrationError(stats.reliability);
    if (ece !== null) out[`${prefix}ece`] = ece;
  }
  return out;
}

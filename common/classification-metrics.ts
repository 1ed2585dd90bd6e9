/**
 * The figures a diagnostic-accuracy study reports for a classifier, from its
 * predicted class probabilities: per class (one against the rest) AUROC with
 * DeLong's interval, average precision, sensitivity, specificity, PPV, NPV
 * (Wilson intervals) and F1 at the decision rule (the most probable class);
 * balanced accuracy, expected calibration error and Brier score. Sites compute
 * them on their own predictions, where the raw scores are; only the numbers
 * and the sufficient statistics for pooling (see pooled-classification.ts)
 * leave.
 */

/** 97.5 % quantile of the standard normal: two-sided 95 % intervals. */
export const Z95 = 1.959963984540054;
/** The fine fixed grid of score histograms: 200 bins of width 0.005 on [0, 1]. */
export const SCORE_BINS = 200;
/** Reliability diagram bins of the top-class confidence, width 0.1. */
export const CALIBRATION_BINS = 10;

/** Wilson's score interval for x successes in n trials (95 %); null for n = 0. */
export function wilson(x: number, n: number): [number, number] | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Mid-ranks (1-based, ties averaged) of values. */
function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

export interface AucEstimate {
  auc: number;
  /** DeLong's variance of the estimate. */
  variance: number;
  lo: number;
  hi: number;
}

/** An AUROC with its variance, as a 95 % normal interval clipped to [0, 1]. */
export function aucInterval(auc: number, variance: number): AucEstimate {
  const half = Z95 * Math.sqrt(Math.max(0, variance));
  return { auc, variance, lo: Math.max(0, auc - half), hi: Math.min(1, auc + half) };
}

/**
 * AUROC (the Mann–Whitney statistic, ties counted ½) with DeLong, DeLong &
 * Clarke-Pearson's (1988) variance, from placement values computed by
 * mid-ranks (Sun & Xu 2014). Null without both positives and negatives.
 */
export function delong(scores: readonly number[], positive: readonly boolean[]): AucEstimate | null {
  const pos = scores.filter((_, i) => positive[i]);
  const neg = scores.filter((_, i) => !positive[i]);
  const [m, n] = [pos.length, neg.length];
  if (m === 0 || n === 0) return null;
  const all = midranks([...pos, ...neg]);
  const [rp, rn] = [midranks(pos), midranks(neg)];
  // V10: the share of negatives each positive outranks; V01: the share of positives each negative is outranked by.
  const v10 = pos.map((_, i) => (all[i]! - rp[i]!) / n);
  const v01 = neg.map((_, j) => 1 - (all[m + j]! - rn[j]!) / m);
  const auc = v10.reduce((a, b) => a + b, 0) / m;
  const spread = (v: number[]): number => (v.length > 1 ? v.reduce((s, x) => s + (x - auc) ** 2, 0) / (v.length - 1) : 0);
  return aucInterval(auc, spread(v10) / m + spread(v01) / n);
}

/**
 * Average precision as scikit-learn defines it: Σ (Rₜ − Rₜ₋₁) Pₜ over the
 * distinct scores as thresholds, highest first (no interpolation). Null
 * without positives.
 */
export function averagePrecision(scores: readonly number[], positive: readonly boolean[]): number | null {
  const total = positive.filter(Boolean).length;
  if (total === 0) return null;
  const order = scores.map((s, i) => [s, positive[i]!] as const).sort((a, b) => b[0] - a[0]);
  let [tp, fp, ap, recall] = [0, 0, 0, 0];
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) {
      if (order[j]![1]) tp++;
      else fp++;
      j++;
    }
    ap += (tp / total - recall) * (tp / (tp + fp));
    recall = tp / total;
    i = j;
  }
  return ap;
}

/** One class against the rest at the decision rule, from a confusion matrix (rows actual, columns predicted). */
export function oneVsRest(matrix: readonly (readonly number[])[], c: number): { tp: number; fn: number; fp: number; tn: number } {
  const total = matrix.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const tp = matrix[c]![c]!;
  const fn = matrix[c]!.reduce((a, b) => a + b, 0) - tp;
  const fp = matrix.reduce((s, row) => s + row[c]!, 0) - tp;
  return { tp, fn, fp, tn: total - tp - fn - fp };
}

/** Sensitivity, specificity, PPV and NPV with Wilson intervals, and F1, under `prefix`, for class `c`; undefined ratios are left out. */
export function rateMetrics(counts: { tp: number; fn: number; fp: number; tn: number }, prefix: string, c: number): Record<string, number> {
  const out: Record<string, number> = {};
  const rate = (name: string, x: number, n: number): void => {
    const interval = wilson(x, n);
    if (!interval) return;
    out[`${prefix}${name}_${c}`] = x / n;
    out[`${prefix}${name}_lo_${c}`] = interval[0];
    out[`${prefix}${name}_hi_${c}`] = interval[1];
  };
  const { tp, fn, fp, tn } = counts;
  rate('sensitivity', tp, tp + fn);
  rate('specificity', tn, tn + fp);
  rate('ppv', tp, tp + fp);
  rate('npv', tn, tn + fn);
  if (2 * tp + fp + fn > 0) out[`${prefix}f1_${c}`] = (2 * tp) / (2 * tp + fp + fn);
  return out;
}

/** Expected calibration error over reliability bins: Σ_b (n_b / N) · |accuracy_b − confidence_b|. */
export function expectedCalibrationError(bins: readonly { n: number; correct: number; confidence: number }[]): number | null {
  const total = bins.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  return bins.reduce((s, b) => s + (b.n > 0 ? Math.abs(b.correct - b.confidence) : 0), 0) / total;
}

/** The grid bin of a probability: [i/200, (i+1)/200), the last bin closed at 1. */
export const scoreBin = (p: number): number => Math.min(SCORE_BINS - 1, Math.max(0, Math.floor(p * SCORE_BINS)));

/**
 * Everything a site reports on one evaluation of a classifier, under `prefix`
 * ("val_" for the received model, "val_local_" after training): the study
 * figures per class and their macro means; the confusion matrix
 * (`cm_<actual>_<predicted>`) and the reliability bins (`rel_n_<b>`,
 * `rel_correct_<b>`, `rel_confidence_<b>`, the last a sum); and, for
 * `withScores`, each class's score histogram on the fine grid for its
 * positives and negatives (`scores_<class>_<pos|neg>_<from>_<to>`, bins
 * from..to−1), from which the coordinator pools AUROC. The site's privacy
 * guard merges and coarsens those counts before anything leaves
 * (site-agent/profile/classification-guard.ts).
 */
export function classificationMetrics(
  probabilities: Float32Array,
  labels: Int32Array,
  classCount: number,
  prefix: string,
  withScores: boolean,
): Record<string, number> {
  const n = labels.length;
  const out: Record<string, number> = {};
  if (n === 0) return out;
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  const rel = Array.from({ length: CALIBRATION_BINS }, () => ({ n: 0, correct: 0, confidence: 0 }));
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const row = probabilities.subarray(i * classCount, (i + 1) * classCount);
    let predicted = 0;
    for (let c = 1; c < classCount; c++) if (row[c]! > row[predicted]!) predicted = c;
    const actual = labels[i]!;
    matrix[actual]![predicted]! += 1;
    const bin = rel[Math.min(CALIBRATION_BINS - 1, Math.floor(row[predicted]! * CALIBRATION_BINS))]!;
    bin.n += 1;
    bin.correct += predicted === actual ? 1 : 0;
    bin.confidence += row[predicted]!;
    // Two classes: the Brier score of the positive class's probability (the usual binary form); more: the sum over classes.
    if (classCount === 2) brier += (row[1]! - (actual === 1 ? 1 : 0)) ** 2;
    else for (let c = 0; c < classCount; c++) brier += (row[c]! - (actual === c ? 1 : 0)) ** 2;
  }
  const aucs: number[] = [];
  const aps: number[] = [];
  const f1s: number[] = [];
  const recalls: number[] = [];
  for (let c = 0; c < classCount; c++) {
    const scores = Array.from({ length: n }, (_, i) => probabilities[i * classCount + c]!);
    const positive = Array.from(labels, (l) => l === c);
    const roc = delong(scores, positive);
    if (roc) {
      Object.assign(out, { [`${prefix}auroc_${c}`]: roc.auc, [`${prefix}auroc_lo_${c}`]: roc.lo, [`${prefix}auroc_hi_${c}`]: roc.hi });
      aucs.push(roc.auc);
    }
    const ap = averagePrecision(scores, positive);
    if (ap !== null && roc) {
      out[`${prefix}ap_${c}`] = ap;
      aps.push(ap);
    }
    const rates = rateMetrics(oneVsRest(matrix, c), prefix, c);
    Object.assign(out, rates);
    if (rates[`${prefix}f1_${c}`] !== undefined) f1s.push(rates[`${prefix}f1_${c}`]!);
    if (rates[`${prefix}sensitivity_${c}`] !== undefined) recalls.push(rates[`${prefix}sensitivity_${c}`]!);
    if (withScores) {
      const cells = new Map<string, number>();
      scores.forEach((s, i) => {
        const key = `${prefix}scores_${c}_${positive[i] ? 'pos' : 'neg'}_${scoreBin(s)}_${scoreBin(s) + 1}`;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      });
      for (const [key, count] of cells) out[key] = count;
    }
  }
  const mean = (v: number[]): number | undefined => (v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : undefined);
  const macro = { auroc: mean(aucs), ap: mean(aps), f1: mean(f1s), balanced_accuracy: mean(recalls) };
  for (const [name, value] of Object.entries(macro)) if (value !== undefined) out[`${prefix}${name}`] = value;
  out[`${prefix}ece`] = expectedCalibrationError(rel)!;
  out[`${prefix}brier`] = brier / n;
  matrix.forEach((row, a) => row.forEach((count, p) => (out[`${prefix}cm_${a}_${p}`] = count)));
  rel.forEach((b, i) => {
    if (b.n === 0) return;
    Object.assign(out, { [`${prefix}rel_n_${i}`]: b.n, [`${prefix}rel_correct_${i}`]: b.correct, [`${prefix}rel_confidence_${i}`]: b.confidence });
  });
  return out;
}

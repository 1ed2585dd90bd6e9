import { oneVsRest } from '../../common/classification-metrics.js';
import { CONFUSION_CELL, confusionMatrices } from '../../common/pooled-classification.js';
import { METRIC_PREFIX } from '../../common/subgroup-metrics.js';
import { type CountGuard, releasable } from './privacy-guard.js';

const SCORES = new RegExp(`^${METRIC_PREFIX}scores_(\\d+)_(pos|neg)_(\\d+)_(\\d+)$`);
const RELIABILITY = new RegExp(`^${METRIC_PREFIX}rel_(n|correct|confidence)_(\\d+)$`);
/** Per-class figures and their intervals. */
const RATE = new RegExp(`^${METRIC_PREFIX}(sensitivity|specificity|ppv|npv|f1|auroc|ap)(_lo|_hi)?_(\\d+)$`);
/** Any figure of a subgroup, by its prefix. */
const SUBGROUP = /^(val_sub_[a-z]+_[A-Za-z0-9-]+_)/;
const ACCURACY = new RegExp(`^${METRIC_PREFIX}accuracy$`);
/** A subgroup's figures that are not ratios of counts: they may leave when the subgroup holds k cases. */
const CONTINUOUS = /_(brier|ece|loss)$/;

/**
 * Merges a histogram's fine cells, lowest first, until each holds at least k
 * scores (a short remainder joins the last cell), then passes each merged
 * count through the guard: no released cell says where fewer than k
 * predictions fell.
 */
export function mergeCells(cells: readonly { from: number; to: number; count: number }[], k: number): { from: number; to: number; count: number }[] {
  const merged: { from: number; to: number; count: number }[] = [];
  let open: { from: number; to: number; count: number } | null = null;
  for (const cell of [...cells].sort((a, b) => a.from - b.from)) {
    open = open ? { from: open.from, to: cell.to, count: open.count + cell.count } : { ...cell };
    if (open.count >= k) {
      merged.push(open);
      open = null;
    }
  }
  if (open) {
    const last = merged.pop();
    merged.push(last ? { from: last.from, to: open.to, count: last.count + open.count } : open);
  }
  return merged;
}

/**
 * The classification figures of one evaluation as they may leave the site.
 * An exact ratio pins down the counts it is made of (a specificity of 10/12
 * says 2 false positives), so:
 * - a per-class rate (sensitivity, specificity, PPV, NPV, F1, and their
 *   intervals) leaves only when every cell of its class's one-vs-rest table
 *   (TP, FN, FP, TN) is 0 or at least k: any three rates of a table, or one
 *   with the AUROC's class sizes, give the fourth cell by subtraction;
 * - AUROC and average precision (which pin down the class sizes, through
 *   pairs) only with 0 or k positives and negatives each;
 * - accuracy only when the correct and the wrong predictions are each 0 or k;
 * - a subgroup sends its statistics and its continuous figures (Brier, ECE)
 *   and no ratio at all: its exact figures beside the whole split's would give
 *   the rest of the cases' counts by subtraction, however small that rest;
 *   the coordinator computes subgroup figures from the guarded statistics;
 * - macro means only when every class's figure stayed;
 * - confusion cells through the guard; score histograms merged to k per
 *   cell, then guarded; a reliability bin only when its correct and wrong
 *   predictions are each 0 or k, by its guarded size with its correct count
 *   and confidence sum scaled to it (the bin's accuracy and confidence,
 *   ratios, are kept).
 */
export function guardClassification(metrics: Record<string, number>, guard: CountGuard): Record<string, number> {
  const k = guard.policy.minCellSize;
  const tables = confusionMatrices(metrics);
  const totalOf = (prefix: string): number => (tables.get(prefix) ?? []).reduce((s, row) => s + row.reduce((x, y) => x + y, 0), 0);
  /** The counts a figure of class c pins down. */
  const pinned = (prefix: string, figure: string, c: number): number[] => {
    const matrix = tables.get(prefix);
    if (!matrix || c >= matrix.length) return [1];
    const { tp, fn, fp, tn } = oneVsRest(matrix, c);
    return figure === 'auroc' || figure === 'ap' ? [tp + fn, fp + tn] : [tp, fn, fp, tn];
  };
  const out: Record<string, number> = {};
  const dropped = new Set<string>();
  const unreleased = new Set<string>();
  const histograms = new Map<string, { from: number; to: number; count: number }[]>();
  const reliability = new Map<string, Record<string, number>>();
  for (const [name, value] of Object.entries(metrics)) {
    // A subgroup of fewer than k cases shows nothing: not even a mean over them.
    const subgroup = SUBGROUP.exec(name)?.[1];
    if (subgroup && totalOf(subgroup) < k) continue;
    const rate = RATE.exec(name);
    const scores = SCORES.exec(name);
    const cell = CONFUSION_CELL.exec(name);
    const rel = RELIABILITY.exec(name);
    const accuracy = ACCURACY.exec(name);
    if (rate) {
      const [, prefix, figure, , c] = rate as unknown as [string, string, string, string | undefined, string];
      if (!subgroup && releasable(pinned(prefix, figure, Number(c)), k)) out[name] = value;
      else dropped.add(`${prefix}|${figure}`);
    } else if (scores) {
      const [, prefix, c, kind, from, to] = scores as unknown as [string, string, string, string, string, string];
      const key = `${prefix}scores_${c}_${kind}`;
      histograms.set(key, [...(histograms.get(key) ?? []), { from: Number(from), to: Number(to), count: value }]);
      if (Math.min(...pinned(prefix, 'auroc', Number(c))) < k) unreleased.add(key);
    } else if (cell) {
      const guarded = guard.count(value);
      if (guarded !== null) out[name] = guarded;
    } else if (rel) {
      const key = `${rel[1]}rel_$_${rel[3]}`;
      reliability.set(key, { ...reliability.get(key), [rel[2]!]: value });
    } else if (accuracy) {
      const matrix = tables.get(accuracy[1]!);
      const correct = matrix?.reduce((s, row, i) => s + row[i]!, 0);
      if (!subgroup && (correct === undefined || releasable([correct, totalOf(accuracy[1]!) - correct], k))) out[name] = value;
    } else if (!subgroup || CONTINUOUS.test(name)) out[name] = value;
  }
  for (const [key, cells] of histograms) {
    if (unreleased.has(key)) continue;
    for (const merged of mergeCells(cells, k)) {
      const guarded = guard.count(merged.count);
      if (guarded !== null) out[`${key}_${merged.from}_${merged.to}`] = guarded;
    }
  }
  for (const [key, bin] of reliability) {
    const [size, correct] = [bin['n'] ?? 0, bin['correct'] ?? 0];
    const n = releasable([correct, size - correct], k) ? guard.count(size) : null;
    if (!n) continue;
    const scale = n / size;
    for (const [part, value] of Object.entries({ n, correct: correct * scale, confidence: (bin['confidence'] ?? 0) * scale }))
      out[key.replace('$', part)] = value;
  }
  // A macro mean over classes whose own figure could not leave would carry it.
  for (const figure of dropped) {
    const [prefix, name] = figure.split('|') as [string, string];
    delete out[`${prefix}${name === 'sensitivity' ? 'balanced_accuracy' : name}`];
  }
  return out;
}

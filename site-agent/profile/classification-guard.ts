import { METRIC_PREFIX } from '../../common/subgroup-metrics.js';
import type { CountGuard } from './privacy-guard.js';

const CELL = new RegExp(`^${METRIC_PREFIX}cm_(\\d+)_(\\d+)$`);
const SCORES = new RegExp(`^${METRIC_PREFIX}scores_(\\d+)_(pos|neg)_(\\d+)_(\\d+)$`);
const RELIABILITY = new RegExp(`^${METRIC_PREFIX}rel_(n|correct|confidence)_(\\d+)$`);
/** Per-class figures and the count each is a share of. */
const RATE = new RegExp(`^${METRIC_PREFIX}(sensitivity|specificity|ppv|npv|f1|auroc|ap)(_lo|_hi)?_(\\d+)$`);
/** Any figure of a subgroup, by its prefix. */
const SUBGROUP = /^(val_sub_[a-z]+_[A-Za-z0-9-]+_)/;

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
 * The classification figures of one evaluation as they may leave the site:
 * a per-class figure only when the count it is a share of reaches k (a
 * sensitivity over 3 positives is a count), AUROC and average precision only
 * with k positives and k negatives, macro means only when every class's
 * figure stayed; confusion cells through the guard; score histograms merged
 * to k per cell, then guarded; reliability bins by their guarded size, their
 * correct count and confidence sum scaled to it (so the bin's accuracy and
 * confidence, ratios, are kept).
 */
export function guardClassification(metrics: Record<string, number>, guard: CountGuard): Record<string, number> {
  const k = guard.policy.minCellSize;
  const matrices = new Map<string, number[][]>();
  for (const [name, value] of Object.entries(metrics)) {
    const match = CELL.exec(name);
    if (!match) continue;
    const matrix = matrices.get(match[1]!) ?? [];
    const [a, p] = [Number(match[2]), Number(match[3])];
    while (matrix.length <= Math.max(a, p)) matrix.push([]);
    matrix[a]![p] = value;
    matrices.set(match[1]!, matrix);
  }
  const totalOf = (prefix: string): number => (matrices.get(prefix) ?? []).reduce((s, row) => s + row.reduce((x, y) => x + (y ?? 0), 0), 0);
  const denominators = (prefix: string, c: number): Record<string, number> => {
    const matrix = matrices.get(prefix) ?? [];
    const at = (a: number, p: number): number => matrix[a]?.[p] ?? 0;
    const size = matrix.length;
    const total = totalOf(prefix);
    const positives = Array.from({ length: size }, (_, p) => at(c, p)).reduce((a, b) => a + b, 0);
    const predicted = Array.from({ length: size }, (_, a) => at(a, c)).reduce((a, b) => a + b, 0);
    const both = Math.min(positives, total - positives);
    return {
      sensitivity: positives,
      specificity: total - positives,
      ppv: predicted,
      npv: total - predicted,
      f1: Math.min(positives, predicted),
      auroc: both,
      ap: both,
    };
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
    const cell = CELL.exec(name);
    const rel = RELIABILITY.exec(name);
    if (rate) {
      const [, prefix, figure, , c] = rate as unknown as [string, string, string, string | undefined, string];
      if (denominators(prefix, Number(c))[figure]! >= k) out[name] = value;
      else dropped.add(`${prefix}|${figure}`);
    } else if (scores) {
      const [, prefix, c, kind, from, to] = scores as unknown as [string, string, string, string, string, string];
      const key = `${prefix}scores_${c}_${kind}`;
      histograms.set(key, [...(histograms.get(key) ?? []), { from: Number(from), to: Number(to), count: value }]);
      if (denominators(prefix, Number(c))['auroc']! < k) unreleased.add(key);
    } else if (cell) {
      const guarded = guard.count(value);
      if (guarded !== null) out[name] = guarded;
    } else if (rel) {
      const key = `${rel[1]}rel_$_${rel[3]}`;
      reliability.set(key, { ...reliability.get(key), [rel[2]!]: value });
    } else out[name] = value;
  }
  for (const [key, cells] of histograms) {
    if (unreleased.has(key)) continue;
    for (const merged of mergeCells(cells, k)) {
      const guarded = guard.count(merged.count);
      if (guarded !== null) out[`${key}_${merged.from}_${merged.to}`] = guarded;
    }
  }
  for (const [key, bin] of reliability) {
    const n = guard.count(bin['n'] ?? 0);
    if (!n) continue;
    const scale = n / bin['n']!;
    for (const [part, value] of Object.entries({ n, correct: (bin['correct'] ?? 0) * scale, confidence: (bin['confidence'] ?? 0) * scale }))
      out[key.replace('$', part)] = value;
  }
  // A macro mean over classes whose own figure could not leave would carry it.
  for (const figure of dropped) {
    const [prefix, name] = figure.split('|') as [string, string];
    delete out[`${prefix}${name === 'sensitivity' ? 'balanced_accuracy' : name}`];
  }
  return out;
}

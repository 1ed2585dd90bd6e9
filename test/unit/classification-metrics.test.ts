import { describe, expect, it } from 'vitest';

import { averagePrecision, classificationMetrics, delong, expectedCalibrationError, wilson } from '../../common/classification-metrics.js';
import { aboveChance, binnedAuc, pooledClassification } from '../../common/pooled-classification.js';
import { seededRandom } from '../../common/seeded-random.js';
import { guardClassification, mergeCells } from '../../site-agent/profile/classification-guard.js';
import { CountGuard } from '../../site-agent/profile/privacy-guard.js';

describe('study figures of a classifier', () => {
  it('AUROC counts ties as half, with DeLong’s variance from placement values (exact fractions)', () => {
    // Positives 0.9, 0.8, 0.4; negatives 0.7, 0.4, 0.2, 0.1: 10.5 of 12 pairs ordered right.
    const roc = delong([0.9, 0.8, 0.4, 0.7, 0.4, 0.2, 0.1], [true, true, true, false, false, false, false])!;
    expect(roc.auc).toBe(21 / 24);
    // V10 = 1, 1, 5/8 and V01 = 16/24, 20/24, 1, 1: S10 = 3/64, S01 = 44/1728, var = S10/3 + S01/4 = 38/1728.
    expect(roc.variance).toBeCloseTo(38 / 1728, 15);
    expect(roc.lo).toBeCloseTo(21 / 24 - 1.959963984540054 * Math.sqrt(38 / 1728), 15);
    expect(roc.hi).toBe(1);
    expect(delong([0.3, 0.2], [true, true])).toBeNull();
  });

  it('average precision is scikit-learn’s (its documented example), and null without positives', () => {
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(0.8333333333, 9);
    expect(averagePrecision([0.1, 0.4], [false, false])).toBeNull();
  });

  it('Wilson intervals match the literature, and stay inside [0, 1] at the extremes', () => {
    // Newcombe (1998), table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611.
    const rounded = (i: [number, number] | null) => i!.map((v) => Number(v.toFixed(4)));
    expect(rounded(wilson(81, 263))).toEqual([0.2553, 0.3662]);
    expect(rounded(wilson(15, 148))).toEqual([0.0624, 0.1605]);
    expect(rounded(wilson(0, 20))).toEqual([0, 0.1611]);
    expect(wilson(0, 0)).toBeNull();
  });

  it('reports sensitivity, specificity, PPV, NPV, F1, balanced accuracy, ECE and Brier for a hand-worked case', () => {
    // Six samples, two classes; p(class 1): 0.95, 0.65, 0.25 for positives, 0.85, 0.15, 0.05 for negatives (mid-bin values,
    // so float32 rounding cannot move one across a bin edge).
    const p1 = [0.95, 0.65, 0.25, 0.85, 0.15, 0.05];
    const probabilities = Float32Array.from(p1.flatMap((p) => [1 - p, p]));
    const metrics = classificationMetrics(probabilities, Int32Array.from([1, 1, 1, 0, 0, 0]), 2, 'val_', true);
    // At the most probable class: TP 2, FN 1, FP 1, TN 2.
    expect([metrics['val_cm_1_1'], metrics['val_cm_1_0'], metrics['val_cm_0_1'], metrics['val_cm_0_0']]).toEqual([2, 1, 1, 2]);
    expect([metrics['val_sensitivity_1'], metrics['val_specificity_1'], metrics['val_ppv_1'], metrics['val_npv_1'], metrics['val_f1_1']]).toEqual([
      2 / 3,
      2 / 3,
      2 / 3,
      2 / 3,
      2 / 3,
    ]);
    expect(metrics['val_balanced_accuracy']).toBe(2 / 3);
    // 7 of 9 pairs ordered right (0.25 is below the negative 0.85).
    expect(metrics['val_auroc_1']).toBeCloseTo(7 / 9, 6);
    // Brier: (0.05² + 0.35² + 0.75² + 0.85² + 0.15² + 0.05²) / 6 = 1.435 / 6.
    expect(metrics['val_brier']).toBeCloseTo(1.435 / 6, 6);
    // Confidences 0.95, 0.65, 0.75, 0.85, 0.85, 0.95 (correct, correct, wrong, wrong, correct, correct): bins 0.6 | 0.7 | 0.8 ×2 | 0.9 ×2.
    // ECE = (|1 − 0.65| + |0 − 0.75| + |1 − 1.7| + |2 − 1.9|) / 6 = 1.9 / 6.
    expect(metrics['val_ece']).toBeCloseTo(1.9 / 6, 6);
    // The histogram holds each positive's score once: 0.95 in bin [0.945, 0.95) or [0.95, 0.955), by float32 rounding.
    const positives = Object.entries(metrics).filter(([name]) => name.startsWith('val_scores_1_pos_'));
    expect(positives.reduce((n, [, v]) => n + v, 0)).toBe(3);
    expect(expectedCalibrationError([{ n: 0, correct: 0, confidence: 0 }])).toBeNull();
  });

  it('leaves a class out of AUROC when it has no positives, and its macro mean over the classes that have them', () => {
    const probabilities = Float32Array.from([0.7, 0.2, 0.1, 0.6, 0.3, 0.1, 0.2, 0.7, 0.1, 0.1, 0.8, 0.1]);
    const metrics = classificationMetrics(probabilities, Int32Array.from([0, 0, 1, 1]), 3, 'val_', false);
    expect(metrics['val_auroc_2']).toBeUndefined();
    expect(metrics['val_auroc']).toBe((metrics['val_auroc_0']! + metrics['val_auroc_1']!) / 2);
    expect(Object.keys(metrics).some((name) => name.includes('scores_'))).toBe(false);
  });
});

/** A site's validation predictions: positives score higher on average, with a site-specific shift. */
function site(seed: number, n: number, shift: number): { probabilities: Float32Array; labels: Int32Array } {
  const random = seededRandom(seed);
  const labels = Int32Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
  const probabilities = new Float32Array(n * 2);
  labels.forEach((label, i) => {
    const p = Math.min(0.999, Math.max(0.001, 0.3 + 0.35 * label + shift + (random() - 0.5) * 0.6));
    probabilities.set([1 - p, p], i * 2);
  });
  return { probabilities, labels };
}

describe('pooled figures from the sites’ sufficient statistics', () => {
  const sites = [site(1, 120, 0), site(2, 60, 0.1), site(3, 35, -0.05)];
  const raw = {
    scores: sites.flatMap((s) => Array.from(s.labels, (_, i) => s.probabilities[i * 2 + 1]!)),
    positive: sites.flatMap((s) => Array.from(s.labels, (l) => l === 1)),
  };

  it('equal the figures of the pooled raw predictions: AUROC within the stated binning bound, rates and ECE exactly', () => {
    const reports = sites.map((s) => classificationMetrics(s.probabilities, s.labels, 2, 'val_', true));
    const pooled = pooledClassification(reports);
    const truth = delong(raw.scores, raw.positive)!;
    expect(Math.abs(pooled['val_auroc_1']! - truth.auc)).toBeLessThanOrEqual(pooled['val_auroc_bound_1']!);
    // On the fine grid only scores sharing a 0.005 bin are uncertain: the bound is small.
    expect(pooled['val_auroc_bound_1']).toBeLessThan(0.01);
    const all = classificationMetrics(
      Float32Array.from(sites.flatMap((s) => [...s.probabilities])),
      Int32Array.from(sites.flatMap((s) => [...s.labels])),
      2,
      'val_',
      false,
    );
    for (const name of ['val_sensitivity_1', 'val_specificity_1', 'val_ppv_1', 'val_npv_1', 'val_sensitivity_lo_1', 'val_balanced_accuracy'])
      expect(pooled[name], name).toBe(all[name]);
    expect(pooled['val_ece']).toBeCloseTo(all['val_ece']!, 6);
    // The pooled interval is the interval of the binned scores: as wide as the raw one to within the binning.
    expect(pooled['val_auroc_hi_1']! - pooled['val_auroc_lo_1']!).toBeCloseTo(truth.hi - truth.lo, 2);
  });

  it('still bound the truth when each site merges its histogram to k = 5 scores a cell', () => {
    const reports = sites.map((s) => {
      const metrics = classificationMetrics(s.probabilities, s.labels, 2, 'val_', true);
      const merged: Record<string, number> = Object.fromEntries(Object.entries(metrics).filter(([name]) => !name.includes('scores_')));
      for (const kind of ['pos', 'neg']) {
        const cells = Object.entries(metrics).flatMap(([name, count]) => {
          const match = new RegExp(`^val_scores_1_${kind}_(\\d+)_(\\d+)$`).exec(name);
          return match ? [{ from: Number(match[1]), to: Number(match[2]), count }] : [];
        });
        for (const cell of mergeCells(cells, 5)) merged[`val_scores_1_${kind}_${cell.from}_${cell.to}`] = cell.count;
      }
      return merged;
    });
    const pooled = pooledClassification(reports);
    const truth = delong(raw.scores, raw.positive)!;
    expect(Math.abs(pooled['val_auroc_1']! - truth.auc)).toBeLessThanOrEqual(pooled['val_auroc_bound_1']!);
    expect(pooled['val_auroc_bound_1']).toBeGreaterThan(0.01);
  });

  it('takes overlapping cells at the chance of an even spread, bounded by its distance to 0 or 1; a site’s own pairs from its AUROC', () => {
    const cell = (from: number, to: number) => ({ from, to, count: 1 });
    // X even on [10, 20), Y on [15, 16): X ≥ 16 (0.4) wins, X in Y's cell (0.1) wins half the time.
    expect(aboveChance(cell(10, 20), cell(15, 16))).toBeCloseTo(0.45, 15);
    expect(aboveChance(cell(15, 16), cell(15, 16))).toBe(0.5);
    // X even on [0, 2), Y even on [1, 2): P(X > Y) = ½ · ½ (X must be in [1, 2), then a fair race).
    expect(aboveChance(cell(0, 2), cell(1, 2))).toBe(0.25);
    expect(aboveChance(cell(16, 20), cell(15, 16))).toBe(1);
    // Two sites, one positive and one negative each, all in one cell: the cross pairs are ½ ± ½, the sites' own pairs exact.
    const sites = [
      { pos: [cell(5, 6)], neg: [cell(5, 6)], auc: 1 },
      { pos: [cell(5, 6)], neg: [cell(5, 6)], auc: 0 },
    ];
    expect(binnedAuc(sites)).toMatchObject({ auc: 0.5, bound: 0.25 });
    expect(binnedAuc([{ pos: [cell(16, 20)], neg: [cell(15, 16)] }])).toMatchObject({ auc: 1, bound: 0 });
  });
});

describe('the site’s guard on classification figures', () => {
  it('merges score cells to k, drops figures over fewer than k cases, and keeps bin accuracy as a ratio', () => {
    expect(
      mergeCells(
        [
          { from: 3, to: 4, count: 2 },
          { from: 0, to: 1, count: 4 },
          { from: 7, to: 8, count: 5 },
          { from: 9, to: 10, count: 1 },
        ],
        5,
      ),
    ).toEqual([
      { from: 0, to: 4, count: 6 },
      { from: 7, to: 10, count: 6 },
    ]);
    // 3 positives, 12 negatives at k = 5: TP 3, FN 0, FP 2, TN 10. No rate leaves: even specificity, over 12 negatives, would
    // say 2 false positives (10/12), and AUROC is over 3 positives.
    const probabilities = Float32Array.from(Array.from({ length: 15 }, (_, i) => (i < 3 ? [0.15, 0.85] : i < 5 ? [0.35, 0.65] : [0.95, 0.05])).flat());
    const labels = Int32Array.from({ length: 15 }, (_, i) => (i < 3 ? 1 : 0));
    const guarded = guardClassification(
      { ...classificationMetrics(probabilities, labels, 2, 'val_', true), val_accuracy: 13 / 15 },
      new CountGuard({ minCellSize: 5 }),
    );
    expect(Object.keys(guarded).filter((name) => /(sensitivity|specificity|ppv|npv|f1|auroc|ap|balanced_accuracy)/.test(name))).toEqual([]);
    expect(Object.keys(guarded).filter((name) => name.startsWith('val_scores_1'))).toEqual([]);
    // Accuracy 13/15 says 2 wrong: it stays too. Brier and ECE, not ratios of counts, leave.
    expect(guarded['val_accuracy']).toBeUndefined();
    expect(Object.keys(guarded).filter((name) => /brier|ece/.test(name))).toEqual(['val_ece', 'val_brier']);
    // Confusion cells: TN 10 and FN 0 stay, FP 2 and TP 3 are suppressed: nothing in 1…k − 1 leaves.
    expect(Object.entries(guarded).filter(([name]) => name.startsWith('val_cm_'))).toEqual([
      ['val_cm_0_0', 10],
      ['val_cm_1_0', 0],
    ]);
    // Reliability: the 0.95-confidence bin of 10 correct keeps accuracy 1; the 0.85 bin (3 correct) and 0.65 bin (2 wrong) are under k.
    expect([guarded['val_rel_n_9'], guarded['val_rel_correct_9']]).toEqual([10, 10]);
    expect(guarded['val_rel_n_8']).toBeUndefined();
  });

  it('lets an exact rate leave only when every cell of its one-vs-rest table is 0 or at least k', () => {
    // The outside test's case: sensitivity 4/7 with 20 negatives (TP 4, FN 3, FP 5, TN 15) at k = 5 said 3 missed positives.
    const table = (tp: number, fn: number, fp: number, tn: number): Record<string, number> => ({
      val_cm_1_1: tp,
      val_cm_1_0: fn,
      val_cm_0_1: fp,
      val_cm_0_0: tn,
      val_sensitivity_1: tp / (tp + fn),
      val_specificity_1: tn / (tn + fp),
      val_ppv_1: tp / (tp + fp),
      val_accuracy: (tp + tn) / (tp + fn + fp + tn),
      val_balanced_accuracy: 0.5,
    });
    const guard = new CountGuard({ minCellSize: 5 });
    // Only the cells through the guard, and accuracy: 19 right and 8 wrong, neither a count under k (it does not split the 8).
    expect(guardClassification(table(4, 3, 5, 15), guard)).toEqual({ val_cm_0_1: 5, val_cm_0_0: 15, val_accuracy: 19 / 27 });
    // Every cell at least 5: the exact figures leave, the cells coarsened to multiples of 5.
    expect(guardClassification(table(12, 5, 6, 20), guard)).toEqual({
      val_cm_1_1: 10,
      val_cm_1_0: 5,
      val_cm_0_1: 5,
      val_cm_0_0: 20,
      val_sensitivity_1: 12 / 17,
      val_specificity_1: 20 / 26,
      val_ppv_1: 12 / 18,
      val_accuracy: 32 / 43,
      val_balanced_accuracy: 0.5,
    });
    // 2 wrong of 40: accuracy 38/40 would say 2, so it stays, with every rate of the table that holds the 2.
    expect(guardClassification(table(20, 0, 2, 18), guard)).toEqual({ val_cm_1_1: 20, val_cm_1_0: 0, val_cm_0_0: 20 });
  });
});

import { isSegmentationCount } from '../../common/segmentation-metrics.js';
import type { DatasetSummary } from '../../common/task-order.js';
import { isValidation, type ScanResult } from '../data/dataset.js';
import { guardClassification } from './classification-guard.js';
import { merkleRoot } from './merkle.js';
import { type CountGuard, releasable } from './privacy-guard.js';

/**
 * The dataset summary of the hello, every count through the guard. A class
 * whose count is suppressed is left out (the profile names it, with its count
 * suppressed), and a suppressed total is sent as 0: the site neither trains
 * nor reports metrics on fewer than k samples.
 */
export function publishedDataset(scan: ScanResult, kind: string, validationFraction: number, guard: CountGuard): DatasetSummary {
  const classes = [...new Set(scan.samples.map((s) => s.label))].sort();
  const validation = scan.samples.filter((s) => isValidation(s, validationFraction)).length;
  const counted = classes.map((c) => [c, guard.count(scan.samples.filter((s) => s.label === c).length)] as const).filter(([, n]) => n !== null);
  return {
    kind,
    trainSamples: guard.count(scan.samples.length - validation) ?? 0,
    validationSamples: guard.count(validation) ?? 0,
    classes: counted.map(([c]) => c),
    classCounts: counted.map(([, n]) => n!),
    inputShape: [],
    skippedFiles: guard.count(scan.skipped.length) ?? 0,
    fingerprint: merkleRoot(scan.samples),
  };
}

/**
 * An update's metrics: val_samples through the guard, and no validation
 * metric at all when it is suppressed (an accuracy over 3 samples is a
 * count). Segmentation pixel counts are scaled to the guarded sample count:
 * exact pixel totals would give away the exact number of validation images
 * (every image has the same size). Dice and IoU, ratios, are unchanged.
 * Classification figures and statistics go through guardClassification.
 * The last epoch's training accuracy of a classifier over `trainSamples`
 * leaves only when its correct and wrong predictions are each 0 or at least
 * k (a segmentation's is over pixels, not cases).
 */
export function guardedMetrics(all: Record<string, number>, guard: CountGuard, trainSamples?: number): Record<string, number> {
  const trainCorrect = all['train_accuracy'] === undefined || trainSamples === undefined ? undefined : Math.round(all['train_accuracy'] * trainSamples);
  const pixels = Object.keys(all).some(isSegmentationCount);
  const metrics =
    trainCorrect === undefined || pixels || releasable([trainCorrect, trainSamples! - trainCorrect], guard.policy.minCellSize)
      ? all
      : Object.fromEntries(Object.entries(all).filter(([name]) => name !== 'train_accuracy'));
  const exact = metrics['val_samples'];
  const validation = exact === undefined ? undefined : guard.count(exact);
  if (validation === null) return Object.fromEntries(Object.entries(metrics).filter(([name]) => !name.startsWith('val_')));
  if (validation === undefined) return metrics;
  const scale = exact! > 0 ? validation / exact! : 0;
  return guardClassification(
    {
      ...Object.fromEntries(Object.entries(metrics).map(([name, value]) => [name, isSegmentationCount(name) ? value * scale : value])),
      val_samples: validation,
    },
    guard,
  );
}

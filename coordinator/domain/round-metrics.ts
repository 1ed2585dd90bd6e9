import { isClassificationStatistic, pooledClassification } from '../../common/pooled-classification.js';
import { isSegmentationMetric, pooledCounts, segmentationMetrics } from '../../common/segmentation-metrics.js';

/** Interval bounds are not averaged: a mean of sites' lower bounds is no interval. */
const INTERVAL = /_(lo|hi|bound)_\d+$/;

/**
 * Sample-weighted mean of each metric over the sites that reported it.
 * Metrics measured on a validation split (names starting "val_") are weighted
 * by the site's validation sample count, the rest by its training samples.
 * Segmentation counts are summed instead, and Dice and IoU computed from the
 * sums; so are classification statistics, and the received model's AUROC,
 * sensitivity, specificity, calibration… computed from them (with their
 * intervals): the figures of every site's predictions together. After local
 * training each site holds its own model, so "val_local_" figures stay
 * sample-weighted means, without intervals.
 */
export function weightedMetrics(reports: readonly { sampleCount: number; metrics: Record<string, number> }[]): Record<string, number> {
  const sums = new Map<string, { total: number; weight: number }>();
  for (const report of reports) {
    for (const [name, value] of Object.entries(report.metrics)) {
      if (!Number.isFinite(value) || name === 'val_samples' || isSegmentationMetric(name) || isClassificationStatistic(name) || INTERVAL.test(name)) continue;
      const weight = name.startsWith('val_') ? (report.metrics['val_samples'] ?? 0) : report.sampleCount;
      if (weight <= 0) continue;
      const entry = sums.get(name) ?? { total: 0, weight: 0 };
      entry.total += value * weight;
      entry.weight += weight;
      sums.set(name, entry);
    }
  }
  const result: Record<string, number> = {};
  for (const [name, { total, weight }] of [...sums].sort(([a], [b]) => a.localeCompare(b))) result[name] = total / weight;
  // Segmentation counts are summed and Dice recomputed from the sums: the pooled Dice of every site's pixels.
  for (const [prefix, counts] of pooledCounts(reports.map((r) => r.metrics))) Object.assign(result, segmentationMetrics(counts, prefix));
  Object.assign(result, pooledClassification(reports.map((r) => r.metrics)));
  result['val_samples'] = reports.reduce((n, r) => n + (r.metrics['val_samples'] ?? 0), 0);
  result['train_samples'] = reports.reduce((n, r) => n + r.sampleCount, 0);
  return result;
}

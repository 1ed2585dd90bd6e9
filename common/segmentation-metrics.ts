/**
 * Segmentation quality as sufficient statistics: per class, the pixels (or
 * voxels) both predicted and labelled as it, those predicted as it, and those
 * labelled as it. Sites report these counts on their validation split; the
 * coordinator sums them, so a pooled Dice is exactly the Dice of all sites'
 * pixels together, not an average of per-site averages.
 */
export interface SegmentationCounts {
  intersection: number[];
  predicted: number[];
  actual: number[];
}

const COUNT = /^(val_|val_local_)seg_(intersection|predicted|actual)_(\d+)$/;

/** Counts from predicted and true class indices, one per pixel. */
export function countSegmentation(predicted: ArrayLike<number>, actual: ArrayLike<number>, classCount: number): SegmentationCounts {
  const counts: SegmentationCounts = {
    intersection: Array<number>(classCount).fill(0),
    predicted: Array<number>(classCount).fill(0),
    actual: Array<number>(classCount).fill(0),
  };
  for (let i = 0; i < actual.length; i++) {
    const p = predicted[i]!;
    const a = actual[i]!;
    counts.predicted[p]! += 1;
    counts.actual[a]! += 1;
    if (p === a) counts.intersection[a]! += 1;
  }
  return counts;
}

export function addCounts(a: SegmentationCounts, b: SegmentationCounts): SegmentationCounts {
  return {
    intersection: a.intersection.map((v, c) => v + (b.intersection[c] ?? 0)),
    predicted: a.predicted.map((v, c) => v + (b.predicted[c] ?? 0)),
    actual: a.actual.map((v, c) => v + (b.actual[c] ?? 0)),
  };
}

/**
 * The metrics a site reports, under `prefix` ("val_" on the received model,
 * "val_local_" after local training): the counts, and per class Dice
 * 2I / (P + A) and IoU I / (P + A − I); `dice` is their mean over the classes
 * present in prediction or label (a class absent from both says nothing).
 */
export function segmentationMetrics(counts: SegmentationCounts, prefix: string): Record<string, number> {
  const metrics: Record<string, number> = {};
  const dices: number[] = [];
  counts.intersection.forEach((i, c) => {
    const [p, a] = [counts.predicted[c]!, counts.actual[c]!];
    metrics[`${prefix}seg_intersection_${c}`] = i;
    metrics[`${prefix}seg_predicted_${c}`] = p;
    metrics[`${prefix}seg_actual_${c}`] = a;
    if (p + a === 0) return;
    metrics[`${prefix}dice_${c}`] = (2 * i) / (p + a);
    metrics[`${prefix}iou_${c}`] = i / (p + a - i);
    dices.push(metrics[`${prefix}dice_${c}`]!);
  });
  if (dices.length > 0) metrics[`${prefix}dice`] = dices.reduce((x, y) => x + y, 0) / dices.length;
  return metrics;
}

/** The summed counts of several reports, per prefix, read back from their metric names; empty when none reports any. */
export function pooledCounts(reports: readonly Record<string, number>[]): Map<string, SegmentationCounts> {
  const pooled = new Map<string, SegmentationCounts>();
  for (const metrics of reports) {
    for (const [name, value] of Object.entries(metrics)) {
      const match = COUNT.exec(name);
      if (!match) continue;
      const [, prefix, kind, index] = match as unknown as [string, string, 'intersection' | 'predicted' | 'actual', string];
      const counts = pooled.get(prefix) ?? { intersection: [], predicted: [], actual: [] };
      const c = Number(index);
      for (const list of [counts.intersection, counts.predicted, counts.actual]) while (list.length <= c) list.push(0);
      counts[kind][c]! += value;
      pooled.set(prefix, counts);
    }
  }
  return pooled;
}

/** Whether a metric is one of the pixel counts a site reports. */
export function isSegmentationCount(name: string): boolean {
  return COUNT.test(name);
}

/** Whether a metric is a segmentation count or a figure derived from counts: pooled by summing, never averaged. */
export function isSegmentationMetric(name: string): boolean {
  return COUNT.test(name) || /^(val_|val_local_)(dice|iou)(_\d+)?$/.test(name);
}

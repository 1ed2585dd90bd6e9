import { describe, expect, it } from 'vitest';

import { diceText } from '../../cli/run-view.js';
import { countSegmentation, segmentationMetrics } from '../../common/segmentation-metrics.js';
import { weightedMetrics } from '../../coordinator/domain/round-metrics.js';

describe('segmentation metrics', () => {
  it('counts per class the pixels predicted, labelled, and both', () => {
    // predicted 0 0 1 1 2, actual 0 1 1 1 0
    expect(countSegmentation([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], 3)).toEqual({ intersection: [1, 2, 0], predicted: [2, 2, 1], actual: [2, 3, 0] });
    const metrics = segmentationMetrics({ intersection: [1, 2, 0], predicted: [2, 2, 1], actual: [2, 3, 0] }, 'val_');
    // Dice 2·1/4 = 0.5, 2·2/5 = 0.8, 0; IoU 1/3, 2/3, 0.
    expect([metrics['val_dice_0'], metrics['val_dice_1'], metrics['val_dice_2']]).toEqual([0.5, 0.8, 0]);
    expect([metrics['val_iou_0'], metrics['val_iou_1'], metrics['val_iou_2']]).toEqual([1 / 3, 2 / 3, 0]);
    expect(metrics['val_dice']).toBeCloseTo(1.3 / 3, 12);
  });

  it('pools Dice from the summed counts of the sites: exactly the Dice of all their pixels together', () => {
    // Site A: a large lesion found well; site B: a small one missed half. Averaging their Dice would weigh them alike.
    const a = { predicted: [0, 0, 0, 1, 1, 1, 1, 1], actual: [0, 0, 1, 1, 1, 1, 1, 1] };
    const b = { predicted: [0, 0, 0, 0, 0, 0, 1, 0], actual: [0, 0, 0, 0, 0, 0, 1, 1] };
    const report = (site: typeof a, samples: number) => ({
      sampleCount: 10,
      metrics: { val_samples: samples, ...segmentationMetrics(countSegmentation(site.predicted, site.actual, 2), 'val_') },
    });
    const pooled = weightedMetrics([report(a, 10), report(b, 10)]);
    const together = segmentationMetrics(countSegmentation([...a.predicted, ...b.predicted], [...a.actual, ...b.actual], 2), 'val_');
    for (const name of [
      'val_dice',
      'val_dice_0',
      'val_dice_1',
      'val_iou_0',
      'val_iou_1',
      'val_seg_intersection_1',
      'val_seg_predicted_1',
      'val_seg_actual_1',
    ]) {
      expect(pooled[name], name).toBe(together[name]);
    }
    // Lesion class: 2·(5 + 1) / ((5 + 1) + (6 + 2)) = 12 / 14, not the mean of 10/11 and 2/3.
    expect(pooled['val_dice_1']).toBe(12 / 14);
  });

  it('shows Dice per class in run watch and run status, and nothing for a classification run', () => {
    const metrics = segmentationMetrics({ intersection: [90, 6], predicted: [94, 8], actual: [92, 10] }, 'val_');
    // 2·90 / 186 = 0.968, 2·6 / 18 = 0.667, mean 0.817.
    expect(diceText(metrics)).toBe('  Dice 0.817 (0: 0.968, 1: 0.667)');
    expect(diceText({ val_accuracy: 0.9 })).toBe('');
  });
});

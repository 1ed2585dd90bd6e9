import { describe, expect, it } from 'vitest';

import { parseRunSpec } from '../../common/run-spec.parse.js';
import { scoreOf, selectNext } from '../../coordinator/domain/model-selection.js';
import { tinySpec } from '../support/coordinator.js';

describe('choosing the best model version', () => {
  it('scores a version pooled, or by its worst site (the lowest AUROC, the highest loss)', () => {
    const sites = [{ val_auroc_1: 0.9, val_loss: 0.2 }, { val_auroc_1: 0.7, val_loss: 0.5 }, { val_accuracy: 0.8 }];
    expect(scoreOf({ metric: 'auroc_1', over: 'pooled' }, { val_auroc_1: 0.85 }, sites)).toBe(0.85);
    expect(scoreOf({ metric: 'auroc_1', over: 'worst-site' }, {}, sites)).toBe(0.7);
    expect(scoreOf({ metric: 'loss', over: 'worst-site' }, {}, sites)).toBe(0.5);
    expect(scoreOf({ metric: 'dice', over: 'pooled' }, { val_auroc_1: 0.85 }, sites)).toBeNull();
  });

  it('keeps the earlier of two equal versions, minimises loss, and counts versions without improvement', () => {
    const spec = { selection: { metric: 'loss', over: 'pooled' as const } };
    const first = selectNext(spec, null, { modelVersionId: 'v0', round: 0, score: 0.5 }, 1);
    expect(first).toEqual({ selection: { modelVersionId: 'v0', round: 0, metric: 'loss', over: 'pooled', value: 0.5, since: 0 }, improved: true, stop: null });
    const tie = selectNext(spec, first.selection, { modelVersionId: 'v1', round: 1, score: 0.5 }, 2);
    expect([tie.selection?.modelVersionId, tie.selection?.since, tie.improved]).toEqual(['v0', 1, false]);
    const lower = selectNext(spec, tie.selection, { modelVersionId: 'v2', round: 2, score: 0.4 }, 3);
    expect([lower.selection?.modelVersionId, lower.selection?.since, lower.improved]).toEqual(['v2', 0, true]);
    // No score (no site reported the metric): nothing changes.
    expect(selectNext(spec, lower.selection, { modelVersionId: 'v3', round: 3, score: null }, 4).selection).toBe(lower.selection);
  });

  it('refuses early stopping without a selection, and a metric it cannot rank by, naming the field', () => {
    expect(() => parseRunSpec({ ...tinySpec(['a']), earlyStopping: { patience: 2 } })).toThrow(
      'earlyStopping: early stopping watches the selection metric: set selection: { metric: … } too',
    );
    expect(() => parseRunSpec({ ...tinySpec(['a']), selection: { metric: 'val_auroc' } })).toThrow(/selection.metric: metric is one of loss, accuracy, auroc/);
  });
});

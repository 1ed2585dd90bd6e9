import { LOWER_IS_BETTER, type RunSpec, type Selection } from '../../common/run-spec.schema.js';

/** The best version of a run so far, and how many evaluated versions since have not beaten it. */
export interface SelectedModel {
  modelVersionId: string;
  /** The version's round (0: the initial model). */
  round: number;
  metric: string;
  over: Selection['over'];
  value: number;
  /** Versions evaluated since the best without improving on it by minDelta. */
  since: number;
}

/** A run ended before its last round, and why. */
export interface EarlyStop {
  afterRound: number;
  reason: string;
}

export const modeOf = (selection: Selection): 'max' | 'min' => selection.mode ?? (LOWER_IS_BETTER.has(selection.metric) ? 'min' : 'max');

/**
 * A version's score under the selection, from its pooled evaluation or from
 * each site's report on it (the worst site's); null when no site reported the
 * metric.
 */
export function scoreOf(selection: Selection, pooled: Record<string, number>, perSite: readonly Record<string, number>[]): number | null {
  const name = `val_${selection.metric}`;
  if (selection.over === 'pooled') return Number.isFinite(pooled[name]) ? pooled[name]! : null;
  const values = perSite.map((m) => m[name]).filter((v): v is number => Number.isFinite(v));
  if (values.length === 0) return null;
  return modeOf(selection) === 'max' ? Math.min(...values) : Math.max(...values);
}

/**
 * The selection after one more version was evaluated: it becomes the best
 * when it beats the best by more than minDelta (ties keep the earlier, the
 * first to reach the figure), else the count since the best grows; with
 * early stopping, `patience` versions in a row without improvement end the
 * run after the round that measured the last of them.
 */
export function selectNext(
  spec: Pick<RunSpec, 'selection' | 'earlyStopping'>,
  current: SelectedModel | null,
  candidate: { modelVersionId: string; round: number; score: number | null },
  measuredInRound: number,
): { selection: SelectedModel | null; improved: boolean; stop: EarlyStop | null } {
  const selection = spec.selection;
  if (!selection || candidate.score === null) return { selection: current, improved: false, stop: null };
  const minDelta = spec.earlyStopping?.minDelta ?? 0;
  const better = current === null || (modeOf(selection) === 'max' ? candidate.score > current.value + minDelta : candidate.score < current.value - minDelta);
  if (better) {
    const chosen: SelectedModel = {
      modelVersionId: candidate.modelVersionId,
      round: candidate.round,
      metric: selection.metric,
      over: selection.over,
      value: candidate.score,
      since: 0,
    };
    return { selection: chosen, improved: true, stop: null };
  }
  const next = { ...current, since: current.since + 1 };
  const patience = spec.earlyStopping?.patience;
  const stop =
    patience !== undefined && next.since >= patience
      ? {
          afterRound: measuredInRound,
          reason: `${selection.metric} (${selection.over}) has not improved on ${current.value.toFixed(4)} (round ${current.round}'s model) by more than ${minDelta} for ${next.since} evaluated models (patience ${patience})`,
        }
      : null;
  return { selection: next, improved: false, stop };
}

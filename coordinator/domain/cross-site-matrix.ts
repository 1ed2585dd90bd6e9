import type { InitialModel } from './records.js';

/** One cell: the personalised model of `model`'s site, evaluated on `site`'s validation split. */
export interface CrossSiteCell {
  model: string;
  site: string;
  /** The evaluation's task status: sent, accepted, failed, expired. */
  status: string;
  /** The site's guarded figures (val_*), when it reported. */
  metrics: Record<string, number> | null;
  reason: string | null;
}

export interface CrossSiteMatrix {
  runId: string;
  /** One row per site whose personalised model was shared, with the evaluation job that evaluates it. */
  models: { site: string; modelId: string; evaluationRunId: string | null; status: string | null }[];
  /** The evaluating sites, in order. */
  sites: string[];
  cells: CrossSiteCell[];
}

/** What the matrix reads of one evaluation job: its status and its evaluation round's tasks. */
export interface EvaluationJob {
  runId: string;
  status: string;
  initialModel: string;
  tasks: { siteId: string; status: string; reason: string | null; metrics: Record<string, number> | null }[];
}

/**
 * The cross-site matrix of a personalised run: for each shared personalised
 * model (the latest per site), the newest evaluation job of it, and each
 * evaluating site's figures. The diagonal is each site on its own model; a
 * site whose policy kept its tensors has a column and no row.
 */
export function crossSiteMatrix(runId: string, personalised: readonly InitialModel[], jobs: readonly EvaluationJob[]): CrossSiteMatrix {
  const latest = new Map<string, InitialModel>();
  for (const model of personalised) if (model.siteId && (latest.get(model.siteId)?.createdAt ?? '') <= model.createdAt) latest.set(model.siteId, model);
  const rows = [...latest.values()].sort((a, b) => a.siteId!.localeCompare(b.siteId!));
  const jobOf = new Map(rows.map((m) => [m.siteId!, jobs.filter((j) => j.initialModel === m.id).at(-1) ?? null]));
  const sites = [...new Set([...rows.map((m) => m.siteId!), ...[...jobOf.values()].flatMap((j) => j?.tasks.map((t) => t.siteId) ?? [])])].sort();
  return {
    runId,
    models: rows.map((m) => ({
      site: m.siteId!,
      modelId: m.id,
      evaluationRunId: jobOf.get(m.siteId!)?.runId ?? null,
      status: jobOf.get(m.siteId!)?.status ?? null,
    })),
    sites,
    cells: rows.flatMap((m) =>
      (jobOf.get(m.siteId!)?.tasks ?? []).map((t) => ({ model: m.siteId!, site: t.siteId, status: t.status, metrics: t.metrics, reason: t.reason })),
    ),
  };
}

/** Figures a cross-site matrix can show, the first any cell reported chosen by default: AUROC, Dice, then accuracy. */
export const CROSS_SITE_METRICS = ['val_auroc', 'val_dice', 'val_accuracy', 'val_loss'] as const;

/**
 * The matrix as rows of text, for the CLI and the report: a row per site's
 * personalised model, a column per evaluating site; a cell is the figure to 3
 * decimals, or why there is none (the task's status, or "withheld" where the
 * site's guard kept that figure).
 */
export function crossSiteGrid(matrix: CrossSiteMatrix, metric?: string): { metric: string | null; rows: string[][] } {
  const chosen = metric ?? CROSS_SITE_METRICS.find((m) => matrix.cells.some((c) => c.metrics?.[m] !== undefined)) ?? null;
  const rows = matrix.models.map((model) => [
    `${model.site}'s model`,
    ...matrix.sites.map((site) => {
      const cell = matrix.cells.find((c) => c.model === model.site && c.site === site);
      if (!cell) return model.evaluationRunId ? 'not asked' : 'not started';
      if (!cell.metrics) return cell.status;
      const value = chosen ? cell.metrics[chosen] : undefined;
      return value === undefined ? 'withheld' : value.toFixed(3);
    }),
  ]);
  return { metric: chosen, rows };
}

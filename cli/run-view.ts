import { finalRound, reportedClasses } from '../common/final-figures.js';
import { subgroupFigures } from '../common/subgroup-metrics.js';
import type { RunDetails } from '../coordinator/services/run.service.js';

type JsonDetails = RunDetails;

const percent = (value: number | undefined): string => (value === undefined ? '   -  ' : `${(value * 100).toFixed(1).padStart(5)}%`);

function bar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

type RoundView = JsonDetails['rounds'][number];
type Progress = NonNullable<RoundView['tasks'][number]['progress']>;

export const roundLabel = (round: Pick<RoundView, 'kind' | 'number'>): string => (round.kind === 'evaluate' ? 'final evaluation' : `round ${round.number}`);

/** "training epoch 2/5" (with a bar on a terminal), or the phase alone. */
export function phaseText(p: Progress, withBar = false): string {
  return `${p.phase}${p.phase === 'training' && p.epochs ? ` epoch ${p.epoch}/${p.epochs}${withBar ? ` ${bar(p.epoch, p.epochs, 10)}` : ''}` : ''}`;
}

/** A progress bar per round and a table of per-site metrics, as `consilium run watch` prints them. */
export function renderRun(details: JsonDetails): string {
  const { run, rounds, models } = details;
  const lines = [`run ${run.id}  ${run.name}  status: ${run.status}  rounds: ${run.completedRounds}/${run.spec.rounds}`];
  if (run.error) lines.push(`  error: ${run.error}`);
  for (const exclusion of run.exclusions ?? []) lines.push(`  left out by the quality gate: ${exclusion.siteId}: ${exclusion.reason}`);
  // Sites that have not (or no longer) consented, with their reason; approved ones show in the rounds.
  for (const consent of (details.consents ?? []).filter((c) => c.state !== 'approved'))
    lines.push(`  ${consent.siteId}: ${consent.state}${consent.reason ? `: ${consent.reason}` : ''}`);
  for (const round of rounds) {
    const done = round.tasks.filter((t) => t.status !== 'sent').length;
    const label = roundLabel(round);
    lines.push(`  ${label.padEnd(16)} ${bar(done, round.tasks.length)} ${done}/${round.tasks.length} sites  ${round.status}`);
    for (const task of round.tasks) {
      const m = task.update?.metrics ?? {};
      const p = task.progress;
      const detail =
        task.status === 'accepted'
          ? `samples ${String(task.update?.sampleCount ?? 0).padStart(5)}  global val acc ${percent(m['val_accuracy'])}  local val acc ${percent(m['val_local_accuracy'])}  train loss ${m['train_loss']?.toFixed(4) ?? '-'}${diceText(m)}${clinicalText(m)}`
          : p
            ? phaseText(p, true)
            : (task.reason ?? task.update?.reason ?? '');
      lines.push(`    ${task.siteId.padEnd(14)} ${task.status.padEnd(9)} ${detail}`);
    }
  }
  lines.push(...selectionLines(run), ...subgroupFlags(details));
  const evaluated = models.filter((m) => m.evaluation?.['val_accuracy'] !== undefined);
  if (evaluated.length > 0) {
    lines.push('  global model validation accuracy (federated, sample-weighted):');
    for (const model of evaluated)
      lines.push(
        `    after round ${model.round}: ${percent(model.evaluation!['val_accuracy'])}  loss ${model.evaluation!['val_loss']?.toFixed(4)}${diceText(model.evaluation!)}${clinicalText(model.evaluation!)}`,
      );
  }
  return lines.join('\n');
}

/** Subgroups of the final model whose sensitivity is clearly below the other cases' (the report and /subgroups have every figure). */
export function subgroupFlags(details: JsonDetails): string[] {
  const final = finalRound(details.rounds);
  if (!final?.metrics) return [];
  return subgroupFigures(final.metrics, reportedClasses(details.run.spec.classes.length)).flatMap((f) => (f.flag ? [`  subgroup flag: ${f.flag}`] : []));
}

/** The best version so far by the spec's selection, and why the run stopped early, when it did. */
export function selectionLines(run: JsonDetails['run']): string[] {
  const lines: string[] = [];
  if (run.selection) {
    const { round, metric, over, value, modelVersionId } = run.selection;
    lines.push(`  best model: round ${round}'s (${modelVersionId}), ${metric} ${value.toFixed(4)} (${over}); consilium run download ${run.id} --best`);
  }
  if (run.stoppedEarly) lines.push(`  stopped early after round ${run.stoppedEarly.afterRound}: ${run.stoppedEarly.reason}`);
  return lines;
}

/** Segmentation: the mean Dice over classes and each class's, on the received model (pooled, for the global model's line). */
export function diceText(metrics: Record<string, number>): string {
  if (metrics['val_dice'] === undefined) return '';
  const classes = Object.keys(metrics)
    .filter((name) => /^val_dice_\d+$/.test(name))
    .map((name) => `${name.slice('val_dice_'.length)}: ${metrics[name]!.toFixed(3)}`);
  return `  Dice ${metrics['val_dice'].toFixed(3)} (${classes.join(', ')})`;
}

/**
 * Classification on the received model: AUROC, sensitivity and specificity
 * with their 95 % intervals, of class 1 for two classes (the positive class)
 * and macro AUROC for more; pooled figures also show AUROC's binning bound.
 */
export function clinicalText(metrics: Record<string, number>): string {
  const withInterval = (name: string, c: number): string | null => {
    const value = metrics[`val_${name}_${c}`];
    if (value === undefined) return null;
    const [lo, hi] = [metrics[`val_${name}_lo_${c}`], metrics[`val_${name}_hi_${c}`]];
    return `${value.toFixed(3)}${lo !== undefined && hi !== undefined ? ` [${lo.toFixed(3)}, ${hi.toFixed(3)}]` : ''}`;
  };
  const binary = metrics['val_auroc_2'] === undefined && metrics['val_sensitivity_2'] === undefined;
  if (binary && (metrics['val_auroc_1'] !== undefined || metrics['val_sensitivity_1'] !== undefined)) {
    const parts = [
      ['AUROC', withInterval('auroc', 1)],
      ['sens', withInterval('sensitivity', 1)],
      ['spec', withInterval('specificity', 1)],
    ].filter(([, v]) => v !== null);
    const bound = metrics['val_auroc_bound_1'];
    return parts.length === 0 ? '' : `  ${parts.map(([k, v]) => `${k} ${v}`).join('  ')}${bound !== undefined ? ` (AUROC ± ${bound.toFixed(4)} binning)` : ''}`;
  }
  return metrics['val_auroc'] !== undefined ? `  macro AUROC ${metrics['val_auroc'].toFixed(3)}` : '';
}

import { ConsiliumError } from '../../common/errors.js';
import { parseCsv } from '../data/csv.source.js';

/** One unlabelled case as a reader sees it on the worklist: the model's class and how sure it was. */
export interface WorklistRow {
  caseId: string;
  predicted: string;
  /** The predicted class's probability. */
  probability: number;
  /** Entropy of the class probabilities over log(classes): 0 certain, 1 no idea (for a mask, the mean over its pixels). */
  uncertainty: number;
  /** Masks: the predicted mask's file, relative to the worklist, for the reader to correct in place. */
  mask?: string;
}

/** A reader's answer for one case, read back from a worklist. */
export interface Correction {
  caseId: string;
  /** Empty when the reader left the case. */
  label: string;
  reader: string | null;
  line: number;
}

export const WORKLIST_COLUMNS = ['case', 'predicted', 'probability', 'uncertainty', 'label', 'reader'] as const;

/** Shannon entropy of one case's class probabilities, over its maximum log(K). */
export function normalisedEntropy(probabilities: ArrayLike<number>): number {
  const k = probabilities.length;
  if (k < 2) return 0;
  let h = 0;
  for (let c = 0; c < k; c++) {
    const p = probabilities[c]!;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.min(1, Math.max(0, h / Math.log(k)));
}

/** The index of the largest probability (the first, on a tie). */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/**
 * The worklist: each case with its predicted class, most uncertain first (a
 * reader's time goes furthest there); ties by case id, so the order is the
 * same on every run.
 */
export function worklistOf(caseIds: readonly string[], probabilities: Float32Array, classes: readonly string[]): WorklistRow[] {
  const k = classes.length;
  return caseIds
    .map((caseId, i) => {
      const p = probabilities.subarray(i * k, (i + 1) * k);
      const best = argMax(p);
      return { caseId, predicted: classes[best]!, probability: p[best]!, uncertainty: normalisedEntropy(p) };
    })
    .sort(byUncertainty);
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The worklist as CSV, with empty `label` and `reader` columns for the readers to fill (and a `mask` column for masks). */
export function worklistCsv(rows: readonly WorklistRow[]): string {
  const masks = rows.some((r) => r.mask !== undefined);
  const head = masks ? ['case', 'predicted', 'probability', 'uncertainty', 'mask', 'label', 'reader'] : WORKLIST_COLUMNS;
  const lines = rows.map((r) =>
    [csvField(r.caseId), csvField(r.predicted), r.probability.toFixed(4), r.uncertainty.toFixed(4), ...(masks ? [csvField(r.mask ?? '')] : []), '', ''].join(
      ',',
    ),
  );
  return [head.join(','), ...lines].join('\n') + '\n';
}

/** Most uncertain first; ties by case id, so the order is the same on every run. */
export function byUncertainty(a: WorklistRow, b: WorklistRow): number {
  return b.uncertainty - a.uncertainty || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
}

/**
 * Reads a worklist the readers filled in: `case` and `label` columns are
 * required (`reader` is optional); other columns are ignored, so a reader's
 * tool may add its own. An error names the file, the line and the fix.
 */
export function readCorrections(text: string, file: string): Correction[] {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((name) =>
    name
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const at = (name: string): number => header.indexOf(name);
  if (at('case') < 0 || at('label') < 0) {
    throw new ConsiliumError('INVALID_ARGUMENT', `${file}: a worklist needs "case" and "label" columns (found: ${header.join(', ') || 'none'})`);
  }
  const seen = new Map<string, number>();
  const out: Correction[] = [];
  rows.slice(1).forEach((fields, i) => {
    const line = i + 2;
    if (fields.every((f) => f.trim() === '')) return;
    const caseId = fields[at('case')]?.trim() ?? '';
    if (caseId === '') throw new ConsiliumError('INVALID_ARGUMENT', `${file} line ${line}: the case column is empty`);
    if (seen.has(caseId)) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${file} line ${line}: case ${caseId} is listed again (first on line ${seen.get(caseId)}); keep one row per case`,
      );
    }
    seen.set(caseId, line);
    const reader = at('reader') >= 0 ? (fields[at('reader')]?.trim() ?? '') : '';
    out.push({ caseId, label: fields[at('label')]?.trim() ?? '', reader: reader === '' ? null : reader, line });
  });
  return out;
}

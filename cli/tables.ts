import Table from 'cli-table3';

import { crossSiteGrid, type CrossSiteMatrix } from '../coordinator/domain/cross-site-matrix.js';
import type { SiteMappings } from '../coordinator/domain/label-mappings.js';
import type { RunDetails } from '../coordinator/services/run.service.js';
import { clinicalText, diceText, phaseText, roundLabel, selectionLines } from './run-view.js';

/** Borderless, left-aligned columns two spaces apart: easy to read, and to cut with awk. */
const PLAIN = {
  chars: {
    top: '',
    'top-mid': '',
    'top-left': '',
    'top-right': '',
    bottom: '',
    'bottom-mid': '',
    'bottom-left': '',
    'bottom-right': '',
    left: '',
    'left-mid': '',
    mid: '',
    'mid-mid': '',
    right: '',
    'right-mid': '',
    middle: '  ',
  },
  style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
};

export function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  const t = new Table({ head, ...PLAIN });
  t.push(...rows.map((row) => row.map((cell) => (cell === null || cell === undefined || cell === '' ? '-' : String(cell)))));
  return t
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

const day = (iso: string | null | undefined): string | null => (iso ? iso.slice(0, 16).replace('T', ' ') : null);

interface SiteRow {
  id: string;
  online: boolean;
  lastSeenAt: string | null;
  agentVersion: string | null;
  backend: { name: string } | null;
  dataset: { kind: string; trainSamples: number; validationSamples: number } | null;
  revokedAt: string | null;
  certificate: { notAfter: string; daysLeft: number } | null;
}

export function sitesTable(sites: SiteRow[]): string {
  return table(
    ['SITE', 'ONLINE', 'LAST SEEN', 'AGENT', 'BACKEND', 'DATA', 'TRAIN', 'VALIDATION', 'CERTIFICATE'],
    sites.map((s) => [
      s.id,
      s.online ? 'yes' : 'no',
      day(s.lastSeenAt),
      s.agentVersion,
      s.backend?.name,
      s.dataset?.kind,
      s.dataset?.trainSamples,
      s.dataset?.validationSamples,
      s.revokedAt ? `revoked ${day(s.revokedAt)}` : s.certificate ? `${s.certificate.daysLeft} days left` : 'not enrolled',
    ]),
  );
}

interface TokenRow {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function tokensTable(tokens: TokenRow[]): string {
  return table(
    ['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'],
    tokens.map((t) => [t.id, t.name, t.role, day(t.createdAt), day(t.lastUsedAt), day(t.revokedAt)]),
  );
}

interface RunRow {
  id: string;
  name: string;
  status: string;
  rounds: number;
  completedRounds: number;
  createdAt: string;
  error: string | null;
}

export function runsTable(runs: RunRow[]): string {
  return table(
    ['RUN', 'NAME', 'STATUS', 'ROUNDS', 'CREATED', 'ERROR'],
    runs.map((r) => [r.id, r.name, r.status, `${r.completedRounds}/${r.rounds}`, day(r.createdAt), r.error?.slice(0, 80)]),
  );
}

interface InitialModelRow {
  id: string;
  name: string;
  parameters: number;
  sha256: string;
  createdAt: string;
  createdBy: string;
}

export function initialModelsTable(models: InitialModelRow[]): string {
  return table(
    ['MODEL', 'NAME', 'PARAMETERS', 'WEIGHTS SHA256', 'UPLOADED', 'BY'],
    models.map((m) => [m.id, m.name, m.parameters.toLocaleString('en-US'), m.sha256.slice(0, 16), day(m.createdAt), m.createdBy]),
  );
}

/**
 * What `run watch` prints when not on a terminal: one line per change (a
 * round opened, a site's phase or epoch, a verdict, the run's end), each
 * printed once, so a log or CI job shows the run as it went.
 */
export function progressLines(details: RunDetails): string[] {
  const lines: string[] = [];
  for (const round of details.rounds) {
    const label = roundLabel(round);
    lines.push(`${label}: opened for ${round.tasks.map((t) => t.siteId).join(', ')}`);
    for (const task of round.tasks) {
      const p = task.progress;
      if (p) lines.push(`${label}: ${task.siteId} ${phaseText(p)}`);
      if (task.status !== 'sent') {
        const m = task.update?.metrics ?? {};
        const detail =
          task.status === 'accepted'
            ? `, ${task.update?.sampleCount ?? 0} samples${m['train_loss'] !== undefined ? `, train loss ${m['train_loss'].toFixed(4)}` : ''}`
            : task.reason
              ? `: ${task.reason}`
              : '';
        lines.push(`${label}: ${task.siteId} ${task.status}${detail}`);
      }
    }
    if (round.status !== 'collecting') lines.push(`${label}: ${round.status}${round.error ? `: ${round.error}` : ''}`);
  }
  const evaluated = details.models.filter((m) => m.evaluation?.['val_accuracy'] !== undefined);
  for (const model of evaluated)
    lines.push(
      `global model after round ${model.round}: validation accuracy ${(model.evaluation!['val_accuracy']! * 100).toFixed(1)} %${diceText(model.evaluation!)}${clinicalText(model.evaluation!)}`,
    );
  lines.push(...selectionLines(details.run).map((line) => line.trim()));
  if (['completed', 'failed', 'cancelled'].includes(details.run.status))
    lines.push(`run ${details.run.status}${details.run.error ? `: ${details.run.error}` : ''}`);
  return lines;
}

/** The cross-site matrix as a table: a row per site's personalised model, a column per evaluating site. */
export function crossSiteTable(matrix: CrossSiteMatrix, metric?: string): { metric: string | null; text: string } {
  const grid = crossSiteGrid(matrix, metric);
  return { metric: grid.metric, text: table(['model \\ evaluated at', ...matrix.sites], grid.rows) };
}

/** The mapping matrix: one row per class, one column per site, the local terms merged into it (or "not shared"). */
export function labelMappingsTable(matrix: { classes: string[]; sites: SiteMappings[] }): string {
  const cell = (site: SiteMappings, c: string): string => (site.shared ? [c, ...site.byClass[c]!].join(', ') : 'not shared');
  const rows = matrix.classes.map((c) => [c, ...matrix.sites.map((site) => cell(site, c))]);
  const outside = matrix.sites.flatMap((site) =>
    Object.entries(site.outsideRun).map(([term, target]) => `  ${site.siteId}: "${term}" → ${target}, not a class of this run`),
  );
  const since = matrix.sites.filter((s) => s.since).map((s) => `  ${s.siteId}: since ${day(s.since)} (audit event ${s.auditSeq})`);
  return [
    table(['class', ...matrix.sites.map((s) => s.siteId)], rows),
    ...(since.length ? ['shared:', ...since] : []),
    ...(outside.length ? ['mapped outside the run:', ...outside] : []),
  ].join('\n');
}

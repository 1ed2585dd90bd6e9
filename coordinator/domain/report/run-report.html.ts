import { finalRound, reportedClasses } from '../../../common/final-figures.js';
import { type SubgroupFigure, subgroupFigures } from '../../../common/subgroup-metrics.js';
import { crossSiteGrid, type CrossSiteMatrix } from '../cross-site-matrix.js';
import type { SiteQuality } from '../data-quality.js';
import type { Lineage } from '../lineage.js';
import type { Run, RunExclusion } from '../records.js';
import { escapeHtml as esc, lineChart, type Series } from './svg-charts.js';

/** What a report is made of: the run as the REST API shows it, the quality comparison, the lineage, the signed audit head. */
export interface ReportInput {
  run: Run;
  rounds: {
    number: number;
    kind: 'train' | 'evaluate';
    status: string;
    metrics: Record<string, number> | null;
    tasks: { siteId: string; status: string; reason: string | null; update: { sampleCount: number; metrics: Record<string, number> } | null }[];
  }[];
  consents: { siteId: string; state: string; reason: string | null }[];
  quality: { sites: SiteQuality[]; exclusions: RunExclusion[] };
  lineage: Lineage | null;
  checkpoint: { signedSeq: number; signedHash: string; signature: string; keyId: string } | null;
  generatedAt: string;
  /** A personalised run's cross-site matrix (FedBN, crossSite), when its sites shared their models. */
  crossSite?: CrossSiteMatrix | null;
}

const num = (v: number | undefined, digits = 3): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));
const withInterval = (m: Record<string, number>, name: string, c: number): string => {
  const v = m[`val_${name}_${c}`];
  if (v === undefined) return '–';
  const [lo, hi] = [m[`val_${name}_lo_${c}`], m[`val_${name}_hi_${c}`]];
  return lo === undefined || hi === undefined ? num(v) : `${num(v)} [${num(lo)}, ${num(hi)}]`;
};

const classesOf = (run: Run): number[] => reportedClasses(run.spec.classes.length);

function figuresTable(input: ReportInput): string {
  const round = finalRound(input.rounds);
  if (!round) return '<p>No round has completed yet.</p>';
  const segmentation = input.run.spec.task?.kind === 'segmentation';
  const rows: { who: string; n: number | undefined; m: Record<string, number> }[] = [
    ...round.tasks.flatMap((t) => (t.update && t.status === 'accepted' ? [{ who: t.siteId, n: t.update.metrics['val_samples'], m: t.update.metrics }] : [])),
    ...(round.metrics ? [{ who: 'pooled', n: round.metrics['val_samples'], m: round.metrics }] : []),
  ];
  const sections = (segmentation ? [0] : classesOf(input.run)).map((c) => {
    const name = input.run.spec.classes[c] ?? String(c);
    const head = segmentation
      ? '<tr><th scope="col">site</th><th scope="col">validation cases</th><th scope="col">Dice (mean)</th>' +
        input.run.spec.classes.map((cls) => `<th scope="col">Dice ${esc(cls)}</th>`).join('') +
        '</tr>'
      : '<tr><th scope="col">site</th><th scope="col">validation cases</th><th scope="col">AUROC [95 % CI]</th><th scope="col">sensitivity [95 % CI]</th><th scope="col">specificity [95 % CI]</th><th scope="col">PPV</th><th scope="col">NPV</th><th scope="col">F1</th><th scope="col">ECE</th><th scope="col">Brier</th></tr>';
    const body = rows
      .map(({ who, n, m }) => {
        const cells = segmentation
          ? [num(m['val_dice']), ...input.run.spec.classes.map((_, k) => num(m[`val_dice_${k}`]))]
          : [
              withInterval(m, 'auroc', c) + (m[`val_auroc_bound_${c}`] !== undefined ? ` ± ${num(m[`val_auroc_bound_${c}`], 4)} (binning)` : ''),
              withInterval(m, 'sensitivity', c),
              withInterval(m, 'specificity', c),
              num(m[`val_ppv_${c}`]),
              num(m[`val_npv_${c}`]),
              num(m[`val_f1_${c}`]),
              num(m['val_ece']),
              num(m['val_brier']),
            ];
        return `<tr${who === 'pooled' ? ' class="pooled"' : ''}><th scope="row">${esc(who)}</th><td>${n ?? '–'}</td>${cells.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`;
      })
      .join('\n');
    const caption = segmentation
      ? `Segmentation on the validation splits (round ${round.number})`
      : `Class "${esc(name)}" against the rest, on the validation splits (round ${round.number}${round.kind === 'evaluate' ? ', the closing evaluation' : ''})`;
    return `<table><caption>${caption}</caption>\n${head}\n${body}\n</table>`;
  });
  const note = segmentation
    ? ''
    : '\n<p>– : not reported. A site withholds a rate when a cell of its confusion table holds fewer cases than its privacy.minCellSize (the exact rate would give that cell away), and AUROC when a class holds fewer; the pooled figures still count its guarded statistics.</p>';
  return sections.join('\n') + note;
}

/** A chart per figure over rounds: one line per site, and the pooled figure. */
function curves(input: ReportInput): string {
  const classes = classesOf(input.run);
  const names = ['val_loss', 'val_accuracy', ...classes.map((c) => `val_auroc_${c}`), ...classes.map((c) => `val_sensitivity_${c}`), 'val_dice'];
  const sites = [...new Set(input.rounds.flatMap((r) => r.tasks.map((t) => t.siteId)))].sort();
  return names
    .map((name) => {
      const series: Series[] = sites.map((site) => ({
        name: site,
        points: input.rounds.flatMap((r) => {
          const v = r.tasks.find((t) => t.siteId === site && t.status === 'accepted')?.update?.metrics[name];
          return v === undefined ? [] : [[r.number, v] as const];
        }),
      }));
      series.push({
        name: 'pooled',
        emphasis: true,
        points: input.rounds.flatMap((r) => (r.metrics?.[name] === undefined ? [] : [[r.number, r.metrics[name]!] as const])),
      });
      const kept = series.filter((s) => s.points.length > 0);
      const label = name.replace(/^val_/, '');
      return kept.length === 0 ? '' : lineChart(`${label} of the received model, per round`, kept, { x: 'round', y: label });
    })
    .join('\n');
}

/** ROC curve of the pooled score histograms: the cells as thresholds, highest first. */
function rocChart(metrics: Record<string, number>, c: number, className: string): string {
  const cells = (kind: 'pos' | 'neg') =>
    Object.entries(metrics).flatMap(([name, count]) => {
      const match = new RegExp(`^val_scores_${c}_${kind}_(\\d+)_(\\d+)$`).exec(name);
      return match ? [{ from: Number(match[1]), count }] : [];
    });
  const [pos, neg] = [cells('pos'), cells('neg')];
  const [p, n] = [pos.reduce((s, x) => s + x.count, 0), neg.reduce((s, x) => s + x.count, 0)];
  if (p === 0 || n === 0) return '';
  const thresholds = [...new Set([...pos, ...neg].map((x) => x.from))].sort((a, b) => b - a);
  const points: [number, number][] = [[0, 0]];
  for (const t of thresholds) {
    const above = (cs: { from: number; count: number }[]) => cs.filter((x) => x.from >= t).reduce((s, x) => s + x.count, 0);
    points.push([above(neg) / n, above(pos) / p]);
  }
  return lineChart(`ROC of "${className}", pooled from the sites' binned scores`, [{ name: 'pooled', emphasis: true, points }], {
    x: 'false-positive rate',
    y: 'sensitivity',
    xRange: [0, 1],
    yRange: [0, 1],
    diagonal: true,
  });
}

/** Reliability diagram of the pooled calibration bins: accuracy against confidence. */
function reliabilityChart(metrics: Record<string, number>): string {
  const points: [number, number][] = [];
  for (let b = 0; b < 10; b++) {
    const n = metrics[`val_rel_n_${b}`];
    if (!n) continue;
    points.push([metrics[`val_rel_confidence_${b}`]! / n, metrics[`val_rel_correct_${b}`]! / n]);
  }
  if (points.length === 0) return '';
  return lineChart(`Reliability (ECE ${num(metrics['val_ece'])}): accuracy against confidence of the top class`, [{ name: 'pooled', emphasis: true, points }], {
    x: 'confidence',
    y: 'accuracy',
    xRange: [0, 1],
    yRange: [0, 1],
    diagonal: true,
  });
}

function subgroupTable(input: ReportInput): string {
  const pooled = finalRound(input.rounds)?.metrics;
  const figures: SubgroupFigure[] = pooled && input.run.spec.task?.kind !== 'segmentation' ? subgroupFigures(pooled, classesOf(input.run)) : [];
  if (figures.length === 0) return "<p>No subgroup figures: the sites' headers name no scanner, age or sex, or every subgroup is under a site's k.</p>";
  const interval = (r: SubgroupFigure['sensitivity']) => (r ? `${num(r.value)} [${num(r.lo)}, ${num(r.hi)}]` : '–');
  const rows = figures
    .map(
      (f) =>
        `<tr><th scope="row">${esc(f.dimension)} ${esc(f.value)}</th><td>${esc(input.run.spec.classes[f.classIndex] ?? '')}</td><td>${f.cases}</td><td>${num(f.auroc ?? undefined)}</td><td>${interval(f.sensitivity)}</td><td>${interval(f.specificity)}</td><td>${f.flag ? esc(f.flag) : ''}</td></tr>`,
    )
    .join('\n');
  return `<table><caption>Subgroups of the validation cases, pooled over the sites (each site's subgroups of fewer than k cases stay at the site)</caption>
<tr><th scope="col">subgroup</th><th scope="col">class</th><th scope="col">cases</th><th scope="col">AUROC</th><th scope="col">sensitivity [95 % CI]</th><th scope="col">specificity [95 % CI]</th><th scope="col">flag</th></tr>
${rows}</table>`;
}

function crossSiteSection(matrix: CrossSiteMatrix | null | undefined): string {
  if (!matrix || matrix.models.length === 0) return '';
  const { metric, rows } = crossSiteGrid(matrix);
  const head = `<tr><th scope="col">model \\ evaluated at</th>${matrix.sites.map((s) => `<th scope="col">${esc(s)}</th>`).join('')}</tr>`;
  const body = rows.map(([who, ...cells]) => `<tr><th scope="row">${esc(who!)}</th>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<h2>Cross-site matrix: each site's own model at every site</h2>
<table><caption>${esc(metric ?? 'no figure reported yet')}, by personalised model (rows) and evaluating site (columns); the diagonal is each site on its own model</caption>
${head}
${body}
</table>`;
}

function qualityTable(sites: readonly SiteQuality[]): string {
  const rows = sites
    .map(
      (s) =>
        `<tr><th scope="row">${esc(s.siteId)}</th><td>${s.samples ?? '&lt;k'}</td><td>${num(s.labelDivergence ?? undefined)}</td><td>${esc(
          Object.entries(s.intensityDivergence)
            .map(([k, v]) => `${k} ${num(v)}`)
            .join(', ') || '–',
        )}</td><td>${esc(s.vendors.join(', ') || '–')}</td><td>${s.flags.map((f) => esc(f)).join('<br>') || 'none'}</td></tr>`,
    )
    .join('\n');
  return `<table><caption>Data quality: each site against the pooled data (Jensen–Shannon divergence)</caption>
<tr><th scope="col">site</th><th scope="col">samples</th><th scope="col">labels</th><th scope="col">intensities</th><th scope="col">vendors</th><th scope="col">flags</th></tr>
${rows}</table>`;
}

function lineageSummary(lineage: Lineage | null): string {
  if (!lineage) return '<p>No model version yet.</p>';
  const contributions = lineage.ancestry.flatMap((v) => v.contributors);
  const bySite = new Map<string, { updates: number; fingerprints: Set<string> }>();
  for (const c of contributions) {
    const entry = bySite.get(c.siteId) ?? { updates: 0, fingerprints: new Set<string>() };
    entry.updates += 1;
    if (c.datasetFingerprint) entry.fingerprints.add(c.datasetFingerprint);
    bySite.set(c.siteId, entry);
  }
  const rows = [...bySite]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([site, e]) =>
        `<tr><th scope="row">${esc(site)}</th><td>${e.updates}</td><td><code>${[...e.fingerprints].map((f) => esc(f.slice(0, 16))).join(', ') || '–'}</code></td></tr>`,
    )
    .join('\n');
  return `<p>Model version <code>${esc(lineage.model.id)}</code> (round ${lineage.model.round}, weights SHA-256 <code>${esc(lineage.model.sha256)}</code>) descends from ${lineage.ancestry.length - 1} earlier versions${lineage.origin ? `, starting from ${esc(JSON.stringify(lineage.origin))}` : ' starting from seeded weights'}; Consilium ${esc(lineage.software.consilium)}.</p>
<table><caption>Updates folded into it, per site, and the datasets they came from (Merkle roots)</caption>
<tr><th scope="col">site</th><th scope="col">updates</th><th scope="col">dataset fingerprints</th></tr>
${rows}</table>`;
}

/**
 * A run as a study reports it, in one self-contained HTML page (inline CSS
 * and SVG, no script, nothing fetched at view time): the run and its
 * selection, the final figures per site and pooled with their intervals,
 * per-round curves, ROC and reliability plots, exclusions and consents, the
 * data-quality comparison, the lineage of the reported model, and the signed
 * audit checkpoint that covers all of it.
 */
export function renderRunReport(input: ReportInput): string {
  const { run } = input;
  const round = finalRound(input.rounds);
  const pooled = round?.metrics ?? {};
  const plots =
    input.run.spec.task?.kind === 'segmentation'
      ? ''
      : classesOf(run)
          .map((c) => rocChart(pooled, c, run.spec.classes[c] ?? String(c)))
          .join('\n') + reliabilityChart(pooled);
  const exclusions = [
    ...input.quality.exclusions.map((e) => `${e.siteId}: ${e.reason} (${e.at})`),
    ...input.consents.filter((c) => c.state !== 'approved').map((c) => `${c.siteId}: ${c.state}${c.reason ? ` (${c.reason})` : ''}`),
  ];
  const cp = input.checkpoint;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Run report: ${esc(run.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#111}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left}
caption{text-align:left;font-weight:600;padding:.3em 0}tr.pooled{background:#eef3fa;font-weight:600}
figure{display:inline-block;margin:.5em 1em .5em 0}figcaption{font-size:13px;color:#333}code{font-size:13px}
</style></head>
<body>
<h1>Run report: ${esc(run.name)}</h1>
<table><caption>The run</caption>
<tr><th scope="row">run</th><td><code>${esc(run.id)}</code></td></tr>
<tr><th scope="row">spec SHA-256</th><td><code>${esc(run.specSha256)}</code></td></tr>
<tr><th scope="row">status</th><td>${esc(run.status)}${run.error ? `: ${esc(run.error)}` : ''}</td></tr>
<tr><th scope="row">rounds</th><td>${run.completedRounds} of ${run.spec.rounds}${run.stoppedEarly ? `; stopped early after round ${run.stoppedEarly.afterRound}: ${esc(run.stoppedEarly.reason)}` : ''}</td></tr>
<tr><th scope="row">task, classes</th><td>${esc(run.spec.task?.kind ?? 'classification')}: ${run.spec.classes.map(esc).join(', ')}</td></tr>
<tr><th scope="row">strategy</th><td>${esc(run.spec.strategy.name)}</td></tr>
<tr><th scope="row">best model</th><td>${run.selection ? `round ${run.selection.round}'s, <code>${esc(run.selection.modelVersionId)}</code>: ${esc(run.selection.metric)} ${num(run.selection.value, 4)} (${esc(run.selection.over)})` : 'no selection in the spec'}</td></tr>
<tr><th scope="row">generated</th><td>${esc(input.generatedAt)}</td></tr>
</table>
<h2>Final figures, per site and pooled</h2>
<p>Each site's figures come from its own predictions (AUROC with DeLong's interval, proportions with Wilson's); pooled figures from the sites' guarded sufficient statistics, AUROC with the most the binning can move it.</p>
${figuresTable(input)}
${plots ? `<h2>ROC and calibration</h2>\n${plots}` : ''}
<h2>Subgroups: scanner, age, sex</h2>
${subgroupTable(input)}
${crossSiteSection(input.crossSite)}
<h2>Per-round curves</h2>
${curves(input) || '<p>No figures yet.</p>'}
<h2>Sites left out, and sites that did not consent</h2>
${exclusions.length ? `<ul>${exclusions.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` : '<p>None.</p>'}
<h2>Data quality</h2>
${qualityTable(input.quality.sites)}
<h2>Lineage of the reported model</h2>
${lineageSummary(input.lineage)}
<h2>Audit</h2>
${cp ? `<p>This report covers the audit chain up to event ${cp.signedSeq}, hash <code>${esc(cp.signedHash)}</code>, signed by the coordinator's key <code>${esc(cp.keyId)}</code>: signature <code>${esc(cp.signature)}</code>. An auditor checks it with <code>consilium audit verify</code>.</p>` : '<p>The audit chain is empty.</p>'}
</body></html>
`;
}

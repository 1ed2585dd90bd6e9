import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { CsvSource } from '../../site-agent/data/csv.source.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { postJson, type TestCoordinator, testCoordinator, waitRunEnd } from '../support/coordinator.js';
import { datasetFile, datasetsRoot } from '../support/datasets.js';

const root = datasetsRoot;
const file = datasetFile;

describe.runIf(root)('real tables, trained as they are', () => {
  let coordinator: TestCoordinator;
  const sites: AgentSite[] = [];
  afterAll(async () => {
    for (const s of sites) s.agent.stop();
    await Promise.all(sites.map((s) => s.running));
    await coordinator?.close();
  });

  it('reads the WDBC CSV, whose first line is a summary, only when told so', async () => {
    await expect(new CsvSource(file('tabular/wdbc_breast_cancer.csv'), { labelColumn: 'label' }).scan()).rejects.toThrow(
      /^569 of the 569 rows of \S+ have 31 fields, but its header line has 4: that line is not the table's header/,
    );
    const source = new CsvSource(file('tabular/wdbc_breast_cancer.csv'), { labelColumn: 30, header: false, skipLines: 1 });
    const scan = await source.scan();
    expect(scan.samples).toHaveLength(569);
    expect(scan.samples.reduce<Record<string, number>>((c, s) => ({ ...c, [s.label]: (c[s.label] ?? 0) + 1 }), {})).toEqual({ '0': 212, '1': 357 });
    expect(source.featureStatistics().mean[0]).toBeCloseTo(14.127, 3);
  });

  it('trains a federated MLP on the raw Pima table with federated standardisation, fixed from the sites before round 1', async () => {
    coordinator = await testCoordinator();
    // Pima split across three hospitals, row by row.
    const [head, data] = readFileSync(file('tabular/pima_diabetes.arff'), 'utf8').split(/^@data\s*$/im) as [string, string];
    const rows = data.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('%'));
    const ids = ['pima-a', 'pima-b', 'pima-c'];
    for (const [i, siteId] of ids.entries()) {
      const part = rows.filter((_, r) => r % 3 === i);
      sites.push(
        await startAgentSite(coordinator, siteId, { 'pima.arff': `${head}@data\n${part.join('\n')}\n` }, { data: { kind: 'arff', path: './pima.arff' } }),
      );
    }
    const spec = (standardize: string) => ({
      name: `pima-${standardize}`,
      classes: ['tested_negative', 'tested_positive'],
      rounds: 6,
      localEpochs: 4,
      batchSize: 32,
      optimizer: { name: 'adam', learningRate: 0.01 },
      sites: ids,
      roundDeadlineSeconds: 120,
      preprocessing: { standardize },
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { input_shape: [8], units: 16, activation: 'relu' } },
            { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
          ],
        },
      },
    });
    const accuracy = async (standardize: string) => {
      const created = await postJson(`${coordinator.httpUrl}/api/runs`, spec(standardize));
      expect(created.status).toBe(201);
      const done = await waitRunEnd(coordinator, created.body.id, 180_000);
      expect([done.run.status, done.run.error]).toEqual(['completed', null]);
      return { run: done.run, accuracy: done.rounds.at(-1).metrics.val_accuracy as number, last: done.rounds.at(-1) };
    };
    const raw = await accuracy('none');
    const federated = await accuracy('federated');
    console.log(`Pima, 3 sites: val accuracy ${raw.accuracy.toFixed(3)} raw, ${federated.accuracy.toFixed(3)} with federated standardisation`);
    expect(federated.run.featureScaling.sites).toEqual(ids);
    expect(federated.run.featureScaling.mean[1]).toBeCloseTo(120.9, 0);
    // Raw, the MLP learns little beyond the majority class (65 % negative); standardized, it reaches what pooled training does.
    expect(federated.accuracy).toBeGreaterThan(0.72);
    expect(federated.accuracy).toBeGreaterThan(raw.accuracy + 0.05);

    // The study figures of the final model: per site (from its own predictions, DeLong and Wilson intervals) and pooled
    // (from the sites' guarded histograms and confusion counts), each estimate inside its interval.
    const inside = (m: Record<string, number>, name: string) => {
      expect(m[`val_${name}_lo_1`], name).toBeLessThanOrEqual(m[`val_${name}_1`]!);
      expect(m[`val_${name}_1`], name).toBeLessThanOrEqual(m[`val_${name}_hi_1`]!);
      return m[`val_${name}_hi_1`]! - m[`val_${name}_lo_1`]!;
    };
    const pooled = federated.last.metrics as Record<string, number>;
    const perSite = (federated.last.tasks as { update: { metrics: Record<string, number> } }[]).map((t) => t.update.metrics);
    expect(perSite).toHaveLength(3);
    console.log(
      `Pima, final model: pooled AUROC ${pooled['val_auroc_1']!.toFixed(3)} [${pooled['val_auroc_lo_1']!.toFixed(3)}, ${pooled['val_auroc_hi_1']!.toFixed(3)}] ± ${pooled['val_auroc_bound_1']!.toFixed(4)}, ` +
        `sensitivity ${pooled['val_sensitivity_1']!.toFixed(3)}, specificity ${pooled['val_specificity_1']!.toFixed(3)}; per site AUROC ${perSite.map((m) => m['val_auroc_1']!.toFixed(3)).join(', ')}`,
    );
    expect(pooled['val_auroc_1']).toBeGreaterThan(0.75);
    // About 50 validation cases a site, histograms merged to 5 scores a cell by each site's guard: pairs of cells that
    // overlap across sites are uncertain, and the bound says how much (0.10 when measured).
    expect(pooled['val_auroc_bound_1']).toBeGreaterThan(0);
    expect(pooled['val_auroc_bound_1']).toBeLessThan(0.2);
    const pooledWidth = inside(pooled, 'auroc');
    for (const name of ['sensitivity', 'specificity']) inside(pooled, name);
    for (const metrics of perSite) {
      // A third of the validation cases: each site's interval is wider than the pooled one.
      expect(inside(metrics, 'auroc')).toBeGreaterThan(pooledWidth);
      // A site's rates leave when no cell of its confusion table is under k (a suppressed cell is absent); then with intervals.
      const cells = ['0_0', '0_1', '1_0', '1_1'].filter((c) => metrics[`val_cm_${c}`] !== undefined);
      expect([metrics['val_sensitivity_1'] !== undefined, metrics['val_specificity_1'] !== undefined]).toEqual([cells.length === 4, cells.length === 4]);
      if (cells.length === 4) for (const name of ['sensitivity', 'specificity']) inside(metrics, name);
    }
    expect(perSite.filter((m) => m['val_sensitivity_1'] !== undefined).length).toBeGreaterThan(0);

    // The study report: per-site and pooled AUROC, sensitivity and specificity with intervals, in one offline page.
    const report = path.resolve('test-output', 'pima-report.html');
    mkdirSync(path.dirname(report), { recursive: true });
    await promisify(execFile)(process.execPath, [
      path.resolve('dist/cli/main.js'),
      'run',
      'report',
      federated.run.id,
      '--out',
      report,
      '--coordinator-url',
      coordinator.httpUrl,
      '--api-token',
      coordinator.tokens.researcher,
    ]);
    const html = readFileSync(report, 'utf8');
    const interval = (m: Record<string, number>, name: string) =>
      `${m[`val_${name}_1`]!.toFixed(3)} [${m[`val_${name}_lo_1`]!.toFixed(3)}, ${m[`val_${name}_hi_1`]!.toFixed(3)}]`;
    for (const [i, metrics] of perSite.entries()) {
      const row = html.split('\n').find((line) => line.includes(`<th scope="row">${ids[i]}</th>`) && line.includes(interval(metrics, 'auroc')));
      expect(row, ids[i]).toBeDefined();
      // Or "–" where the site withheld them.
      for (const name of ['sensitivity', 'specificity'])
        expect(row).toContain(metrics[`val_${name}_1`] === undefined ? '<td>–</td><td>–</td>' : interval(metrics, name));
    }
    expect(html).toContain('A site withholds a rate when a cell of its confusion table holds fewer cases than its privacy.minCellSize');
    const pooledRow = html.split('\n').find((line) => line.startsWith('<tr class="pooled">'))!;
    for (const name of ['auroc', 'sensitivity', 'specificity']) expect(pooledRow).toContain(interval(pooled, name));
    expect(pooledRow).toContain(`± ${pooled['val_auroc_bound_1']!.toFixed(4)} (binning)`);
    expect(html).toContain('ROC of &quot;tested_positive&quot;');
    expect(html).toMatch(/This report covers the audit chain up to event \d+/);
    // Nothing is fetched at view time: no script, no stylesheet or image from anywhere.
    expect(html).not.toMatch(/<script|<link|src=|href=/);
  }, 400_000);
});

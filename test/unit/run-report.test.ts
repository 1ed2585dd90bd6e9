import { describe, expect, it } from 'vitest';

import { runSpecSchema } from '../../common/run-spec.schema.js';
import type { Run } from '../../coordinator/domain/records.js';
import { renderRunReport, type ReportInput } from '../../coordinator/domain/report/run-report.html.js';
import { tinySpec } from '../support/coordinator.js';

const run = (patch: Partial<Run> = {}): Run => ({
  id: 'run-1',
  name: 'chest <x-ray> & "friends"',
  spec: runSpecSchema.parse({ ...tinySpec(['a']), classes: ['normal', 'nodule'] }),
  specSha256: 'f'.repeat(64),
  status: 'completed',
  completedRounds: 1,
  latestModelVersionId: 'v1',
  error: null,
  exclusions: null,
  createdAt: 't',
  updatedAt: 't',
  ...patch,
});
const input = (patch: Partial<ReportInput> = {}): ReportInput => ({
  run: run(),
  rounds: [],
  consents: [],
  quality: { sites: [], exclusions: [] },
  lineage: null,
  checkpoint: null,
  generatedAt: '2026-11-30T00:00:00.000Z',
  ...patch,
});

describe('the HTML study report', () => {
  it('escapes what researchers and sites wrote, and says what is not there yet', () => {
    const html = renderRunReport(input({ consents: [{ siteId: 'b', state: 'refused', reason: 'layer <Lambda> not allowed' }] }));
    expect(html).toContain('<h1>Run report: chest &lt;x-ray&gt; &amp; &quot;friends&quot;</h1>');
    expect(html).toContain('<li>b: refused (layer &lt;Lambda&gt; not allowed)</li>');
    expect(html).toContain('<p>No round has completed yet.</p>');
    expect(html).toContain('<p>The audit chain is empty.</p>');
    expect(html).not.toMatch(/<script|<link|src=|href=/);
  });

  it('shows the final round’s figures per site and pooled, with intervals and the binning bound, and the selection', () => {
    const site = {
      val_samples: 40,
      val_auroc_1: 0.8,
      val_auroc_lo_1: 0.7,
      val_auroc_hi_1: 0.9,
      val_sensitivity_1: 0.75,
      val_sensitivity_lo_1: 0.5,
      val_sensitivity_hi_1: 0.9,
    };
    const html = renderRunReport(
      input({
        run: run({ selection: { modelVersionId: 'v1', round: 1, metric: 'auroc_1', over: 'pooled', value: 0.81, since: 0 } }),
        rounds: [
          {
            number: 2,
            kind: 'evaluate',
            status: 'completed',
            metrics: { ...site, val_auroc_1: 0.81, val_auroc_bound_1: 0.0123 },
            tasks: [{ siteId: 'a', status: 'accepted', reason: null, update: { sampleCount: 40, metrics: site } }],
          },
        ],
        checkpoint: { signedSeq: 42, signedHash: 'ab'.repeat(32), signature: 'sig', keyId: 'k1' },
      }),
    );
    expect(html).toContain('<caption>Class "nodule" against the rest, on the validation splits (round 2, the closing evaluation)</caption>');
    expect(html).toContain('<tr><th scope="row">a</th><td>40</td><td>0.800 [0.700, 0.900]</td><td>0.750 [0.500, 0.900]</td><td>–</td>');
    expect(html).toContain('<tr class="pooled"><th scope="row">pooled</th><td>40</td><td>0.810 [0.700, 0.900] ± 0.0123 (binning)</td>');
    expect(html).toContain("round 1's, <code>v1</code>: auroc_1 0.8100 (pooled)");
    expect(html).toContain('This report covers the audit chain up to event 42');
  });
});

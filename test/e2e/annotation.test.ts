import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { Lineage } from '../../coordinator/domain/lineage.js';
import { waitFor } from '../support/coordinator.js';
import { ProcessFederation } from '../support/federation-processes.js';

const cli = (...args: string[]) => spawnSync(process.execPath, [path.resolve('dist/cli/main.js'), ...args], { encoding: 'utf8' });

const dense = (inputs: number) => ({
  class_name: 'Sequential',
  config: { layers: [{ class_name: 'Dense', config: { input_shape: [inputs], units: 2, activation: 'softmax' } }] },
});

const federations: ProcessFederation[] = [];
afterAll(async () => {
  await Promise.all(federations.map((f) => f.stop()));
});

describe('reader agreement, with real processes', () => {
  it("excludes by qualityGate.minKappa the site whose readers disagree, flags it in the comparison, and sends no reader's name or case", async () => {
    const federation = await new ProcessFederation().start();
    federations.push(federation);
    // Two readers per row everywhere; at site-c the second reader flips every other label (κ near 0), elsewhere one in ten.
    await federation.addSite('site-a', { features: 4, rows: 60, readers: { disagreement: 0.1 } });
    await federation.addSite('site-b', { features: 4, rows: 60, readers: { disagreement: 0.1 } });
    await federation.addSite('site-c', { features: 4, rows: 60, readers: { disagreement: 0.5 } });
    const { id } = await federation.researcher.request<{ id: string }>('POST', '/api/runs', {
      json: {
        name: 'agreement gate',
        classes: ['no', 'yes'],
        rounds: 1,
        localEpochs: 1,
        sites: ['site-a', 'site-b', 'site-c'],
        minSites: 2,
        siteWaitSeconds: 60,
        qualityGate: { minKappa: 0.6, minReadersPerCase: 2 },
        model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
      },
    });
    const details = await federation.waitRun(id, 120_000);
    expect(details.run.error).toBeNull();
    expect(details.run.status).toBe('completed');
    expect(details.run.exclusions?.map((e) => [e.siteId, e.reason])).toEqual([
      ['site-c', expect.stringMatching(/^reader agreement Fleiss' κ -?0\.\d{3} \(95 % -?0\.\d{3} to -?0\.\d{3}\) is below qualityGate\.minKappa 0\.6$/)],
    ]);
    expect(details.rounds[0]!.tasks.map((t) => t.siteId).sort()).toEqual(['site-a', 'site-b']);

    const quality = await federation.researcher.request<{ sites: { siteId: string; agreement: { value: number } | null; flags: string[] }[] }>(
      'GET',
      `/api/runs/${id}/data-quality`,
    );
    const bySite = Object.fromEntries(quality.sites.map((s) => [s.siteId, s]));
    // 60 rows, reader-b flips 6 (all of one class) at a and b: Fleiss' κ about 0.8; at c it flips 30, κ about 0.
    expect(bySite['site-a']!.agreement!.value).toBeGreaterThan(0.75);
    expect(bySite['site-c']!.agreement!.value).toBeLessThan(0.1);
    expect(bySite['site-c']!.flags).toContainEqual(
      expect.stringMatching(/^reader agreement Fleiss' κ -?0\.\d{3} is far below the other sites' \(median 0\.\d{3}\)/),
    );
    // The profile names readers r1 and r2 and holds no case id, reader name or per-case label.
    const profile = JSON.stringify(await federation.researcher.request('GET', '/api/sites/site-c/profiles'));
    expect(profile).toContain('"readers":["r1","r2"]');
    expect(profile).not.toMatch(/reader-a|reader-b|row-\d/);

    // Hospital IT sees the dissenting cases, by reader name and row, on its own machine.
    const review = spawnSync(
      process.execPath,
      [path.resolve('dist/cli/main.js'), 'site', 'review', '--config', path.join(federation.root, 'site-c', 'site.yaml'), '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(review.status, review.stderr).toBe(0);
    const listed = JSON.parse(review.stdout) as {
      agreement: { readers: number; cases: number };
      cases: { caseId: string; readings: object; reason: string }[];
    };
    expect(listed.agreement).toMatchObject({ readers: 2, cases: 60, needsAdjudication: 0 });
    expect(listed.cases).toHaveLength(30);
    expect(listed.cases[0]).toEqual({
      caseId: 'row-2',
      readings: { 'reader-a': expect.any(String), 'reader-b': expect.any(String) },
      reason: expect.stringMatching(/^readers disagree; the adjudicator wins, else majority rule chose (yes|no)$/),
    });
  }, 180_000);

  it("closes the pre-annotation loop: a run's final model pre-annotates a site's unlabelled half, readers correct it, and the next run's lineage names that model", async () => {
    const federation = await new ProcessFederation().start();
    federations.push(federation);
    // Site a's table leaves every other row without a label.
    const config = await federation.addSite('site-a', { features: 4, rows: 120, unlabelled: 0.5 });
    await federation.addSite('site-b', { features: 4, rows: 60 });
    const sites = ['site-a', 'site-b'];
    const spec = { classes: ['no', 'yes'], rounds: 2, localEpochs: 2, sites, siteWaitSeconds: 60, model: dense(4) };
    const first = await federation.researcher.request<{ id: string }>('POST', '/api/runs', { json: { name: 'on human labels', ...spec } });
    const firstRun = await federation.waitRun(first.id, 120_000);
    expect(firstRun.run.status).toBe('completed');
    const finalModel = firstRun.run.latestModelVersionId!;

    // Hospital IT at site a: the final model (received with the closing evaluation) pre-annotates the 60 unlabelled rows.
    const worklist = path.join(federation.root, 'site-a', 'worklist.csv');
    const pre = cli('site', 'pre-annotate', '--config', config, '--run', first.id, '--out', worklist);
    expect(pre.status, pre.stderr).toBe(0);
    expect(pre.stdout).toMatch(
      new RegExp(`^pre-annotated 60 unlabelled cases with model ${finalModel} \\(round \\d+, sha256 [0-9a-f]{12}…\\) of run ${first.id}: no \\d+, yes \\d+`),
    );
    // The readers give the true label of every case, correcting the model where it was wrong.
    const truth = federation.truth.get('site-a')!;
    const rows = readFileSync(worklist, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('case,predicted,probability,uncertainty,label,reader');
    const wrong = rows.slice(1).filter((line) => truth.get(line.split(',')[0]!) !== line.split(',')[1]).length;
    writeFileSync(worklist, [rows[0], ...rows.slice(1).map((line) => line.replace(/,,$/, `,${truth.get(line.split(',')[0]!)},reader-1`))].join('\n'));
    const imported = cli('site', 'import-labels', '--config', config, '--file', worklist, '--json');
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 60, reviewed: 60, changed: wrong, unreviewed: 0, left: 0, rubberStamp: wrong === 0 });

    // The agent trains on them from its next start; its new dataset version is on record with where its labels came from.
    await federation.kill('site-a', 'SIGTERM');
    federation.startSite('site-a');
    const profiled = await waitFor(async () => {
      const { events } = await federation.auditor.request<{ events: { payload: { assistedBy?: string[]; labelSources?: Record<string, number> } }[] }>(
        'GET',
        '/api/audit?site=site-a&action=data-profile.received',
      );
      return events.find((e) => e.payload.assistedBy?.length);
    }, 60_000);
    const { sha256 } = (await federation.researcher.request<Lineage>('GET', `/api/models/${finalModel}/lineage`)).model;
    expect(profiled.payload).toMatchObject({ labelSources: { human: 60, consensus: 0, modelReviewed: 60, modelUnreviewed: 0 }, assistedBy: [sha256] });
    await waitFor(async () => (await federation.online()) === 2, 60_000);

    const second = await federation.researcher.request<{ id: string }>('POST', '/api/runs', { json: { name: 'with pre-annotated labels', ...spec } });
    const secondRun = await federation.waitRun(second.id, 120_000);
    expect(secondRun.run.status).toBe('completed');
    const lineage = await federation.researcher.request<Lineage>('GET', `/api/models/${secondRun.run.latestModelVersionId}/lineage`);
    const fromA = lineage.ancestry.flatMap((v) => v.contributors).filter((c) => c.siteId === 'site-a');
    expect(fromA.length).toBeGreaterThan(0);
    for (const c of fromA) {
      expect(c.labels).toEqual({
        sources: { human: 60, consensus: 0, modelReviewed: 60, modelUnreviewed: 0 },
        assistedBy: [{ sha256, modelVersionId: finalModel, runId: first.id, round: expect.any(Number) }],
      });
    }
    // Site b's labels are all its readers' own: nothing to say.
    expect(
      lineage.ancestry
        .flatMap((v) => v.contributors)
        .filter((c) => c.siteId === 'site-b')
        .every((c) => c.labels === null),
    ).toBe(true);
    const prov = await federation.researcher.request<{ wasInfluencedBy: Record<string, Record<string, string>> }>(
      'GET',
      `/api/models/${secondRun.run.latestModelVersionId}/lineage?format=prov`,
    );
    expect(Object.values(prov.wasInfluencedBy).map((r) => r['prov:influencer'])).toContain(`consilium:model/${finalModel}`);
  }, 300_000);
});

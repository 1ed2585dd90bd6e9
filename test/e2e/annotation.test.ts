import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { ProcessFederation } from '../support/federation-processes.js';

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
});

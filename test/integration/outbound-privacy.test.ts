import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { countsOf, dataProfileSchema } from '../../common/data-profile.schema.js';
import { consilium } from '../../proto/gen/consilium.js';
import { siteImportLabels, sitePreAnnotate } from '../../site-agent/annotation/annotation-commands.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { api, postJson, type TestCoordinator, testCoordinator, tinySpec, waitFor, waitRunEnd } from '../support/coordinator.js';
import { IDENTITY_CLASSIFIER, keepReceivedModel } from '../support/received-model.js';

const K = 10;

/** Every message the site serializes for the wire, captured at the generated encoders and decoded again as the coordinator would. */
function captureOutbound(): { messages: Record<string, unknown>[]; restore(): void } {
  const messages: Record<string, unknown>[] = [];
  const restore: (() => void)[] = [];
  for (const type of [consilium.v1.SiteMessage, consilium.v1.UpdateMessage] as const) {
    const encode = type.encode;
    (type as { encode: typeof encode }).encode = ((message: never, writer?: never) => {
      const bytes = encode.call(type, message).finish();
      messages.push(type.toObject(type.decode(bytes), { defaults: true, longs: Number, arrays: true, objects: true }) as Record<string, unknown>);
      return encode.call(type, message, writer);
    }) as typeof encode;
    restore.push(() => ((type as { encode: typeof encode }).encode = encode));
  }
  return { messages, restore: () => restore.forEach((r) => r()) };
}

/**
 * Every count a message publishes: fields that count samples, classes or files, the update's val_samples, its
 * confusion cells, score-histogram cells and reliability-bin sizes, and every count of an embedded profile.
 */
function publishedCounts(message: unknown, at = ''): { path: string; value: number }[] {
  const out: { path: string; value: number }[] = [];
  const visit = (value: unknown, where: string): void => {
    if (typeof value === 'string' && where.endsWith('dataProfileJson') && value !== '') {
      out.push(...countsOf(dataProfileSchema.parse(JSON.parse(value))).map((c) => ({ path: `${where}:${c.path}`, value: c.value })));
    } else if (typeof value === 'number') {
      if (/(samples|sampleCount|classCounts|skippedFiles|val_samples)(\[\d+\])?$/i.test(where)) out.push({ path: where, value });
      else if (/\.(val_|val_local_)\S*(cm_\d+_\d+|scores_\d+_(pos|neg)_\d+_\d+|rel_n_\d+)$/.test(where)) out.push({ path: where, value });
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`));
    else if (value && typeof value === 'object' && !(value instanceof Uint8Array))
      for (const [k, v] of Object.entries(value)) visit(v, where ? `${where}.${k}` : k);
  };
  visit(message, at);
  return out;
}

describe('no count below k leaves a site, directly or by subtraction', () => {
  let coordinator: TestCoordinator;
  let site: AgentSite | null = null;
  const capture = captureOutbound();
  afterAll(async () => {
    capture.restore();
    site?.agent.stop();
    await site?.running;
    await coordinator?.close();
  });

  it('publishes only multiples of k in every serialized message of a site whose classes hold 5 and 19 cases', async () => {
    coordinator = await testCoordinator();
    // 24 rows: 5 "yes" and 19 "no", as the outside test found them; validationFraction 0.45 leaves at least k rows on each side of the
    // split, so the site trains and evaluates (with fewer than k it refuses both: its sample count would leave the site).
    const rows = ['a,b,c,d,label', ...Array.from({ length: 24 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2},${(i * 7) % 11},${i < 5 ? 'yes' : 'no'}`)];
    site = await startAgentSite(
      coordinator,
      'small',
      { 'table.csv': rows.join('\n') },
      { validationFraction: 0.45, privacy: { minCellSize: K }, data: { kind: 'csv', path: './table.csv', labelColumn: 'label' } },
    );

    const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['small']), minSites: 1 });
    expect(created.status).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 60_000);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);

    const kinds = new Set(capture.messages.flatMap((m) => Object.keys(m).filter((k) => m[k] !== null && typeof m[k] === 'object' && !Array.isArray(m[k]))));
    for (const kind of ['hello', 'consent', 'header']) expect(kinds, kind).toContain(kind);
    const counts = capture.messages.flatMap((m) => publishedCounts(m));
    expect(counts.map((c) => c.path)).toEqual(expect.arrayContaining(['hello.dataset.trainSamples', 'hello.dataProfileJson:samples', 'header.sampleCount']));
    // The clinical figures' confusion cells are among the counts checked; no score histogram leaves at all, since the site's
    // validation split holds fewer than k "yes" cases (its AUROC, a count of pairs, stays at the site with them).
    expect(counts.some((c) => /\.val_cm_\d+_\d+$/.test(c.path))).toBe(true);
    const published = capture.messages.flatMap((m) => Object.keys((m['header'] as { metrics?: object } | undefined)?.metrics ?? {}));
    expect(published.filter((name) => /scores_|auroc/.test(name))).toEqual([]);
    // Nor does any rate: its one-vs-rest table holds the fewer than k "yes" cases (a sensitivity of 2/3 says 1 missed).
    expect(published.filter((name) => /sensitivity|specificity|ppv|npv|f1|balanced_accuracy/.test(name))).toEqual([]);
    // Nor an accuracy: the seeded model calls every case "no", so its wrong predictions are the 1 to 4 "yes" cases of each split.
    expect(published.filter((name) => /accuracy/.test(name))).toEqual([]);
    expect(published).toEqual(expect.arrayContaining(['train_loss', 'val_loss', 'val_brier', 'val_ece', 'val_cm_0_0']));
    // Present: none in 1 … k − 1.
    expect(counts.filter((c) => c.value > 0 && c.value < K)).toEqual([]);
    // Derivable: no sum or difference of two published counts lands in 1 … k − 1, and no total minus the sum of its cells does either.
    const values = [...new Set(counts.map((c) => c.value))];
    for (const a of values)
      for (const b of values) for (const derived of [a + b, Math.abs(a - b)]) expect(derived > 0 && derived < K, `${a} and ${b}`).toBe(false);
    const hello = capture.messages.find((m) => m['hello'])!['hello'] as { dataset: { trainSamples: number; validationSamples: number; classCounts: number[] } };
    const profile = JSON.parse((capture.messages.find((m) => m['hello'])!['hello'] as { dataProfileJson: string }).dataProfileJson);
    const remainders = [
      hello.dataset.trainSamples + hello.dataset.validationSamples - hello.dataset.classCounts.reduce((x, y) => x + y, 0),
      profile.samples - Object.values(profile.labels.counts as Record<string, number | null>).reduce<number>((x, y) => x + (y ?? 0), 0),
    ];
    for (const r of remainders) expect(r > 0 && r < K, `remainder ${r}`).toBe(false);

    // What the coordinator shows: the 5 is neither in the hello's classes nor recoverable from the profile's totals.
    const sites = await (await api(`${coordinator.httpUrl}/api/sites`)).json();
    expect(sites.sites[0].dataset.classes).toEqual(['no']);
    expect(sites.sites[0].dataset.classCounts).toEqual([20]);
    expect(profile.samples).toBe(20);
    expect(profile.labels.counts).toEqual({ no: 20, yes: null });
  }, 90_000);

  it("sends a site's reader agreement without a reader's name, a case id, a label or a count below k", async () => {
    const from = capture.messages.length;
    // 30 rows read by dr-ana and dr-ben, who disagree on 3: those have no majority (they count as missing labels).
    const rows = ['a,b,label', ...Array.from({ length: 30 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2 ? 'yes' : 'no'}`)];
    const readers = ['case,reader,label'];
    for (let i = 0; i < 30; i++) {
      const label = i % 2 ? 'yes' : 'no';
      readers.push(`row-${i + 2},dr-ana,${label}`, `row-${i + 2},dr-ben,${i < 3 ? (label === 'yes' ? 'no' : 'yes') : label}`);
    }
    const readerSite = await startAgentSite(
      coordinator,
      'readers',
      { 'table.csv': rows.join('\n'), 'readers.csv': readers.join('\n') },
      { privacy: { minCellSize: K }, data: { kind: 'csv', path: './table.csv', labelColumn: 'label' }, readers: { file: './readers.csv' } },
    );
    try {
      const hello = await waitFor(async () => capture.messages.slice(from).find((m) => (m['hello'] as { siteId?: string } | undefined)?.siteId === 'readers'));
      const profile = JSON.parse((hello['hello'] as { dataProfileJson: string }).dataProfileJson);
      expect(profile.agreement).toEqual({
        rule: 'majority',
        readers: 2,
        cases: 30,
        readersPerCase: { min: 2, max: 2 },
        statistic: 'fleiss-kappa',
        value: expect.any(Number),
        interval: [expect.any(Number), expect.any(Number)],
        pairs: [{ readers: ['r1', 'r2'], cases: 30, kappa: expect.any(Number) }],
        // 3 cases await adjudication: fewer than k, so suppressed.
        needsAdjudication: null,
      });
      const counts = publishedCounts(hello);
      expect(counts.filter((c) => c.value > 0 && c.value < K)).toEqual([]);
      const wire = JSON.stringify(capture.messages.slice(from), (_, value: unknown) => (value instanceof Uint8Array ? undefined : value));
      expect(wire).not.toMatch(/dr-ana|dr-ben|row-\d/);
    } finally {
      readerSite.agent.stop();
      await readerSite.running;
    }
  });

  it('sends what pre-annotation did as guarded counts: no case, prediction, reader or local term, without the site’s consent', async () => {
    const from = capture.messages.length;
    // 20 rows labelled in local terms, 8 with a term the site has not mapped, 12 unlabelled that a model pre-annotates.
    const labels = [...Array(10).fill('benigno'), ...Array(10).fill('maligno'), ...Array(8).fill('dudoso'), ...Array(12).fill('')];
    const rows = ['a,b,label', ...labels.map((label, i) => `${i % 7},${(i * 3) % 5},${label}`)];
    const site = {
      privacy: { minCellSize: K },
      data: { kind: 'csv', path: './table.csv', labelColumn: 'label' },
      labelMap: { benigno: 'benign', maligno: 'malignant' },
    };
    const annotated = await startAgentSite(coordinator, 'assisted', { 'table.csv': rows.join('\n') }, site, { requireApproval: false }, async (root) => {
      // Before the agent starts: the model pre-annotates the 12, and reader dr-carla answers each in the site's own terms.
      writeFileSync(path.join(root, 'site.yaml'), stringify({ siteId: 'assisted', coordinator: '127.0.0.1:1', stateDir: './state', backend: 'cpu', ...site }));
      await keepReceivedModel(path.join(root, 'state'), IDENTITY_CLASSIFIER.spec, IDENTITY_CLASSIFIER.values, {
        runId: 'earlier-run',
        round: 2,
        modelVersionId: 'earlier-final',
        classes: ['benign', 'malignant'],
      });
      const worklist = path.join(root, 'worklist.csv');
      const { rows: listed } = await sitePreAnnotate(path.join(root, 'site.yaml'), 'earlier-run', { out: worklist });
      writeFileSync(worklist, ['case,label,reader', ...listed.map((r, i) => `${r.caseId},${i % 2 ? 'maligno' : 'benigno'},dr-carla`)].join('\n'));
      await siteImportLabels(path.join(root, 'site.yaml'), worklist);
    });
    try {
      const hello = await waitFor(async () => capture.messages.slice(from).find((m) => (m['hello'] as { siteId?: string } | undefined)?.siteId === 'assisted'));
      const profile = JSON.parse((hello['hello'] as { dataProfileJson: string }).dataProfileJson);
      // People labelled 28 (the unmapped 8 too) and reviewed 12: coarsened to multiples of k, 30 and 10.
      expect(profile.annotation).toMatchObject({
        sources: { human: 30, consensus: 0, modelReviewed: 10, modelUnreviewed: 0 },
        preAnnotation: { cases: 10, reviewed: 10 },
      });
      expect(profile.annotation.assistedBy).toHaveLength(1);
      // The unmapped term is counted (8: fewer than k, suppressed) under a number, not its name.
      expect(profile.labels.unmapped).toEqual({ 'term-1': null });
      expect(profile.vocabulary).toBeUndefined();
      expect(publishedCounts(hello).filter((c) => c.value > 0 && c.value < K)).toEqual([]);
      const wire = JSON.stringify(capture.messages.slice(from), (_, value: unknown) => (value instanceof Uint8Array ? undefined : value));
      expect(wire).not.toMatch(/dudoso|benigno|maligno|dr-carla|row-\d|earlier-final/);
    } finally {
      annotated.agent.stop();
      await annotated.running;
    }
  });
});

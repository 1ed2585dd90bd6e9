import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { siteImportLabels, sitePreAnnotate } from '../../site-agent/annotation/annotation-commands.js';
import { siteScreenLabels } from '../../site-agent/annotation/label-screening.js';
import { loadSiteConfig } from '../../site-agent/config/site-config.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { openSiteDataset } from '../../site-agent/data/open-dataset.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';
import { merkleRoot } from '../../site-agent/profile/merkle.js';
import { guardProfile } from '../../site-agent/profile/privacy-guard.js';
import { SiteData } from '../../site-agent/task/site-data.js';
import { IDENTITY_CLASSIFIER, keepReceivedModel } from '../support/received-model.js';

const σ = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * A site with ten labelled rows (two of them labelled against what the model says, with confidence) and six
 * unlabelled ones, and a model it received: softmax(x · I), so p(yes) = σ(x1 − x0) exactly.
 */
async function site(): Promise<{ config: string; modelSha256: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'consilium-pre-annotation-'));
  const labelled: [number, number, string][] = [
    [0, 5, 'no'], // row-2: the model says yes, 0.9933
    [4, 0, 'yes'], // row-3: the model says no, 0.9820
    [0, 0.2, 'no'], // row-4: the model says yes, 0.55: not confident
    [0, 3, 'yes'],
    [3, 0, 'no'],
    [0, 2, 'yes'],
    [2, 0, 'no'],
    [1, 3, 'yes'],
    [3, 1, 'no'],
    [0, 1, 'Y'],
  ];
  const unlabelled: [number, number][] = [
    [0, 2], // row-12
    [1, 1], // row-13
    [3, 0], // row-14
    [0, 0.5], // row-15
    [0, 4], // row-16
    [2, 1], // row-17
  ];
  const rows = [...labelled.map(([a, b, l]) => `${a},${b},${l}`), ...unlabelled.map(([a, b]) => `${a},${b},`)];
  writeFileSync(path.join(dir, 'table.csv'), ['x0,x1,label', ...rows].join('\n'));
  const config = path.join(dir, 'site.yaml');
  writeFileSync(
    config,
    stringify({
      siteId: 'site-a',
      coordinator: '127.0.0.1:1',
      stateDir: './state',
      backend: 'cpu',
      validationFraction: 0,
      labelMap: { Y: 'yes', N: 'no' },
      data: { kind: 'csv', path: './table.csv', labelColumn: 'label' },
    }),
  );
  const modelSha256 = await keepReceivedModel(path.join(dir, 'state'), IDENTITY_CLASSIFIER.spec, IDENTITY_CLASSIFIER.values, {
    runId: 'run-1',
    round: 4,
    modelVersionId: 'version-final',
    classes: ['no', 'yes'],
  });
  return { config, modelSha256, dir };
}

const fixed = { now: () => new Date('2026-11-30T12:00:00Z'), iso: () => '2026-11-30T12:00:00.000Z' } as never;

describe('pre-annotation, import and screening at a site', () => {
  it('writes a worklist of the unlabelled cases, most uncertain first, and records the predictions locally', async () => {
    const { config, dir } = await site();
    const out = path.join(dir, 'worklist.csv');
    const { rows, text } = await sitePreAnnotate(config, 'run-1', { out }, fixed);
    expect(rows.map((r) => [r.caseId, r.predicted])).toEqual([
      ['row-13', 'no'],
      ['row-15', 'yes'],
      ['row-17', 'no'],
      ['row-12', 'yes'],
      ['row-14', 'no'],
      ['row-16', 'yes'],
    ]);
    expect(rows.map((r) => r.probability)).toEqual([0.5, σ(0.5), 1 - σ(-1), σ(2), 1 - σ(-3), σ(4)].map((p) => expect.closeTo(p, 6)));
    expect(rows.map((r) => r.uncertainty)).toEqual(
      [1, 0.956286539380729, 0.8399415379831692, 0.5270653410031619, 0.27535994729467966, 0.12997927466630485].map((h) => expect.closeTo(h, 5)),
    );
    expect(readFileSync(out, 'utf8').split('\n').slice(0, 3)).toEqual([
      'case,predicted,probability,uncertainty,label,reader',
      'row-13,no,0.5000,1.0000,,',
      'row-15,yes,0.6225,0.9563,,',
    ]);
    expect(text).toContain('pre-annotated 6 unlabelled cases with model version-final (round 4');
  });

  it('imports the readers’ corrections as model-assisted labels: changed, kept, left; κ model–reader 1/6; fingerprint and profile say so', async () => {
    const { config, dir, modelSha256 } = await site();
    const out = path.join(dir, 'worklist.csv');
    await sitePreAnnotate(config, 'run-1', { out }, fixed);
    // The readers: row-13 and row-15 changed, row-14 kept in the local spelling N, row-16 left empty.
    const answers: Record<string, string> = { 'row-12': 'yes', 'row-13': 'yes', 'row-14': 'N', 'row-15': 'no', 'row-16': '', 'row-17': 'no' };
    const filled = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line, i) => (i === 0 ? line : line.replace(/,,$/, `,${answers[line.split(',')[0]!]},dr-x`)));
    writeFileSync(out, filled.join('\n'));
    const first = await siteImportLabels(config, out, {}, fixed);
    expect(first.summary).toEqual({
      imported: 5,
      reviewed: 5,
      changed: 2,
      unreviewed: 0,
      left: 1,
      modelReaderKappa: expect.closeTo(1 / 6, 12),
      rubberStamp: false,
    });
    // The case left empty, taken as the model said, unreviewed.
    writeFileSync(out, 'case,label\nrow-16,\n');
    const second = await siteImportLabels(config, out, { acceptUnreviewed: true }, fixed);
    expect(second.summary).toEqual({ imported: 1, reviewed: 0, changed: 0, unreviewed: 1, left: 0, modelReaderKappa: null, rubberStamp: false });

    const source = openSiteDataset(loadSiteConfig(config));
    const scan = await source.scan();
    const sourceOf = Object.fromEntries(scan.samples.filter((s) => s.labelSource).map((s) => [s.id, [s.label, s.labelSource]]));
    const by = (reviewed: boolean) => ({ kind: 'model-assisted', modelSha256, reviewed });
    expect(sourceOf).toEqual({
      'row-12': ['yes', by(true)],
      'row-13': ['yes', by(true)],
      'row-14': ['no', by(true)],
      'row-15': ['no', by(true)],
      'row-16': ['yes', by(false)],
      'row-17': ['no', by(true)],
    });
    const profile = await profileDataset(source, scan, new LabelVocabulary({ Y: 'yes', N: 'no' }));
    expect(profile.annotation).toEqual({
      sources: { human: 10, consensus: 0, modelReviewed: 5, modelUnreviewed: 1 },
      assistedBy: [modelSha256],
      preAnnotation: { cases: 6, reviewed: 5, corrected: 0.4, modelReaderKappa: expect.closeTo(1 / 6, 12) },
      screening: null,
    });
    // The same labels as a person's would give another fingerprint: the source of a label is part of it.
    const labelled = scan.samples.map((s) => ({ ...s, label: s.label === 'Y' ? 'yes' : s.label }));
    expect(profile.fingerprint).toBe(merkleRoot(labelled));
    expect(profile.fingerprint).not.toBe(merkleRoot(labelled.map(({ labelSource: _, ...s }) => s)));
    // What leaves: counts of 1 … 4 suppressed, 6 coarsened to 5; the share corrected would pin 2 of 5 down, so it stays.
    expect(guardProfile(profile, { minCellSize: 5 }).annotation).toEqual({
      sources: { human: 10, consensus: 0, modelReviewed: 5, modelUnreviewed: null },
      assistedBy: [modelSha256],
      preAnnotation: { cases: 5, reviewed: 5, corrected: null, modelReaderKappa: expect.closeTo(1 / 6, 12) },
      screening: null,
    });

    // A run with qualityGate.requireReviewedPreAnnotation trains without the unreviewed one.
    const loaded = loadSiteConfig(config);
    const data = new SiteData(loaded, openSiteDataset(loaded), loaded.privacy, { info: () => undefined, warn: () => undefined });
    await data.prepare();
    const preprocessing = { normalization: 'auto' as const, standardize: 'none' as const };
    expect((await data.localData([2], ['no', 'yes'], preprocessing)).train.count).toBe(16);
    expect((await data.localData([2], ['no', 'yes'], preprocessing, true)).train.count).toBe(15);
  });

  it('warns of a rubber stamp when every reviewed label equals the prediction, and refuses a label outside the run', async () => {
    const { config, dir } = await site();
    const out = path.join(dir, 'worklist.csv');
    const { rows } = await sitePreAnnotate(config, 'run-1', { out }, fixed);
    writeFileSync(out, ['case,label', ...rows.map((r) => `${r.caseId},${r.predicted}`)].join('\n'));
    const stamped = await siteImportLabels(config, out, {}, fixed);
    expect(stamped.summary.rubberStamp).toBe(true);
    expect(stamped.text).toContain("warning: every one of the 6 reviewed labels equals the model's prediction");
    writeFileSync(out, 'case,label\nrow-13,maybe\n');
    await expect(siteImportLabels(config, out, {}, fixed)).rejects.toThrow(
      `${out} line 2: label "maybe" of case row-13 is not a class of run run-1 (no, yes) and labelMap maps it to none; correct it or add it to labelMap`,
    );
    writeFileSync(out, 'case,label\nrow-2,yes\n');
    await expect(siteImportLabels(config, out, {}, fixed)).rejects.toThrow(`${out} line 2: case row-2 was not pre-annotated at this site`);
  });

  it('screens the labelled cases: lists those the model contradicts with probability ≥ 0.9, most confident first; only counts enter the profile', async () => {
    const { config, modelSha256 } = await site();
    const { cases, screened } = await siteScreenLabels(config, 'run-1', {}, fixed);
    expect(screened).toBe(10);
    expect(cases).toEqual([
      { caseId: 'row-2', label: 'no', predicted: 'yes', probability: expect.closeTo(σ(5), 6), labelSource: 'human' },
      { caseId: 'row-3', label: 'yes', predicted: 'no', probability: expect.closeTo(1 - σ(-4), 6), labelSource: 'human' },
    ]);
    const source = openSiteDataset(loadSiteConfig(config));
    const profile = await profileDataset(source, await source.scan(), new LabelVocabulary({ Y: 'yes', N: 'no' }));
    expect(profile.annotation?.screening).toEqual({ modelSha256, minProbability: 0.9, screened: 10, flagged: 2 });
    expect(guardProfile(profile, { minCellSize: 5 }).annotation?.screening).toEqual({ modelSha256, minProbability: 0.9, screened: 10, flagged: null });
  });
});

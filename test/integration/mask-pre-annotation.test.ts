import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { siteImportLabels, sitePreAnnotate } from '../../site-agent/annotation/annotation-commands.js';
import { loadSiteConfig } from '../../site-agent/config/site-config.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { openSiteDataset } from '../../site-agent/data/open-dataset.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';
import { keepReceivedModel } from '../support/received-model.js';

/** A 4 × 4 single-channel PNG, row-major. */
const png = (values: number[]) =>
  sharp(Buffer.from(values), { raw: { width: 4, height: 4, channels: 1 } })
    .png()
    .toBuffer();
const values = async (file: string) => [...(await sharp(readFileSync(file)).extractChannel(0).raw().toBuffer())];

const TOP_ROW = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const fixed = { now: () => new Date('2026-11-30T12:00:00Z'), iso: () => '2026-11-30T12:00:00.000Z' } as never;

/**
 * Four images; a and b have masks (lesion = 2 locally), c and d none. The model received is a 1 × 1 convolution
 * that calls a pixel lesion when it is brighter than half: p(lesion) = σ(20x − 10).
 */
async function site(): Promise<{ config: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'consilium-mask-pre-'));
  for (const folder of ['images', 'masks']) mkdirSync(path.join(dir, folder));
  const bright = TOP_ROW.map((v) => v * 255);
  for (const id of ['case-a', 'case-b', 'case-c', 'case-d']) {
    writeFileSync(path.join(dir, 'images', `${id}.png`), await png(id === 'case-d' ? new Array(16).fill(0) : bright));
  }
  for (const id of ['case-a', 'case-b']) writeFileSync(path.join(dir, 'masks', `${id}.png`), await png(TOP_ROW.map((v) => v * 2)));
  const config = path.join(dir, 'site.yaml');
  writeFileSync(
    config,
    stringify({
      siteId: 'site-m',
      coordinator: '127.0.0.1:1',
      stateDir: './state',
      backend: 'cpu',
      data: { kind: 'image-masks', images: './images', masks: './masks' },
      maskLabelMap: { '0': 'background', '2': 'lesion' },
    }),
  );
  const segmenter = {
    class_name: 'Sequential',
    config: { layers: [{ class_name: 'Conv2D', config: { name: 'px', input_shape: [4, 4, 1], filters: 2, kernel_size: 1, activation: 'softmax' } }] },
  };
  await keepReceivedModel(path.join(dir, 'state'), segmenter, (name) => (name === 'px/kernel' ? [-10, 10] : [5, -5]), {
    runId: 'run-s',
    round: 3,
    modelVersionId: 'version-seg',
    classes: ['background', 'lesion'],
  });
  return { config, dir };
}

describe('pre-annotation of masks', () => {
  it('draws a mask for each image without one, in the site’s own values; imports the corrected masks into data.masks with their Dice and provenance', async () => {
    const { config, dir } = await site();
    const out = path.join(dir, 'review');
    const { rows, file } = await sitePreAnnotate(config, 'run-s', { out }, fixed);
    expect(file).toBe(path.join(out, 'worklist.csv'));
    expect(rows.map((r) => [r.caseId, r.predicted, r.mask])).toEqual([
      ['case-c.png', 'lesion', 'masks/case-c.png'],
      ['case-d.png', 'none', 'masks/case-d.png'],
    ]);
    expect(rows[0]!.probability).toBeCloseTo(1 / (1 + Math.exp(-10)), 5);
    expect(await values(path.join(out, 'masks', 'case-c.png'))).toEqual(TOP_ROW.map((v) => v * 2));
    expect(readFileSync(file!, 'utf8').split('\n')[0]).toBe('case,predicted,probability,uncertainty,mask,label,reader');

    // The reader adds one lesion pixel to c's mask and marks it reviewed; d is left for later.
    const corrected = TOP_ROW.map((v, i) => (v || i === 4 ? 2 : 0));
    writeFileSync(path.join(out, 'masks', 'case-c.png'), await png(corrected));
    writeFileSync(file!, readFileSync(file!, 'utf8').replace(/^(case-c\.png,.*),,$/m, '$1,reviewed,dr-m'));
    const { summary } = await siteImportLabels(config, file!, {}, fixed);
    // Dice of 4 drawn pixels against 5: 8/9.
    expect(summary).toEqual({
      imported: 1,
      reviewed: 1,
      changed: 1,
      unreviewed: 0,
      left: 1,
      modelReaderKappa: null,
      modelReaderDice: expect.closeTo(8 / 9, 12),
      rubberStamp: false,
    });
    expect(await values(path.join(dir, 'masks', 'case-c.png'))).toEqual(corrected);

    const source = openSiteDataset(loadSiteConfig(config));
    const scan = await source.scan();
    expect(scan.samples.map((s) => [s.id, s.labelSource?.kind ?? 'human'])).toEqual([
      ['case-a.png', 'human'],
      ['case-b.png', 'human'],
      ['case-c.png', 'model-assisted'],
    ]);
    const profile = await profileDataset(source, scan, new LabelVocabulary({}));
    expect(profile.annotation?.sources).toEqual({ human: 2, consensus: 0, modelReviewed: 1, modelUnreviewed: 0 });
    expect(profile.annotation?.preAnnotation).toEqual({
      cases: 2,
      reviewed: 1,
      corrected: 1,
      modelReaderKappa: null,
      modelReaderDice: expect.closeTo(8 / 9, 12),
    });

    // A mask already in data.masks is a person's: importing over it is refused.
    await expect(siteImportLabels(config, file!, {}, fixed)).rejects.toThrow(
      `${file} line 2: ${path.join(dir, 'masks', 'case-c.png')} exists: a mask already in data.masks is a person's and wins; drop the row or move that file`,
    );
  });
});

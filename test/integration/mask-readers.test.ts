import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { agreementFailures } from '../../coordinator/domain/quality-gate.js';
import { MaskedImageFolderSource } from '../../site-agent/data/masked-image-folder.source.js';
import { caseDice, consensusMask } from '../../site-agent/profile/reader-agreement.js';

/** A 4 × 4 single-channel PNG with the given values, row-major. */
const png = (values: number[]) =>
  sharp(Buffer.from(values), { raw: { width: 4, height: 4, channels: 1 } })
    .png()
    .toBuffer();

const EMPTY = new Array<number>(16).fill(0);
/** The top-left 2 × 2 block labelled 1. */
const TOP_LEFT = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/** The top 1 × 4 row labelled 1: two pixels shared with TOP_LEFT, two not. */
const TOP_ROW = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/** Three images; readers a and b draw all three, c only the first. */
async function site(): Promise<{ images: string; masks: Record<string, string> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'consilium-mask-readers-'));
  const images = path.join(root, 'images');
  const masks = { a: path.join(root, 'masks-a'), b: path.join(root, 'masks-b'), c: path.join(root, 'masks-c') };
  for (const dir of [images, ...Object.values(masks)]) await mkdir(dir, { recursive: true });
  const drawn: Record<string, Record<string, number[]>> = {
    'case-1.png': { a: TOP_LEFT, b: TOP_ROW, c: TOP_LEFT },
    'case-2.png': { a: TOP_LEFT, b: TOP_LEFT },
    'case-3.png': { a: EMPTY, b: EMPTY },
  };
  for (const [file, byReader] of Object.entries(drawn)) {
    await writeFile(path.join(images, file), await png(new Array<number>(16).fill(120)));
    for (const [reader, values] of Object.entries(byReader)) await writeFile(path.join(masks[reader as 'a'], file), await png(values));
  }
  return { images, masks };
}

describe("several readers' masks", () => {
  it('measure Dice per case over the foreground values either drew, and vote per pixel', () => {
    // 2 shared pixels of 4 + 4: 0.5; two empty masks agree.
    expect(caseDice(Uint8Array.from(TOP_LEFT), Uint8Array.from(TOP_ROW))).toBe(0.5);
    expect(caseDice(Uint8Array.from(EMPTY), Uint8Array.from(EMPTY))).toBe(1);
    // Value 1: 2·1/(2+1) = 2/3; value 2: 2·1/(1+3) = 1/2; the mean is 7/12.
    expect(caseDice(Uint8Array.from([1, 1, 2, 0]), Uint8Array.from([1, 2, 2, 2]))).toBeCloseTo(7 / 12, 12);
    const three = new Map([
      ['a', Uint8Array.from([1, 1, 0, 2])],
      ['b', Uint8Array.from([1, 0, 0, 2])],
      ['c', Uint8Array.from([0, 1, 2, 1])],
    ]);
    expect([...consensusMask(three, { kind: 'majority' })]).toEqual([1, 1, 0, 2]);
    // Two readers: a pixel needs both.
    expect([...consensusMask(new Map([...three].slice(0, 2)), { kind: 'majority' })]).toEqual([1, 0, 0, 2]);
    expect([...consensusMask(three, { kind: 'adjudicator', reader: 'c' })]).toEqual([0, 1, 2, 1]);
  });

  it('enter the profile as the mean Dice between readers, list the case that overlaps little, train on the consensus, and meet minReaderDice', async () => {
    const { images, masks } = await site();
    const source = new MaskedImageFolderSource(images, masks, null);
    const scan = await source.scan();
    expect(scan.samples.map((s) => s.id)).toEqual(['case-1.png', 'case-2.png', 'case-3.png']);
    // Case 1: a–b 0.5, a–c 1, b–c 0.5, mean 2/3; case 2: 1; case 3: 1. Over cases: (2/3 + 1 + 1) / 3 = 8/9.
    const agreement = source.agreement()!;
    expect({ ...agreement, interval: null }).toEqual({
      rule: 'per-pixel majority',
      readers: 3,
      cases: 3,
      readersPerCase: { min: 2, max: 3 },
      statistic: 'mean-dice',
      value: expect.closeTo(8 / 9, 12),
      interval: null,
      pairs: [
        { readers: ['r1', 'r2'], cases: 3, kappa: null, dice: expect.closeTo(2.5 / 3, 12) },
        { readers: ['r1', 'r3'], cases: 1, kappa: null, dice: 1 },
        { readers: ['r2', 'r3'], cases: 1, kappa: null, dice: 0.5 },
      ],
      needsAdjudication: 0,
    });
    expect(agreement.interval![0]).toBeGreaterThanOrEqual(2 / 3);
    expect(agreement.interval![1]).toBeLessThanOrEqual(1);
    expect(source.review()).toEqual([
      {
        caseId: 'case-1.png',
        readings: { a: '4 labelled pixels', b: '4 labelled pixels', c: '4 labelled pixels' },
        reason: "readers' masks disagree: Dice 0.500 between a and b",
      },
    ]);
    // Case 1 trains on what two of its three readers drew: the top-left block.
    expect([...(await source.decodeMasks(scan.samples.slice(0, 1), [4, 4]))]).toEqual(TOP_LEFT);
    const adjudicated = new MaskedImageFolderSource(images, masks, null, undefined, { kind: 'adjudicator', reader: 'b' });
    await adjudicated.scan();
    expect([...(await adjudicated.decodeMasks(scan.samples.slice(0, 1), [4, 4]))]).toEqual(TOP_ROW);

    const profile = { agreement: { ...agreement, value: 8 / 9 }, privacy: { minCellSize: 1, suppressedCells: 0, epsilon: null } } as never;
    expect(agreementFailures(profile, { minReaderDice: 0.9, noIdentifyingTags: false, noBurnedInAnnotation: false })).toEqual([
      expect.stringMatching(/^reader agreement mean Dice between readers 0\.889 \(95 % 0\.\d{3} to 1\.000\) is below qualityGate\.minReaderDice 0\.9$/),
    ]);
    expect(agreementFailures(profile, { minReaderDice: 0.85, noIdentifyingTags: false, noBurnedInAnnotation: false })).toEqual([]);
    expect(agreementFailures(profile, { minKappa: 0.6, noIdentifyingTags: false, noBurnedInAnnotation: false })).toEqual([
      'its readers draw masks, so they report mean Dice between readers, not what qualityGate.minKappa 0.6 reads',
    ]);
  });
});

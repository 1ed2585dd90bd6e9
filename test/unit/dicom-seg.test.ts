import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { readSegmentation } from '../../site-agent/data/dicom/dicom-seg.js';
import { datasetFile, datasetsRoot } from '../support/datasets.js';

describe.skipIf(!datasetsRoot)('DICOM Segmentation objects', () => {
  it('reads the real 1-bit liver segmentation: its segment, its source image, and its mask pixel for pixel', () => {
    const bytes = readFileSync(datasetFile('dicom/liver_1frame.dcm'));
    const seg = readSegmentation(bytes);
    expect([seg.rows, seg.columns, [...seg.segments]]).toEqual([512, 512, [[1, 'Liver']]]);
    expect(seg.frames).toHaveLength(1);
    expect(seg.frames[0]!.segment).toBe(1);
    expect(seg.frames[0]!.sourceSopInstanceUid).toBe('1.2.392.200103.20080913.113635.2.2009.6.22.21.43.10.23433.1');
    // The mask holds exactly the set bits of the packed pixel data: unpacking loses and invents nothing.
    const packed = bytes.subarray(bytes.length - 32768);
    const setBits = packed.reduce(
      (n, byte) =>
        n +
        byte
          .toString(2)
          .split('')
          .filter((b) => b === '1').length,
      0,
    );
    const labelled = seg.frames[0]!.mask.reduce((n, v) => n + v, 0);
    expect(labelled).toBe(setBits);
    expect(labelled).toBe(36_233);
    // One connected organ in the image's left half and middle rows (the patient's right, in radiological view).
    const at = [...seg.frames[0]!.mask.keys()].filter((i) => seg.frames[0]!.mask[i] === 1);
    const [rows, cols] = [at.map((i) => Math.floor(i / 512)), at.map((i) => i % 512)];
    expect([Math.min(...rows), Math.max(...rows), Math.min(...cols), Math.max(...cols)]).toEqual([145, 366, 79, 350]);
  });

  it('refuses a file that is not a segmentation, naming why', () => {
    expect(() => readSegmentation(readFileSync(datasetFile('dicom/CT_small.dcm')))).toThrow(
      /^not a segmentation: SOP Class 1\.2\.840\.10008\.5\.1\.4\.1\.1\.2$/,
    );
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';

import { findIdentifying, notRetained } from '../../site-agent/data/dicom/deid/basic-profile.js';
import { CONFIDENTIALITY_PROFILE } from '../../site-agent/data/dicom/deid/gen/confidentiality-profile.gen.js';
import { looksLikeText, mayHoldText } from '../../site-agent/data/dicom/deid/text-in-pixels.js';
import { writeTestDicom } from '../support/dicom-writer.js';

const run = promisify(execFile);

describe('PS3.15 Basic Application Level Confidentiality Profile', () => {
  it('is generated from the standard’s table, and the generated file is fresh', async () => {
    await expect(run(process.execPath, ['scripts/gen-confidentiality-profile.mjs', '--check'])).resolves.toBeDefined();
    expect(CONFIDENTIALITY_PROFILE).toHaveLength(621);
    const row = (name: string) => CONFIDENTIALITY_PROFILE.find((r) => r[1] === name);
    expect(row("Patient's Name")).toEqual(['00100010', "Patient's Name", 'Z', []]);
    expect(row('Study Instance UID')).toEqual(['0020000d', 'Study Instance UID', 'U', ['uids']]);
    expect(row("Patient's Sex")).toEqual(['00100040', "Patient's Sex", 'Z', ['patientCharacteristics']]);
    expect(row('Overlay Data')).toEqual(['60xx3000', 'Overlay Data', 'X', []]);
  });

  it('finds every attribute it acts on, by name and category, and what the site’s retain options keep', () => {
    const bytes = writeTestDicom({
      sopInstanceUid: '1.2.3.4',
      seriesInstanceUid: '1.2.3',
      studyInstanceUid: '1.2',
      studyDate: '20240102',
      accessionNumber: 'A7',
      studyDescription: 'chest',
      patientName: 'Doe^Jane',
      patientId: 'P1',
      bodyPartExamined: 'CHEST',
      modality: 'CT',
      manufacturer: 'Acme',
      rows: 1,
      columns: 1,
      pixels: new Uint16Array(1),
    });
    const findings = findIdentifying(dicomParser.parseDicom(bytes));
    expect(findings.map((f) => [f.attribute, f.category, f.action])).toEqual([
      ['Accession Number', 'other identifiers', 'Z'],
      ['Media Storage SOP Instance UID', 'UIDs', 'U'],
      ['Patient ID', 'patient identity', 'Z/D'],
      ["Patient's Name", 'patient identity', 'Z'],
      ['SOP Instance UID', 'UIDs', 'U'],
      ['Series Instance UID', 'UIDs', 'U'],
      ['Study Date', 'dates and times', 'Z'],
      ['Study Description', 'descriptions and comments', 'X'],
      ['Study Instance UID', 'UIDs', 'U'],
    ]);
    expect(notRetained(findings, new Set(['uids', 'fullDates'])).map((f) => f.attribute)).toEqual([
      'Accession Number',
      'Patient ID',
      "Patient's Name",
      'Study Description',
    ]);
  });
});

/** A 5×7 pixel font for the few glyphs the test writes. */
const GLYPHS: Record<string, string[]> = {
  D: ['11110', '10001', '10001', '10001', '10001', '10001', '11110'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'],
  N: ['10001', '11001', '10101', '10011', '10001', '10001', '10001'],
};

describe('text burned into the pixels (ultrasound, secondary capture)', () => {
  const [rows, columns] = [120, 160];
  /** An ultrasound-like frame: a speckled fan on black, and optionally a patient's name written in white at the top. */
  const frame = (text: string | null): Float32Array => {
    const values = new Float32Array(rows * columns);
    let seed = 7;
    for (let y = 20; y < rows; y++)
      for (let x = 0; x < columns; x++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        if (Math.abs(x - columns / 2) < (y - 10) * 0.7) values[y * columns + x] = 40 + (seed % 150);
      }
    [...(text ?? '')].forEach((glyph, i) =>
      GLYPHS[glyph]!.forEach((line, dy) => [...line].forEach((bit, dx) => bit === '1' && (values[(4 + dy) * columns + 6 + i * 7 + dx] = 255))),
    );
    return values;
  };

  it('flags a name written into the image, and not the speckle alone', () => {
    expect(looksLikeText(frame('JOEDOEJODEN'), rows, columns, 1)).toBe(true);
    expect(looksLikeText(frame(null), rows, columns, 1)).toBe(false);
    // Two letters are too few strokes to call text.
    expect(looksLikeText(frame('JO'), rows, columns, 1)).toBe(false);
  });

  it('is looked for in ultrasound and secondary captures only', () => {
    expect(mayHoldText({ modality: 'US', sopClassUid: '1.2.840.10008.5.1.4.1.1.6.1' })).toBe(true);
    expect(mayHoldText({ modality: 'OT', sopClassUid: '1.2.840.10008.5.1.4.1.1.7' })).toBe(true);
    expect(mayHoldText({ modality: 'CT', sopClassUid: '1.2.840.10008.5.1.4.1.1.2' })).toBe(false);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { DicomSource } from '../../site-agent/data/dicom.source.js';
import { DicomUnreadable, readDicom } from '../../site-agent/data/dicom/dicom-file.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';
import { type TestDicom, writeTestDicom } from '../support/dicom-writer.js';

const ct = (over: Partial<TestDicom> = {}): Buffer =>
  writeTestDicom({
    sopInstanceUid: '1.2.3.4',
    modality: 'CT',
    manufacturer: 'Acme',
    rows: 4,
    columns: 4,
    pixels: Uint16Array.from({ length: 16 }, (_, i) => i * 10),
    patientName: 'Doe^Jane',
    ...over,
  });

const reason = (bytes: Uint8Array): string => {
  try {
    readDicom(bytes);
    return 'read';
  } catch (error) {
    return error instanceof DicomUnreadable ? error.reason : String(error);
  }
};

describe('DICOM headers are never silently lost', () => {
  it('reads a bare data set that starts after stray bytes, header and all', () => {
    for (const stray of [0, 1, 3, 17]) {
      const { header } = readDicom(Buffer.concat([Buffer.alloc(stray, 0x20), ct({ bare: true })]));
      const identifying = header.deidentification.map((f) => f.attribute);
      expect({ stray, modality: header.modality, manufacturer: header.manufacturer, identifying, rows: header.rows }).toEqual({
        stray,
        modality: 'CT',
        manufacturer: 'Acme',
        identifying: ["Patient's Name", 'SOP Instance UID'],
        rows: 4,
      });
    }
  });

  it('refuses a file whose header cannot be parsed, with the reason, instead of guessing', () => {
    expect(reason(Buffer.concat([Buffer.alloc(300, 0x20), ct({ bare: true })]))).toBe('unparsable header');
    expect(reason(Buffer.from('this is a text file, not DICOM at all '.repeat(20)))).toBe('unparsable header');
  });

  it('keeps the header of a file whose pixels are truncated in the profile, and finds one image stored twice by its pixels', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-headers-'));
    const whole = ct();
    writeFileSync(path.join(root, 'a.dcm'), whole);
    writeFileSync(path.join(root, 'b-deflated.dcm'), ct({ sopInstanceUid: '1.2.3.5', deflate: true }));
    writeFileSync(path.join(root, 'c-truncated.dcm'), whole.subarray(0, whole.length - 10));
    writeFileSync(path.join(root, 'labels.csv'), 'key,label\n1.2.3.4,a\n1.2.3.5,a\n');
    const source = new DicomSource({
      root,
      labelsFile: path.join(root, 'labels.csv'),
      keyBy: 'sopInstanceUid',
      keyColumn: 'key',
      labelColumn: 'label',
      multiFrame: 'frames',
    });
    const scan = await source.scan();
    expect(scan.samples.map((s) => s.id)).toEqual(['a.dcm', 'b-deflated.dcm']);
    expect(scan.skipped.map((s) => [s.id, s.reason])).toEqual([['c-truncated.dcm', 'truncated']]);
    // The sites keep UIDs (PS3.15's Retain UIDs option): the name is what the truncated file's header still shows.
    const profile = await profileDataset(source, scan, new LabelVocabulary({}), undefined, ['uids']);
    expect(profile.dicom.modality).toEqual({ CT: 3 });
    expect(profile.deidentification).toEqual({
      filesWithIdentifyingTags: 3,
      byTag: { "Patient's Name": 3 },
      byCategory: { 'patient identity': 3 },
      burnedInAnnotation: 0,
      textInPixels: 0,
      retained: ['uids'],
    });
    expect(profile.duplicates).toEqual({ extraCopies: 1, groups: 1 });
  });
});

import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';

import { DicomSource } from '../../site-agent/data/dicom.source.js';
import { findIdentifying } from '../../site-agent/data/dicom/deid/basic-profile.js';
import { DeidentifiedCache } from '../../site-agent/data/dicom/deid/deidentified-cache.js';
import { CONFIDENTIALITY_PROFILE } from '../../site-agent/data/dicom/deid/gen/confidentiality-profile.gen.js';
import { readDicomImage } from '../../site-agent/data/dicom/dicom-file.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';

const run = promisify(execFile);
const root = process.env['CONSILIUM_DATASETS'];

/**
 * What dcmtk's dcmdump, reading a file on its own, says the Basic Profile acts on: every attribute with a value at any
 * depth, except inside a sequence the profile itself removes (it goes whole), named as the profile's table names it.
 */
async function dcmdumpFindings(file: string): Promise<string[]> {
  // +E prints a damaged file's elements up to the damage (MR_truncated.dcm), as far as our partial header goes.
  const { stdout } = await run('dcmdump', ['-q', '+E', file], { maxBuffer: 64 * 2 ** 20 }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  const names = new Map(CONFIDENTIALITY_PROFILE.filter((r) => !r[0].includes('x')).map((r) => [r[0], r[1]]));
  const found = new Set<string>();
  const removedAt: number[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^( *)\(([0-9a-f]{4}),([0-9a-f]{4})\) (\w\w) (.*)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length;
    while (removedAt.length > 0 && depth <= removedAt.at(-1)!) removedAt.pop();
    if (removedAt.length > 0) continue;
    const [group, element, vr, rest] = [match[2]!, match[3]!, match[4]!, match[5]!];
    if (group === 'fffe' || element === '0000') continue;
    const name = parseInt(group, 16) % 2 === 1 ? 'Private attributes' : names.get(group + element);
    if (!name) continue;
    const empty = /^\(no value available\)|^\(Sequence with (explicit|undefined) length #=0\)/.test(rest);
    if (!empty) found.add(name);
    if (vr === 'SQ') removedAt.push(depth);
  }
  return [...found].sort();
}

describe.runIf(root)('de-identification of the real DICOM files, to PS3.15', () => {
  it('counts every attribute the Basic Profile acts on, by attribute and by category, as dcmtk reads the headers', async () => {
    const folder = path.join(root!, 'dicom');
    const source = new DicomSource({ root: folder, keyBy: 'path', keyColumn: 'key', labelColumn: 'label', multiFrame: 'refuse' });
    const scan = await source.scan();
    // Each file's findings are what dcmdump finds in it on its own. meta_missing_tsyntax.dcm has no header to read;
    // no_meta.dcm, which dcmtk cannot read (its data set starts after a stray byte), is CT_small.dcm without a meta header.
    // MR_truncated.dcm's header is what parsed before the cut, without its meta header (dicom-parser gives it apart).
    const withoutMeta = (names: string[]) => names.filter((name) => name !== 'Media Storage SOP Instance UID');
    const dumped = async (id: string) =>
      id === 'no_meta.dcm'
        ? withoutMeta(await dcmdumpFindings(path.join(folder, 'CT_small.dcm')))
        : id === 'MR_truncated.dcm'
          ? withoutMeta(await dcmdumpFindings(path.join(folder, id)))
          : await dcmdumpFindings(path.join(folder, id));
    for (const { id, meta } of [...scan.samples, ...scan.skipped]) {
      if (id === 'meta_missing_tsyntax.dcm') continue;
      expect((meta?.deidentification ?? []).map((f) => f.attribute).sort(), id).toEqual(await dumped(id));
    }
    expect(readdirSync(folder)).toHaveLength(14);
    const profile = await profileDataset(source, scan, new LabelVocabulary({}));
    // 13 files: every one but meta_missing_tsyntax.dcm, whose header cannot be read.
    expect(profile.deidentification).toEqual({
      filesWithIdentifyingTags: 13,
      byCategory: {
        'patient identity': 13,
        UIDs: 13,
        'dates and times': 12,
        'other identifiers': 12,
        'patient characteristics': 12,
        'descriptions and comments': 11,
        device: 11,
        institution: 9,
        'names of staff': 8,
        'private attributes': 3,
      },
      byTag: {
        "Patient's Name": 13,
        'SOP Instance UID': 13,
        'Series Instance UID': 13,
        'Study Instance UID': 13,
        'Patient ID': 12,
        "Patient's Sex": 12,
        'Study Date': 12,
        'Study ID': 12,
        'Study Time': 12,
        'Frame of Reference UID': 11,
        'Media Storage SOP Instance UID': 11,
        'Image Comments': 10,
        'Instance Creation Date': 10,
        'Instance Creation Time': 10,
        'Station Name': 10,
        'Instance Creator UID': 8,
        'Institution Name': 8,
        "Patient's Weight": 8,
        'Timezone Offset From UTC': 8,
        'Device Serial Number': 7,
        'Name of Physician(s) Reading Study': 5,
        "Operators' Name": 5,
        'Content Date': 4,
        'Content Time': 4,
        'Data Set Trailing Padding': 4,
        "Patient's Age": 4,
        'Series Date': 4,
        'Series Time': 4,
        'Acquisition Date': 3,
        'Acquisition Time': 3,
        'Private attributes': 3,
        'Referenced SOP Instance UID': 3,
        'Study Description': 3,
        'Contrast/Bolus Agent': 2,
        'Other Patient IDs Sequence': 2,
        "Referring Physician's Name": 2,
        'Source Image Sequence': 2,
        'Accession Number': 1,
        'Clinical Trial Coordinating Center Name': 1,
        'Derivation Description': 1,
        'Dimension Organization UID': 1,
        "Patient's Size": 1,
        'Protocol Name': 1,
        'Series Description': 1,
      },
      burnedInAnnotation: 0,
      // The two secondary captures are a colour-bar chart and a grey test pattern: no text in them.
      textInPixels: 0,
      retained: [],
    });
    // A site that keeps UIDs, full dates and patient characteristics (PS3.15's retain options) counts only the rest.
    const retaining = await profileDataset(source, scan, new LabelVocabulary({}), undefined, ['uids', 'fullDates', 'patientCharacteristics']);
    expect([retaining.deidentification.filesWithIdentifyingTags, retaining.deidentification.byCategory]).toEqual([
      13,
      {
        'patient identity': 13,
        'other identifiers': 12,
        'descriptions and comments': 11,
        device: 11,
        institution: 9,
        'names of staff': 8,
        'private attributes': 3,
      },
    ]);
    expect(retaining.deidentification.retained).toEqual(['fullDates', 'patientCharacteristics', 'uids']);
  });
});

describe.runIf(root)('the de-identified cache: training reads only de-identified copies of the real files', () => {
  it('de-identifies every file it can by the Basic Profile, records it, keeps the pixels, and decodes only from the copies', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-deid-'));
    try {
      const data = path.join(dir, 'data');
      await cp(path.join(root!, 'dicom'), data, { recursive: true });
      const options = { root: data, keyBy: 'path' as const, keyColumn: 'key', labelColumn: 'label', multiFrame: 'refuse' as const };
      const plain = new DicomSource(options);
      const plainScan = await plain.scan();
      const source = new DicomSource({ ...options, deidentified: () => DeidentifiedCache.open(path.join(dir, 'deidentified'), []) });
      const scan = await source.scan();
      // The bare data set (no_meta.dcm) has no file meta header for dcmjs to rewrite: it is skipped, not trained on as it is.
      expect(scan.samples.map((s) => s.id)).toEqual(plainScan.samples.map((s) => s.id).filter((id) => id !== 'no_meta.dcm'));
      expect(scan.skipped.find((s) => s.id === 'no_meta.dcm')?.reason).toBe('not de-identifiable');
      const copies = (await readdir(path.join(dir, 'deidentified'))).filter((f) => f.endsWith('.dcm'));
      // The 8 images trained on, and the multi-frame RT dose (refused by multiFrame, but copied at scan all the same).
      expect(copies).toHaveLength(scan.samples.length + 1);
      const studies = new Set<string>();
      for (const copy of copies) {
        const ds = dicomParser.parseDicom(await readFile(path.join(dir, 'deidentified', copy)));
        expect([ds.string('x00120062'), ds.elements['x00120064']?.items?.[0]?.dataSet?.string('x00080100'), ds.string('x00280303')]).toEqual([
          'YES',
          '113100',
          'REMOVED',
        ]);
        // What is left is what the profile puts in place: new UIDs (2.25…) and dummy values, never an original.
        for (const finding of findIdentifying(ds)) expect(finding.action, `${copy}: ${finding.attribute}`).toMatch(/U|D/);
        expect(ds.string('x0020000d')).toMatch(/^2\.25\.\d+$/);
        expect(ds.string('x00100010') ?? '').toBe('');
        studies.add(ds.string('x0020000d')!);
      }
      // 9 copies of 6 studies: MR_small in four transfer syntaxes is one study, and its copies share one new Study
      // Instance UID, as the originals share theirs.
      const copied = ['CT_small', 'JPEG-lossy', 'MR_small', 'MR_small_RLE', 'MR_small_bigendian', 'MR_small_implicit', 'SC_rgb_rle', 'image_dfl', 'rtdose'];
      const originalStudies = new Set<string>();
      for (const name of copied) originalStudies.add((await readDicomImage(await readFile(path.join(data, `${name}.dcm`)))).header.studyInstanceUid!);
      expect([studies.size, originalStudies.size]).toEqual([6, 6]);
      // Decoding reads the copies alone: with every original overwritten, the pixels still come, the same as before.
      const before = await plain.decode(
        plainScan.samples.filter((s) => s.id !== 'no_meta.dcm'),
        [32, 32, 1],
      );
      for (const file of readdirSync(data)) await writeFile(path.join(data, file), 'gone');
      const after = await source.decode(scan.samples, [32, 32, 1]);
      expect(after.skipped).toEqual([]);
      expect(Array.from(after.features)).toEqual(Array.from(before.features));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

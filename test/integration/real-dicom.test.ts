import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DicomSource } from '../../site-agent/data/dicom.source.js';
import { DicomUnreadable, readDicom, readDicomImage } from '../../site-agent/data/dicom/dicom-file.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';

// pydicom's test files from CONSILIUM_DATASETS (.ci/run sets it); a missing file fails, never skips silently.
const root = process.env['CONSILIUM_DATASETS'];
const folder = () => path.join(root!, 'dicom');
const read = (name: string) => {
  const file = path.join(folder(), name);
  if (!existsSync(file)) throw new Error(`CONSILIUM_DATASETS is set but ${file} is missing`);
  return new Uint8Array(readFileSync(file));
};
const outcome = async (name: string) => {
  try {
    const image = await readDicomImage(read(name));
    const { header } = image;
    // Every frame decodes to the declared size (the JPEG's on a decoding thread).
    for (let f = 0; f < header.frames; f++) expect(image.frame(f)).toHaveLength(header.rows * header.columns * header.samplesPerPixel);
    return `${header.modality ?? '-'} ${header.rows}×${header.columns}×${header.samplesPerPixel}, ${header.frames} frame(s)`;
  } catch (error) {
    if (error instanceof DicomUnreadable) return `unreadable: ${error.reason}`;
    throw error;
  }
};

describe.runIf(root)('real DICOM files', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('decodes every supported transfer syntax to the right size, and classifies the rest by reason', async () => {
    expect(
      Object.fromEntries(
        await Promise.all(
          [
            'CT_small.dcm',
            'JPEG-lossy.dcm',
            'MR_small.dcm',
            'MR_small_RLE.dcm',
            'MR_small_bigendian.dcm',
            'MR_small_implicit.dcm',
            'MR_truncated.dcm',
            'SC_rgb_rle.dcm',
            'badVR.dcm',
            'image_dfl.dcm',
            'liver_1frame.dcm',
            'meta_missing_tsyntax.dcm',
            'no_meta.dcm',
            'rtdose.dcm',
          ].map(async (f) => [f, await outcome(f)]),
        ),
      ),
    ).toEqual({
      'CT_small.dcm': 'CT 128×128×1, 1 frame(s)',
      'JPEG-lossy.dcm': 'NM 1024×256×1, 1 frame(s)',
      'MR_small.dcm': 'MR 64×64×1, 1 frame(s)',
      'MR_small_RLE.dcm': 'MR 64×64×1, 1 frame(s)',
      'MR_small_bigendian.dcm': 'MR 64×64×1, 1 frame(s)',
      'MR_small_implicit.dcm': 'MR 64×64×1, 1 frame(s)',
      'MR_truncated.dcm': 'unreadable: truncated',
      'SC_rgb_rle.dcm': 'OT 100×100×3, 1 frame(s)',
      'badVR.dcm': 'unreadable: bad value',
      'image_dfl.dcm': 'OT 512×512×1, 1 frame(s)',
      'liver_1frame.dcm': 'SEG 512×512×1, 1 frame(s)',
      'meta_missing_tsyntax.dcm': 'unreadable: no transfer syntax',
      // The bare data set starts one byte in (a stray 0x20): its header is read from there, not lost.
      'no_meta.dcm': 'CT 128×128×1, 1 frame(s)',
      'rtdose.dcm': 'RTDOSE 10×10×1, 15 frame(s)',
    });
  });

  it('gives the same pixels for one image in four transfer syntaxes, and for a file without its meta header', () => {
    const mr = Array.from(readDicom(read('MR_small.dcm')).frame(0));
    for (const variant of ['MR_small_RLE.dcm', 'MR_small_bigendian.dcm', 'MR_small_implicit.dcm'])
      expect(Array.from(readDicom(read(variant)).frame(0)), variant).toEqual(mr);
    expect([Math.min(...mr), Math.max(...mr)]).toEqual([127, 2145]);
    // CT: Rescale Intercept −1024 applied, so values are Hounsfield units.
    const ct = readDicom(read('CT_small.dcm')).frame(0);
    expect([Math.min(...ct), Math.max(...ct)]).toEqual([-896, 1167]);
    expect(Array.from(readDicom(read('no_meta.dcm')).frame(0))).toEqual(Array.from(ct));
  });

  it('scans the folder with a labels CSV into samples, frames and reasons, and profiles it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-dicom-'));
    dirs.push(dir);
    const labels = ['key,label', 'CT_small.dcm,tumour', 'MR_small.dcm,M', 'MR_small_RLE.dcm,B', 'SC_rgb_rle.dcm,weird', 'rtdose.dcm,B'].join('\n');
    await writeFile(path.join(dir, 'labels.csv'), labels);
    const source = new DicomSource({
      root: folder(),
      labelsFile: path.join(dir, 'labels.csv'),
      keyBy: 'path',
      keyColumn: 'key',
      labelColumn: 'label',
      multiFrame: 'frames',
    });
    const scan = await source.scan();
    // 9 readable single-frame images (the 12-bit JPEG among them) and the 15 frames of rtdose.dcm; the liver DICOM SEG is a
    // segmentation, not an image.
    expect(scan.samples).toHaveLength(24);
    expect(scan.samples.filter((s) => s.id.startsWith('rtdose.dcm#')).map((s) => s.id)).toHaveLength(15);
    const profile = await profileDataset(source, scan, new LabelVocabulary({ M: 'malignant', B: 'benign', tumour: 'malignant' }));
    expect(profile.labels).toEqual({ counts: { malignant: 2, benign: 16 }, unmapped: { weird: 1 }, missing: 5 });
    expect(profile.unreadable).toEqual({
      'a DICOM SEG (a segmentation, not an image; data.masks: seg trains on it)': 1,
      truncated: 1,
      'bad value': 1,
      'no transfer syntax': 1,
    });
    // Headers count whether or not the pixels decode: the JPEG (NM), the truncated MR and badVR (an RT dose) are in, and the
    // bare data set is a CT.
    expect(profile.dicom.modality).toEqual({ CT: 2, MR: 5, OT: 2, SEG: 1, RTDOSE: 16, NM: 1 });
    // Every file but meta_missing_tsyntax (no header to read) carries what PS3.15's Basic Profile acts on (each counted
    // per frame here; real-deidentification.test.ts counts them by file and attribute): 24 readable files and frames,
    // the DICOM SEG and the two whose pixels failed.
    expect(profile.deidentification.filesWithIdentifyingTags).toBe(27);
    // By decoded pixels: MR_small in four transfer syntaxes is one image (3 extra copies), CT_small and no_meta another.
    expect(profile.duplicates).toEqual({ extraCopies: 4, groups: 2 });
    expect(profile.imageSizes).toEqual({ '128x128': 2, '64x64': 4, '100x100': 1, '512x512': 1, '10x10': 15, '1024x256': 1 });
    const refused = await new DicomSource({
      root: folder(),
      labelsFile: path.join(dir, 'labels.csv'),
      keyBy: 'path',
      keyColumn: 'key',
      labelColumn: 'label',
      multiFrame: 'refuse',
    }).scan();
    expect(refused.samples).toHaveLength(9);
    expect(refused.skipped.find((s) => s.id === 'rtdose.dcm')!.reason).toBe('multi-frame (15 frames) refused by data.multiFrame');
  });

  it('prepares model input with a DICOM window, the same path training uses', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-dicom-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'labels.csv'), 'key,label\nCT_small.dcm,a\n');
    const source = new DicomSource({
      root: folder(),
      labelsFile: path.join(dir, 'labels.csv'),
      keyBy: 'path',
      keyColumn: 'key',
      labelColumn: 'label',
      multiFrame: 'frames',
    });
    const ct = (await source.scan()).samples.find((s) => s.id === 'CT_small.dcm')!;
    // Window centre 40, width 400 maps [−160, 240] HU to [0, 1]: air (−896) is 0, dense bone (1167) is 1.
    const windowed = await source.decode([ct], [128, 128, 1], { normalization: 'auto', window: { center: 40, width: 400 } });
    const hu = readDicom(read('CT_small.dcm')).frame(0);
    expect(windowed.features[0]).toBe(Math.fround(Math.min(1, Math.max(0, (hu[0]! + 160) / 400))));
    expect(Math.min(...windowed.features)).toBe(0);
    expect(Math.max(...windowed.features)).toBe(1);
    const small = await source.decode([ct], [32, 32, 3]);
    expect(small.features).toHaveLength(32 * 32 * 3);
  });
});

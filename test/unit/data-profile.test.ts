import { copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DEMO_SITES, writeSiteImages } from '../../cli/demo/synthetic-lesions.js';
import { countsOf, dataProfileSchema } from '../../common/data-profile.schema.js';
import { seededRandom } from '../../common/seeded-random.js';
import { decodeRleFrame } from '../../site-agent/data/dicom/rle.js';
import { ImageFolderSource } from '../../site-agent/data/image-folder.source.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { normalizeIntensity, resizeBilinear } from '../../site-agent/data/preprocess.js';
import { type DataProfile, profileDataset } from '../../site-agent/profile/data-profile.js';
import { merkleRoot } from '../../site-agent/profile/merkle.js';
import { CountGuard, guardProfile, laplace, secureUniform } from '../../site-agent/profile/privacy-guard.js';

describe('RLE Lossless', () => {
  it('decodes PackBits segments, most significant byte plane first, into little-endian samples', () => {
    // 4 pixels of 16 bits: high bytes [1, 1, 1, 2] (a run of three, then a literal), low bytes [10, 20, 30, 40] (a literal of four).
    const header = new Uint8Array(64);
    const view = new DataView(header.buffer);
    view.setUint32(0, 2, true);
    view.setUint32(4, 64, true);
    view.setUint32(8, 68, true);
    const high = [0xfe, 1, 0x00, 2]; // −2: repeat next byte 3 times; 0: copy 1 byte
    const low = [0x03, 10, 20, 30, 40];
    const frame = Uint8Array.from([...header, ...high, ...low]);
    const out = decodeRleFrame(frame, 4, 1, 2);
    expect(Array.from(new Uint16Array(out.buffer))).toEqual([0x010a, 0x0114, 0x011e, 0x0228]);
    expect(() => decodeRleFrame(frame, 4, 3, 1)).toThrow('RLE frame has 2 segments, expected 3 (3 samples × 1 bytes)');
  });
});

describe('preprocessing', () => {
  it('windows, stretches, inverts and resizes exactly', () => {
    const image = { values: Float32Array.of(-200, 40, 240, 1000), height: 2, width: 2, channels: 1, kind: 'dicom' as const };
    // window 40/400: [−160, 240] → [0, 1]
    expect(Array.from(normalizeIntensity(image, { normalization: 'auto', window: { center: 40, width: 400 } }))).toEqual([0, 0.5, 1, 1]);
    // min–max over [−200, 1000]
    expect(Array.from(normalizeIntensity(image, { normalization: 'auto' }))).toEqual([0, Math.fround(0.2), 0.36666667461395264, 1]);
    expect(Array.from(normalizeIntensity({ ...image, inverted: true }, { normalization: 'minmax' }))).toEqual([1, 0.800000011920929, 0.6333333253860474, 0]);
    // 2×2 → 4×4 bilinear with centres aligned: the first row is [a, a + (b−a)/4, a + 3(b−a)/4, b] for a = 0, b = 4.
    expect(Array.from(resizeBilinear(Float32Array.of(0, 4, 8, 12), 2, 2, 1, 4, 4).subarray(0, 4))).toEqual([0, 1, 3, 4]);
  });
});

describe('dataset fingerprint', () => {
  const samples = [
    { contentSha256: 'a'.repeat(64), label: 'benign' },
    { contentSha256: 'b'.repeat(64), label: 'malignant' },
    { contentSha256: 'c'.repeat(64), label: 'benign' },
  ];
  it('is a Merkle root that ignores order and names, and changes with one label', () => {
    const root = merkleRoot(samples);
    expect(root).toMatch(/^[0-9a-f]{64}$/);
    expect(merkleRoot([...samples].reverse())).toBe(root);
    expect(merkleRoot(samples.map((s, i) => (i === 1 ? { ...s, label: 'benign' } : s)))).not.toBe(root);
    expect(merkleRoot(samples.slice(0, 2))).not.toBe(root);
  });
});

describe('label vocabulary', () => {
  it('maps local spellings, keeps canonical names, and reports the rest', () => {
    const vocabulary = new LabelVocabulary({ 恶性: 'malignant', M: 'malignant', '1': 'malignant', B: 'benign' });
    expect(['恶性', 'M', '1', 'malignant', 'benign', ' B ', '', 'unsure'].map((l) => vocabulary.classify(l))).toEqual([
      'malignant',
      'malignant',
      'malignant',
      'malignant',
      'benign',
      'benign',
      '',
      null,
    ]);
    expect(new LabelVocabulary({}).classify('anything')).toBe('anything');
  });
});

describe('privacy guard', () => {
  const profile: DataProfile = {
    datasetKind: 'dicom',
    fingerprint: 'f'.repeat(64),
    samples: 40,
    labels: { counts: { benign: 36, malignant: 4 }, unmapped: { weird: 1 }, missing: 0 },
    duplicates: { extraCopies: 2, groups: 1 },
    unreadable: { truncated: 3, 'unsupported transfer syntax 1.2.840.10008.1.2.4.91 (JPEG 2000)': 7 },
    imageSizes: { '512x512': 39, '256x256': 1 },
    pixelSpacing: {},
    intensity: { CT: { samples: 36, histogram: [100, 3, 0, 250], mean: 0.4, std: 0.2 }, MR: { samples: 4, histogram: [9, 9, 9, 9], mean: 0.5, std: 0.1 } },
    dicom: {
      modality: { CT: 36, MR: 4 },
      manufacturer: { GE: 40 },
      manufacturerModelName: {},
      bodyPartExamined: {},
      patientAge: { '40-64': 38, '80+': 2 },
      patientSex: { F: 20, M: 20 },
    },
    deidentification: { filesWithIdentifyingTags: 1, byTag: { 'Patient Name': 1 }, burnedInAnnotation: 0 },
  };

  it('leaves no count from 1 to k − 1 in the serialized profile and drops summaries over fewer than k samples', () => {
    const guarded = guardProfile(profile, { minCellSize: 5 });
    // What leaves the site, decoded as the coordinator decodes it: no count from 1 to k − 1 anywhere in it.
    const decoded = dataProfileSchema.parse(JSON.parse(JSON.stringify(guarded)));
    expect(countsOf(decoded).filter(({ value }) => value > 0 && value < 5)).toEqual([]);
    expect(guarded.intensity['MR']).toBeUndefined();
    expect(guarded.intensity['CT']!.histogram).toEqual([100, null, 0, 250]);
    // Published counts are coarsened to the nearest multiple of k: 36 → 35, 40 stays, 39 → 40.
    expect(guarded.labels).toEqual({ counts: { benign: 35, malignant: null }, unmapped: { weird: null }, missing: 0 });
    expect(guarded.imageSizes).toEqual({ '512x512': 40, '256x256': null });
    expect(guarded.intensity['CT']!.samples).toBe(35);
    expect(guarded.deidentification).toEqual({ filesWithIdentifyingTags: null, byTag: { 'Patient Name': null }, burnedInAnnotation: 0 });
    // malignant, weird, extra copies, groups, truncated, 256x256, histogram bin, MR summary, modality MR, age 80+, identifying files, Patient Name
    expect(guarded.privacy).toEqual({ minCellSize: 5, suppressedCells: 12, epsilon: null });
  });

  it('adds Laplace noise of scale 1/ε before suppressing', () => {
    const random = seededRandom(9);
    const draws = Array.from({ length: 20_000 }, () => laplace(2, random));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const meanAbs = draws.reduce((a, b) => a + Math.abs(b), 0) / draws.length;
    // Laplace(0, b): mean 0, mean absolute deviation b.
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(meanAbs - 2)).toBeLessThan(0.05);
    // ε = 0.5 (scale 2) on a count of 36, 500 times, with k = 1 so nothing is coarsened: unbiased, and moved in most draws.
    const stream = seededRandom(3);
    const noised = Array.from({ length: 500 }, () => new CountGuard({ minCellSize: 1, epsilon: 0.5 }, stream).count(36)!);
    expect(Math.abs(noised.reduce((a, b) => a + b, 0) / noised.length - 36)).toBeLessThan(0.3);
    expect(noised.filter((n) => n !== 36).length).toBeGreaterThan(300);
    // With k = 5 the noised counts are then coarsened: every published benign count is a multiple of 5.
    const benign = Array.from({ length: 200 }, () => guardProfile(profile, { minCellSize: 5, epsilon: 0.5 }, stream).labels.counts['benign']!);
    expect(new Set(benign.map((n) => n % 5))).toEqual(new Set([0]));
    expect(guardProfile(profile, { minCellSize: 5, epsilon: 0.5 }, stream).privacy!.epsilon).toBe(0.5);
  });

  it('draws its noise from the operating system: uniform in (0, 1), never the same sequence twice', () => {
    const draws = Array.from({ length: 20_000 }, secureUniform);
    expect(draws.every((u) => u > 0 && u < 1)).toBe(true);
    expect(Math.abs(draws.reduce((a, b) => a + b, 0) / draws.length - 0.5)).toBeLessThan(0.01);
    expect(new Set(draws).size).toBe(draws.length);
  });
});

describe('profile of a site with planted problems', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('counts duplicates, corrupt files and unmapped labels exactly; renaming keeps the fingerprint, relabelling changes it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'consilium-planted-'));
    dirs.push(root);
    const counts = await writeSiteImages(root, 20, DEMO_SITES[0]!.signature, 4);
    await copyFile(path.join(root, 'benign', 'case-0000.png'), path.join(root, 'benign', 'copy-a.png'));
    await copyFile(path.join(root, 'benign', 'case-0000.png'), path.join(root, 'benign', 'copy-b.png'));
    await writeFile(path.join(root, 'malignant', 'broken.png'), 'not a png at all');
    await mkdir(path.join(root, 'unsure'));
    const malignantFile = (await readdir(path.join(root, 'malignant'))).find((f) => f.startsWith('case-'))!;
    await copyFile(path.join(root, 'malignant', malignantFile), path.join(root, 'unsure', 'x.png'));
    const vocabulary = new LabelVocabulary({ benign: 'benign', malignant: 'malignant' });
    const profile = async () => profileDataset(new ImageFolderSource(root), await new ImageFolderSource(root).scan(), vocabulary);
    const first = await profile();
    // copy-a and copy-b of one benign image, x.png of one malignant image.
    expect(first.duplicates).toEqual({ extraCopies: 3, groups: 2 });
    expect(first.labels.unmapped).toEqual({ unsure: 1 });
    expect(first.unreadable).toEqual({ 'cannot decode image: Input buffer contains unsupported image format': 1 });
    expect(first.labels.counts).toEqual({ benign: counts.benign + 2, malignant: counts.malignant });
    expect(first.imageSizes).toEqual({ '32x32': first.samples });
    expect(first.intensity['image-folder']!.samples).toBe(first.samples);

    await rename(path.join(root, 'benign', 'copy-a.png'), path.join(root, 'benign', 'renamed.png'));
    expect((await profile()).fingerprint).toBe(first.fingerprint);
    await rename(path.join(root, 'benign', 'renamed.png'), path.join(root, 'malignant', 'renamed.png'));
    expect((await profile()).fingerprint).not.toBe(first.fingerprint);
  });
});

import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { siteConfigSchema } from '../../site-agent/config/site-config.js';
import { DicomSource } from '../../site-agent/data/dicom.source.js';
import { readSegmentation } from '../../site-agent/data/dicom/dicom-seg.js';
import { DicomSeriesSource } from '../../site-agent/data/dicom-series.source.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { openDataset } from '../../site-agent/data/open-dataset.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';
import { renderProfile } from '../../site-agent/profile/report.js';
import { SiteData } from '../../site-agent/task/site-data.js';
import { datasetFile, datasetsRoot } from '../support/datasets.js';
import { writeTestDicom, writeTestSegmentation } from '../support/dicom-writer.js';

/** The source image and series the real liver segmentation references; the image itself is not in the datasets. */
const LIVER_SOURCE = '1.2.392.200103.20080913.113635.2.2009.6.22.21.43.10.23433.1';
const LIVER_SERIES = '1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1';

const ct = (sop: string, series: string, z: number, rows: number, value: (i: number) => number) =>
  writeTestDicom({
    sopInstanceUid: sop,
    seriesInstanceUid: series,
    modality: 'CT',
    manufacturer: 'Acme',
    rows,
    columns: rows,
    pixels: Uint16Array.from({ length: rows * rows }, (_, i) => value(i)),
    rescaleIntercept: -1024,
    imagePosition: [-100, -100, z],
    imageOrientation: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [0.7, 0.8],
    sliceThickness: 2.5,
  });

/** Pixels inside a square of side `n` whose top-left corner is (r, c), on an 8×8 slice. */
const square = (r: number, c: number, n: number) =>
  Uint8Array.from({ length: 64 }, (_, i) => {
    const [y, x] = [Math.floor(i / 8), i % 8];
    return y >= r && y < r + n && x >= c && x < c + n ? 1 : 0;
  });

describe('DICOM SEG masks and DICOM series as volumes', () => {
  let root: string;
  const series = (name: string) => path.join(root, name);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'consilium-dicom-series-'));
    // Series A: 6 slices 2.5 mm apart, files named against their order, slice k at 100·k HU; a SEG marks segment 1
    // (a 2×2 square) on slices 1 and 2 and segment 2 (3×3) on slice 4. Series B has a slice missing; series C has no SEG.
    await mkdir(series('tree/a/nested'), { recursive: true });
    await mkdir(series('tree/b'));
    await mkdir(series('tree/c'));
    for (const k of [0, 1, 2, 3, 4, 5]) {
      const file = path.join(series('tree/a'), k % 2 ? 'nested' : '', `slice-${5 - k}.dcm`);
      await writeFile(
        file,
        ct(`1.9.1.${k}`, '1.9.1', 2.5 * k, 8, () => 1024 + 100 * k),
      );
    }
    for (const [k, z] of [0, 2.5, 7.5, 10].entries())
      await writeFile(
        path.join(series('tree/b'), `${k}.dcm`),
        ct(`1.9.2.${k}`, '1.9.2', z, 8, () => 1024),
      );
    for (const k of [0, 1, 2])
      await writeFile(
        path.join(series('tree/c'), `${k}.dcm`),
        ct(`1.9.3.${k}`, '1.9.3', 3 * k, 8, () => 1024),
      );
    await writeFile(
      path.join(series('tree'), 'seg.dcm'),
      writeTestSegmentation({
        sopInstanceUid: '1.9.9',
        rows: 8,
        columns: 8,
        segments: [
          { number: 1, label: 'liver' },
          { number: 2, label: 'lesion' },
        ],
        referencedSeries: ['1.9.1'],
        frames: [
          { source: '1.9.1.1', segment: 1, mask: square(2, 2, 2) },
          { source: '1.9.1.2', segment: 1, mask: square(2, 2, 2) },
          { source: '1.9.1.4', segment: 2, mask: square(4, 4, 3) },
        ],
      }),
    );
    await writeFile(path.join(root, 'series-labels.csv'), 'key,label\n1.9.1,tumour\n1.9.3,normal\n');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reads a generated SEG: segments, referenced series, and each frame’s source image', () => {
    const seg = readSegmentation(readFileSync(series('tree/seg.dcm')));
    expect(seg.referencedSeries).toEqual(['1.9.1']);
    expect(seg.frames.map((f) => [f.segment, f.sourceSopInstanceUid, f.mask.reduce((a, b) => a + b, 0)])).toEqual([
      [1, '1.9.1.1', 4],
      [1, '1.9.1.2', 4],
      [2, '1.9.1.4', 9],
    ]);
  });

  it('stacks a series in slice order with its voxel size, and refuses a series with a gap or without a SEG, by reason', async () => {
    const source = new DicomSeriesSource({ root: series('tree'), keyColumn: 'key', labelColumn: 'label', masks: 'seg' });
    const scan = await source.scan();
    expect(scan.samples.map((s) => [s.id, s.meta?.depth, s.meta?.voxelSpacing, s.meta?.sliceThickness])).toEqual([['1.9.1', 6, [2.5, 0.7, 0.8], 2.5]]);
    expect(scan.skipped.map((s) => [s.id, s.reason])).toEqual([
      ['1.9.2', 'missing slices'],
      ['1.9.3', 'no DICOM SEG references this series'],
    ]);
    const volume = await source.readVolume(scan.samples[0]!);
    // Slice k holds 100·k HU: the files were ordered by position, not by name or folder.
    expect([0, 1, 2, 3, 4, 5].map((k) => volume.values[k * 64])).toEqual([0, 100, 200, 300, 400, 500]);
    const labels = await source.readLabels(scan.samples[0]!);
    const perSlice = [0, 1, 2, 3, 4, 5].map((k) => [...labels.values.subarray(k * 64, (k + 1) * 64)].reduce((n, v) => n + (v ? v * 10 : 0), 0));
    // Segment 1 (4 voxels, counted ×10) on slices 1 and 2, segment 2 (9 voxels, ×20) on slice 4, nothing elsewhere.
    expect(perSlice).toEqual([0, 40, 40, 0, 180, 0]);
    // The profile: spacing and thickness per volume, the series lost to a gap, and the lesion in voxels and in mm³
    // (17 voxels of 2.5 × 0.7 × 0.8 = 1.4 mm³ each: 23.8 mm³).
    const profile = await profileDataset(source, scan, new LabelVocabulary({}));
    expect(profile.volumes).toEqual({ samples: 1, sliceSpacing: { '2-2.5': 1 }, sliceThickness: { '2-2.5': 1 }, seriesWithGaps: 1 });
    expect(profile.masks).toEqual({
      samples: 1,
      empty: 0,
      lesionPixels: { '17-64': 1 },
      valuePresence: { '0': 1, '1': 1, '2': 1 },
      lesionVolumeMm3: { '0-100': 1 },
    });
    expect(profile.intensity['CT']!.samples).toBe(1);
    expect(renderProfile('series', profile)).toContain('volumes: 1; slice spacing (mm): 2-2.5 1');
  });

  it('labels whole series from a CSV keyed by Series Instance UID', async () => {
    const source = openDataset(
      siteConfigSchema.shape.data.parse({ kind: 'dicom', unit: 'series', path: series('tree'), labels: path.join(root, 'series-labels.csv') }),
    );
    const scan = await source.scan();
    expect(scan.samples.map((s) => [s.id, s.label])).toEqual([
      ['1.9.1', 'tumour'],
      ['1.9.3', 'normal'],
    ]);
    // Without data.masks the SEG is not an image: it is skipped as what it is.
    expect(scan.skipped.map((s) => [s.id, s.reason])).toEqual([
      ['seg.dcm', 'a DICOM SEG (a segmentation, not an image; data.masks: seg trains on it)'],
      ['1.9.2', 'missing slices'],
    ]);
  });

  it('refuses a DICOM config with neither labels nor masks, and a series keyed by SOP Instance UID, naming the field', () => {
    expect(() => siteConfigSchema.shape.data.parse({ kind: 'dicom', path: 'x' })).toThrow(
      /give a labels CSV \(data.labels\), or set data.masks: seg to train on DICOM SEG masks/,
    );
    expect(() => siteConfigSchema.shape.data.parse({ kind: 'dicom', unit: 'series', path: 'x', labels: 'l.csv', keyBy: 'sopInstanceUid' })).toThrow(
      /a series is labelled by its Series Instance UID/,
    );
  });

  const siteData = (maskLabelMap: Record<string, string>) => {
    const config = siteConfigSchema.parse({
      siteId: 'series',
      coordinator: 'localhost:1',
      stateDir: path.join(root, 'state'),
      data: { kind: 'dicom', unit: 'series', path: series('tree'), masks: 'seg' },
      maskLabelMap,
      validationFraction: 0,
    });
    return new SiteData(config, openDataset(config.data, undefined, maskLabelMap), { minCellSize: 1 }, { info: () => undefined, warn: () => undefined });
  };
  const classes = ['background', 'liver', 'lesion'];
  const map = { '0': 'background', '1': 'liver', '2': 'lesion' };

  it('gives a 2-D model every slice of the volumes (sliceAxis), masks mapped to the run classes', async () => {
    const data = siteData(map);
    await data.prepare();
    const local = await data.localData([8, 8, 1], classes, {
      normalization: 'auto',
      standardize: 'none',
      window: { center: 250, width: 500 },
      sliceAxis: 'depth',
    });
    expect([local.train.count, local.validation.count]).toEqual([6, 0]);
    const rows = [0, 1, 2, 3, 4, 5];
    const features = await local.train.read(rows);
    expect(rows.map((k) => Number(features[k * 64]!.toFixed(2)))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const masks = await local.train.readMasks!(rows);
    expect(classes.map((_, c) => masks.filter((v) => v === c).length)).toEqual([6 * 64 - 17, 8, 9]);
    // Sideways slices cut through every depth: 8 of them across the width, each 6 × 8.
    const sideways = await data.localData([6, 8, 1], classes, { normalization: 'auto', standardize: 'none', sliceAxis: 'width' });
    expect(sideways.train.count).toBe(8);
  });

  it('resamples a volume to the spec’s spacing, cropping or padding about the centre', async () => {
    const data = siteData(map);
    await data.prepare();
    // 6 slices 2.5 mm apart span 15 mm; 4 output slices 7.5 mm apart span 30 mm about the same centre, so they fall on
    // source slices −2, 1, 4 and 7: the first and last are outside (padded with 0), the middle two are slices 1 and 4.
    const local = await data.localData([4, 8, 8, 1], classes, {
      normalization: 'auto',
      standardize: 'none',
      window: { center: 250, width: 500 },
      spacing: [7.5, 0.7, 0.8],
    });
    const features = await local.train.read([0]);
    expect([0, 1, 2, 3].map((z) => Number(features[z * 64]!.toFixed(3)))).toEqual([0, 0.2, 0.8, 0]);
    // The masks move with their images: slice 1's liver and slice 4's lesion, nothing in the padding.
    const masks = await local.train.readMasks!([0]);
    expect(
      [0, 1, 2, 3].map((z) =>
        [...masks.subarray(z * 64, (z + 1) * 64)]
          .filter((v) => v > 0)
          .map((v) => classes[v])
          .join(),
      ),
    ).toEqual(['', 'liver,liver,liver,liver', 'lesion,lesion,lesion,lesion,lesion,lesion,lesion,lesion,lesion', '']);
  });

  it('skips a series whose SEG holds a segment the site does not map', async () => {
    const data = siteData({ '0': 'background', '1': 'liver' });
    const scan = await data.prepare();
    expect(scan.samples).toHaveLength(0);
    expect(scan.skipped.find((s) => s.id === '1.9.1')?.reason).toBe('mask holds a value maskLabelMap does not map');
  });

  it.runIf(datasetsRoot)('joins the real liver SEG to its source image; an image of its series has an empty mask, another series none', async () => {
    const dir = path.join(root, 'liver');
    await mkdir(dir);
    await symlink(datasetFile('dicom/liver_1frame.dcm'), path.join(dir, 'liver_seg.dcm'));
    await writeFile(
      path.join(dir, 'source.dcm'),
      ct(LIVER_SOURCE, LIVER_SERIES, 0, 512, () => 1064),
    );
    await writeFile(
      path.join(dir, 'neighbour.dcm'),
      ct('1.9.5.1', LIVER_SERIES, 5, 512, () => 1064),
    );
    await writeFile(
      path.join(dir, 'other.dcm'),
      ct('1.9.6.1', '1.9.6', 0, 512, () => 1064),
    );
    const segSource = (mapped: number[]) =>
      new DicomSource({ root: dir, keyBy: 'path', keyColumn: 'key', labelColumn: 'label', multiFrame: 'frames', masks: 'seg', mappedValues: new Set(mapped) });
    const source = segSource([0, 1]);
    const scan = await source.scan();
    expect(scan.samples.map((s) => s.id)).toEqual(['neighbour.dcm', 'source.dcm']);
    expect(scan.skipped.map((s) => [s.id, s.reason])).toEqual([['other.dcm', 'no DICOM SEG references this image or its series']]);
    const full = await source.decodeMasks(scan.samples, [512, 512]);
    expect([full.subarray(0, 512 * 512).reduce((a, b) => a + b, 0), full.subarray(512 * 512).reduce((a, b) => a + b, 0)]).toEqual([0, 36_233]);
    // At 64×64 each output pixel takes the source pixel nearest its centre: (8i + 4, 8j + 4).
    const small = await source.decodeMasks([scan.samples[1]!], [64, 64]);
    const expected = Array.from({ length: 64 * 64 }, (_, p) => full[512 * 512 + (8 * Math.floor(p / 64) + 4) * 512 + 8 * (p % 64) + 4]);
    expect(Array.from(small)).toEqual(expected);
    expect(small.reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    // A site that maps only background cannot train on the liver: that image is skipped, the empty one kept.
    const unmapped = await segSource([0]).scan();
    expect(unmapped.samples.map((s) => s.id)).toEqual(['neighbour.dcm']);
    expect(unmapped.skipped.find((s) => s.id === 'source.dcm')?.reason).toBe('mask holds a value maskLabelMap does not map');
  });
});

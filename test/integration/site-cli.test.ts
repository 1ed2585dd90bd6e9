import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';

import { DEMO_SITES, writeSiteImages } from '../../cli/demo/synthetic-lesions.js';
import { ALLOWED_LAYER_CLASSES } from '../../common/model-spec.schema.js';
import { siteDoctor, siteScan } from '../../site-agent/main.js';
import { isInstalled } from '../../site-agent/training/backend.js';

describe('consilium site doctor and site scan', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await tf.setBackend('cpu');
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('names the backend, why faster ones are not used, its measured speed, and the data', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-doctor-'));
    dirs.push(dir);
    const counts = await writeSiteImages(path.join(dir, 'images'), 12, DEMO_SITES[0]!.signature, 3);
    await writeFile(path.join(dir, 'images', 'benign', 'broken.png'), 'not a png');
    await writeFile(
      path.join(dir, 'site.yaml'),
      'siteId: hospital-a\ncoordinator: 127.0.0.1:50051\nstateDir: state\ndata: { kind: image-folder, path: images }\n',
    );
    const report = (await siteDoctor(path.join(dir, 'site.yaml'))).split('\n');
    expect(report[0]).toBe('site hospital-a → coordinator 127.0.0.1:50051');
    if (!isInstalled('@tensorflow/tfjs-node-gpu') && !isInstalled('@tensorflow/tfjs-node')) {
      expect(report.slice(1, 4)).toEqual([
        'backend: wasm (CPU (WebAssembly SIMD, XNNPACK))',
        '  note: @tensorflow/tfjs-node-gpu is not installed (its install downloads libtensorflow; see deploy/gpu-site/README.md to install it from an internal mirror)',
        '  note: @tensorflow/tfjs-node is not installed (its install downloads libtensorflow; see deploy/gpu-site/README.md to install it from an internal mirror)',
      ]);
    }
    expect(report.find((line) => line.startsWith('  self-test:'))).toMatch(/^ {2}self-test: trained a 32×32 CNN at \d+ samples\/s$/);
    expect(report.slice(-6)).toEqual([
      'data (image-folder): 12 samples, 1 skipped files',
      `  benign: ${counts.benign}`,
      `  malignant: ${counts.malignant}`,
      '  skipped benign/broken.png: cannot decode image: Input buffer contains unsupported image format',
      `identity: not enrolled: site hospital-a is not enrolled (no certificate in ${path.join(dir, 'state', 'identity')}): run \`consilium site enroll --config <site.yaml> --coordinator <REST URL> --token <token>\` with the token your coordinator's administrator gave you`,
      `policy (defaults): approval required, at most 50000000 parameters, 4096 MB per training step and 100 local epochs, minimum cell size 5; layers: ${ALLOWED_LAYER_CLASSES.join(', ')}`,
    ]);
  });

  it('counts only what will train after labelMap, and names the rest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-doctor-map-'));
    dirs.push(dir);
    const table = ['a,b,label', '1,2,B', '2,3,M', '3,4,M', '4,5,unsure', '5,6,'].join('\n');
    await writeFile(path.join(dir, 't.csv'), table);
    await writeFile(
      path.join(dir, 'site.yaml'),
      'siteId: hospital-m\ncoordinator: 127.0.0.1:50051\nstateDir: state\ndata: { kind: csv, path: t.csv, labelColumn: label }\nlabelMap: { B: benign, M: malignant }\n',
    );
    const report = (await siteDoctor(path.join(dir, 'site.yaml'))).split('\n');
    const at = report.findIndex((l) => l.startsWith('data (csv)'));
    // The row with an empty label is a sample without a label (readers or pre-annotation may label it), not a skipped row.
    expect(report.slice(at, at + 5)).toEqual([
      'data (csv): 3 samples, 0 skipped files',
      '  benign: 1',
      '  malignant: 2',
      '  not trained on: 1 labelled "unsure", which data.labelMap does not map',
      '  not trained on: 1 without a label',
    ]);
  });

  it('says to use kind: dicom when an image folder holds DICOM files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-doctor-dicom-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'images', 'benign'), { recursive: true });
    await writeFile(path.join(dir, 'images', 'benign', 'a.dcm'), 'DICM');
    await writeFile(
      path.join(dir, 'site.yaml'),
      'siteId: hospital-d\ncoordinator: 127.0.0.1:50051\nstateDir: state\ndata: { kind: image-folder, path: images }\n',
    );
    await expect(siteDoctor(path.join(dir, 'site.yaml'))).rejects.toThrow(
      `data.path ${path.join(dir, 'images')} holds 1 DICOM files and no PNG or JPEG: use data.kind: dicom, with data.labels (a CSV of file or SOP Instance UID → label)`,
    );
  });

  it('site scan prints the profile and writes it as JSON, the shared JSON and a self-contained HTML page', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'consilium-scan-'));
    dirs.push(dir);
    const counts = await writeSiteImages(path.join(dir, 'images'), 30, DEMO_SITES[2]!.signature, 8);
    await writeFile(
      path.join(dir, 'site.yaml'),
      'siteId: hospital-c\ncoordinator: 127.0.0.1:50051\nstateDir: state\ndata: { kind: image-folder, path: images }\nprivacy: { minCellSize: 10 }\n',
    );
    const { report, files } = await siteScan(path.join(dir, 'site.yaml'));
    const lines = report.split('\n');
    expect(lines[0]).toMatch(/^data profile of hospital-c \(image-folder\), fingerprint [0-9a-f]{64}$/);
    expect(lines.slice(1, 8)).toEqual([
      'samples: 30',
      `labels: benign ${counts.benign}, malignant ${counts.malignant}`,
      '  unmapped labels: none',
      '  missing labels: 0',
      'duplicates (same content): 0 extra copies in 0 groups',
      'unreadable files: none',
      'image sizes: 32x32 30',
    ]);
    expect(files.map((f) => path.relative(dir, f))).toEqual(['state/profile/profile.json', 'state/profile/profile.shared.json', 'state/profile/profile.html']);
    const shared = JSON.parse(await readFile(files[1]!, 'utf8'));
    expect(shared.privacy).toMatchObject({ minCellSize: 10, epsilon: null });
    // Below k suppressed, the rest coarsened to the nearest multiple of k.
    const published = (n: number) => (n < 10 ? null : Math.round(n / 10) * 10);
    expect(shared.labels.counts).toEqual({ benign: published(counts.benign), malignant: published(counts.malignant) });
    const html = await readFile(files[2]!, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});

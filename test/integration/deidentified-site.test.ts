import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { siteConfigSchema } from '../../site-agent/config/site-config.js';
import { openSiteDataset } from '../../site-agent/data/open-dataset.js';
import { writeTestDicom } from '../support/dicom-writer.js';

describe('a site configured with deidentification.cache', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('trains a DICOM folder from its de-identified copies, never the originals', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'consilium-deid-site-'));
    dirs.push(root);
    const data = path.join(root, 'data');
    // A ramp up and a ramp down: the two images differ after any normalization.
    const pixels = (up: boolean) => Uint16Array.from({ length: 16 }, (_, i) => 100 * (up ? i : 15 - i));
    await writeFile(path.join(root, 'labels.csv'), 'key,label\n1.2.3.1,a\n1.2.3.2,b\n');
    await mkdir(data);
    for (const [i, up] of [
      [1, true],
      [2, false],
    ] as const)
      await writeFile(
        path.join(data, `${i}.dcm`),
        writeTestDicom({
          sopInstanceUid: `1.2.3.${i}`,
          patientName: 'Doe^Jane',
          modality: 'CT',
          manufacturer: 'Acme',
          rows: 4,
          columns: 4,
          pixels: pixels(up),
        }),
      );
    const config = siteConfigSchema.parse({
      siteId: 'deid',
      coordinator: 'localhost:1',
      stateDir: path.join(root, 'state'),
      data: { kind: 'dicom', path: data, labels: path.join(root, 'labels.csv') },
      deidentification: { cache: true },
    });
    const source = openSiteDataset(config);
    const scan = await source.scan();
    expect(scan.samples.map((s) => [s.id, s.label])).toEqual([
      ['1.dcm', 'a'],
      ['2.dcm', 'b'],
    ]);
    expect((await readdir(path.join(root, 'state', 'deidentified'))).filter((f) => f.endsWith('.dcm'))).toHaveLength(2);
    const before = await source.decode(scan.samples, [4, 4, 1]);
    // With the originals gone, decoding still gives both images, the same values: it reads the copies.
    for (const file of ['1.dcm', '2.dcm']) await writeFile(path.join(data, file), 'gone');
    const after = await source.decode(scan.samples, [4, 4, 1]);
    expect(after.skipped).toEqual([]);
    expect(Array.from(after.features)).toEqual(Array.from(before.features));
    expect(after.features[0]).not.toBe(after.features[16]);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readDicom, readDicomImage } from '../../site-agent/data/dicom/dicom-file.js';
import { writeTestDicom } from '../support/dicom-writer.js';

const run = promisify(execFile);

/** The independent encoders: dcmtk (IJG libjpeg, CharLS) and GDCM (OpenJPEG). In CI their absence fails the suite. */
async function encodersAvailable(): Promise<boolean> {
  const found = await Promise.all(
    ['dcmcjpeg', 'dcmcjpls', 'dcmdjpeg', 'gdcmconv'].map((tool) =>
      run('which', [tool]).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (found.every(Boolean)) return true;
  if (process.env['CI']) throw new Error('dcmtk and GDCM (dcmcjpeg, dcmcjpls, gdcmconv) are missing: .ci/run installs dcmtk and libgdcm-tools');
  return false;
}
const available = await encodersAvailable();

const WIDTH = 67; // not a multiple of 8 or 16: partial blocks at the edges
const HEIGHT = 45;

/** A smooth gradient with a deterministic speckle, so predictors and transforms have something to do. */
function pattern(max: number, channels = 1): number[] {
  return Array.from({ length: WIDTH * HEIGHT * channels }, (_, i) => {
    const p = Math.floor(i / channels);
    const [x, y] = [p % WIDTH, Math.floor(p / WIDTH)];
    const speckle = ((p * 2654435761) >>> 0) % 17;
    return Math.min(max, Math.round(((x + y * 2 + (i % channels) * 20) / (WIDTH + HEIGHT * 2 + 40)) * (max - 16)) + speckle);
  });
}

const sources = {
  twelve: () =>
    writeTestDicom({ sopInstanceUid: '1.2.3.12', modality: 'CT', manufacturer: 'Acme', rows: HEIGHT, columns: WIDTH, pixels: Uint16Array.from(pattern(4095)) }),
  eight: () =>
    writeTestDicom({
      sopInstanceUid: '1.2.3.8',
      modality: 'CR',
      manufacturer: 'Acme',
      rows: HEIGHT,
      columns: WIDTH,
      bitsAllocated: 8,
      pixels: Uint8Array.from(pattern(255)),
    }),
  rgb: () =>
    writeTestDicom({
      sopInstanceUid: '1.2.3.24',
      modality: 'XC',
      manufacturer: 'Acme',
      rows: HEIGHT,
      columns: WIDTH,
      bitsAllocated: 8,
      samplesPerPixel: 3,
      pixels: Uint8Array.from(pattern(255, 3)),
    }),
};

describe.runIf(available)('compressed transfer syntaxes, encoded by dcmtk and GDCM, decoded on threads', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'consilium-codecs-'));
    for (const [name, make] of Object.entries(sources)) await writeFile(file(`${name}.dcm`), make());
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  /** Encodes `source` with a tool, checks the syntax it wrote, and returns the decoded frame with the original's. */
  async function roundTrip(source: keyof typeof sources, tool: string, args: string[], syntax: string) {
    const out = file(`${source}-${tool}-${args.join('')}.dcm`.replace(/[^a-z0-9.+-]/gi, '_'));
    await run(tool, [...args, file(`${source}.dcm`), out]);
    const encoded = new Uint8Array(await readFile(out));
    const image = await readDicomImage(encoded);
    expect(image.header.transferSyntax).toBe(syntax);
    return { out, decoded: Array.from(image.frame(0)), original: Array.from(readDicom(await readFile(file(`${source}.dcm`))).frame(0)) };
  }

  it.each([
    ['JPEG Lossless SV1, 12-bit', 'twelve', 'dcmcjpeg', ['+e1'], '1.2.840.10008.1.2.4.70'],
    ['JPEG Lossless process 14 (selection value 6), 12-bit', 'twelve', 'dcmcjpeg', ['+el', '+sv', '6'], '1.2.840.10008.1.2.4.57'],
    ['JPEG Lossless SV1, 8-bit', 'eight', 'dcmcjpeg', ['+e1'], '1.2.840.10008.1.2.4.70'],
    ['JPEG-LS lossless, 12-bit', 'twelve', 'dcmcjpls', ['+el'], '1.2.840.10008.1.2.4.80'],
    ['JPEG-LS lossless, RGB', 'rgb', 'dcmcjpls', ['+el'], '1.2.840.10008.1.2.4.80'],
    ['JPEG 2000 lossless, 12-bit', 'twelve', 'gdcmconv', ['--j2k'], '1.2.840.10008.1.2.4.90'],
    ['JPEG 2000 lossless, 8-bit', 'eight', 'gdcmconv', ['--j2k'], '1.2.840.10008.1.2.4.90'],
    ['JPEG 2000 lossless, RGB', 'rgb', 'gdcmconv', ['--j2k'], '1.2.840.10008.1.2.4.90'],
    ['RLE, 12-bit (dcmtk)', 'twelve', 'dcmcrle', [], '1.2.840.10008.1.2.5'],
  ] as const)('%s decodes to exactly the original pixels', async (_, source, tool, args, syntax) => {
    const { decoded, original } = await roundTrip(source, tool, [...args], syntax);
    expect(decoded).toEqual(original);
  });

  it.each([
    ['JPEG Baseline, 8-bit', 'eight', 'dcmcjpeg', ['+eb', '+q', '85'], '1.2.840.10008.1.2.4.50', 'dcmdjpeg'],
    ['JPEG Baseline, RGB as YCbCr 4:2:2', 'rgb', 'dcmcjpeg', ['+eb', '+q', '90'], '1.2.840.10008.1.2.4.50', 'dcmdjpeg'],
    ['JPEG Extended, 12-bit', 'twelve', 'dcmcjpeg', ['+ee', '+q', '85'], '1.2.840.10008.1.2.4.51', 'dcmdjpeg'],
    ['JPEG-LS near-lossless (NEAR 3), 12-bit', 'twelve', 'dcmcjpls', ['+en', '+md', '3'], '1.2.840.10008.1.2.4.81', 'dcmdjpls'],
    [
      'JPEG 2000 lossy (irreversible wavelet), 12-bit',
      'twelve',
      'gdcmconv',
      ['--j2k', '--lossy', '--irreversible', '-q', '80'],
      '1.2.840.10008.1.2.4.91',
      'gdcmconv',
    ],
  ] as const)('%s decodes as the encoder’s own library decodes it, within one grey level', async (_, source, tool, args, syntax, decoder) => {
    const { out, decoded, original } = await roundTrip(source, tool, [...args], syntax);
    const reference = `${out}.raw.dcm`;
    await run(decoder, decoder === 'gdcmconv' ? ['--raw', out, reference] : [out, reference]);
    const theirs = Array.from(readDicom(await readFile(reference)).frame(0));
    expect(Math.max(...decoded.map((v, i) => Math.abs(v - theirs[i]!)))).toBeLessThanOrEqual(1);
    // And it is the image: lossy, but close to the original everywhere on average.
    const range = Math.max(...original) - Math.min(...original);
    expect(decoded.reduce((sum, v, i) => sum + Math.abs(v - original[i]!), 0) / decoded.length / range).toBeLessThan(0.02);
  });

  it('skips a corrupt compressed frame by reason, naming the syntax, without stopping the thread pool', async () => {
    const { out } = await roundTrip('twelve', 'dcmcjpls', ['+el'], '1.2.840.10008.1.2.4.80');
    const bytes = new Uint8Array(await readFile(out));
    // The JPEG-LS bitstream's start-of-frame marker, overwritten: the codec must refuse it.
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xf7);
    bytes.fill(0, sof, sof + 12);
    // Its header still counts (the profile sees the CT and its identifying attributes).
    await expect(readDicomImage(bytes)).rejects.toMatchObject({
      reason: 'undecodable JPEG-LS Lossless',
      description: { modality: 'CT', sopInstanceUid: '1.2.3.12' },
    });
    // The pool still decodes the next file.
    expect((await readDicomImage(new Uint8Array(await readFile(out)))).header.rows).toBe(HEIGHT);
  });
});

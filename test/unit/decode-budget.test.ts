import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { gzipSync } from 'node:zlib';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { OVER_INFLATED, OVER_VALUES } from '../../site-agent/data/decode-budget.js';
import { DicomSource } from '../../site-agent/data/dicom.source.js';
import { parseIdx } from '../../site-agent/data/idx.source.js';
import { ImageFolderSource } from '../../site-agent/data/image-folder.source.js';
import { writeTestDicom } from '../support/dicom-writer.js';

/** A PNG whose header declares width × height grey pixels, with only a sliver of image data: what a decompression bomb looks like to a header reader. */
function declaredPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('the decode budget', () => {
  it('skips an image whose header declares more pixels than the budget, without decoding it, and keeps the ordinary ones', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-budget-'));
    mkdirSync(path.join(root, 'a'));
    writeFileSync(path.join(root, 'a', 'bomb.png'), declaredPng(16_000, 16_000));
    writeFileSync(
      path.join(root, 'a', 'ok.png'),
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    const rss = process.memoryUsage().rss;
    const scan = await new ImageFolderSource(root).scan();
    expect(scan.samples.map((s) => s.id)).toEqual(['a/ok.png']);
    expect(scan.skipped).toEqual([{ id: 'a/bomb.png', reason: OVER_VALUES }]);
    // 16000×16000 would be 256 MB as bytes and 1 GB as floats; the scan stayed far below.
    expect(process.memoryUsage().rss - rss).toBeLessThan(128 * 2 ** 20);
    // The budget is the site's: one below even the ordinary image (8×8×3 = 192 values) refuses both.
    const small = await new ImageFolderSource(root, { maxValues: 63, maxInflatedBytes: 2 ** 20 }).scan();
    expect(small.skipped.map((s) => s.reason)).toEqual([OVER_VALUES, OVER_VALUES]);
  });

  it('stops inflating a deflated DICOM at the budget and skips it under that reason', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-budget-dicom-'));
    const pixels = new Uint16Array(1024 * 1024);
    writeFileSync(
      path.join(root, 'bomb.dcm'),
      writeTestDicom({ sopInstanceUid: '1.2.3', modality: 'CT', manufacturer: 'X', rows: 1024, columns: 1024, pixels, deflate: true }),
    );
    writeFileSync(
      path.join(root, 'small.dcm'),
      writeTestDicom({ sopInstanceUid: '1.2.4', modality: 'CT', manufacturer: 'X', rows: 4, columns: 4, pixels: new Uint16Array(16), deflate: true }),
    );
    writeFileSync(path.join(root, 'labels.csv'), 'key,label\n1.2.3,a\n1.2.4,b\n');
    const source = (maxInflatedBytes: number, maxValues = 10_000_000) =>
      new DicomSource({
        root,
        labelsFile: path.join(root, 'labels.csv'),
        keyBy: 'sopInstanceUid',
        keyColumn: 'key',
        labelColumn: 'label',
        multiFrame: 'frames',
        budget: { maxValues, maxInflatedBytes },
      });
    const bounded = await source(1024 * 1024).scan();
    expect(bounded.samples.map((s) => s.id)).toEqual(['small.dcm']);
    expect(bounded.skipped.map(({ id, reason }) => ({ id, reason }))).toEqual([{ id: 'bomb.dcm', reason: OVER_INFLATED }]);
    // The same file within budget reads; a header over maxValues is refused before its pixels are touched.
    expect((await source(4 * 1024 * 1024).scan()).samples.map((s) => s.id)).toEqual(['bomb.dcm', 'small.dcm']);
    expect((await source(4 * 1024 * 1024, 1_000_000).scan()).skipped.map(({ id, reason }) => ({ id, reason }))).toEqual([
      { id: 'bomb.dcm', reason: OVER_VALUES },
    ]);
  });

  it('refuses a gzip IDX file that inflates past the budget, naming the setting', () => {
    const idx = Buffer.concat([Buffer.from([0, 0, 8, 1, 0, 0x10, 0, 0]), Buffer.alloc(0x100000)]);
    expect(() => parseIdx(gzipSync(idx), 'data.images', { maxValues: 1e9, maxInflatedBytes: 4096 })).toThrow(
      'data.images: over the decode budget (decodeBudget.maxInflatedMegabytes): inflates to more than 4,096 bytes; raise decodeBudget.maxInflatedMegabytes in site.yaml if the file is genuine',
    );
    expect(parseIdx(gzipSync(idx), 'data.images').dims).toEqual([0x100000]);
  });
});

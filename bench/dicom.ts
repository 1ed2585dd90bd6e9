import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { writeTestDicom } from '../cli/simulate/dicom-writer.js';
import { dicomWebDataSchema } from '../site-agent/config/dicomweb-config.js';
import { DicomSource } from '../site-agent/data/dicom.source.js';
import { decodePool } from '../site-agent/data/dicom/codecs/decode-pool.js';
import { readDicomImage } from '../site-agent/data/dicom/dicom-file.js';
import { DicomWebSource } from '../site-agent/data/dicomweb/dicomweb.source.js';
import { mapLimited } from '../site-agent/data/map-limited.js';
import type { BenchRow } from './table.js';

const run = promisify(execFile);

/**
 * Image `i`: a CT-like slice of `size`² 12-bit values (a disc of soft tissue with a seeded speckle, so compression has
 * real texture to code), in study `study` of a run tagged `tag` (for the PACS rows).
 */
function writeBenchDicom(i: number, size: number, tag = 'bench', study = 0): Buffer {
  const pixels = new Uint16Array(size * size);
  for (let p = 0; p < pixels.length; p++) {
    const [x, y] = [(p % size) / size - 0.5, Math.floor(p / size) / size - 0.5];
    const inside = x * x + y * y < 0.16;
    pixels[p] = (inside ? 1040 + Math.round(200 * Math.sin(x * 20 + i) * Math.cos(y * 17)) : 24) + ((((p + i) * 2654435761) >>> 0) % 40);
  }
  const uidRoot = `1.2.826.0.1.3680043.9.8.${tag.replace(/\D/g, '') || '1'}`;
  return writeTestDicom({
    sopInstanceUid: `${uidRoot}.${i + 1}`,
    seriesInstanceUid: `${uidRoot}.0.${study + 1}`,
    studyInstanceUid: `${uidRoot}.0.0.${study + 1}`,
    studyDescription: `${tag} ${study}`,
    modality: 'CT',
    manufacturer: 'Bench',
    rows: size,
    columns: size,
    pixels,
  });
}

/** The compressed syntaxes measured, each as an independent encoder writes it. */
const ENCODINGS: { name: string; tool: string; args: string[] }[] = [
  { name: 'RLE Lossless', tool: 'dcmcrle', args: [] },
  { name: 'JPEG Lossless SV1', tool: 'dcmcjpeg', args: ['+e1'] },
  { name: 'JPEG Extended 12-bit (lossy)', tool: 'dcmcjpeg', args: ['+ee', '+q', '90'] },
  { name: 'JPEG-LS Lossless', tool: 'dcmcjpls', args: ['+el'] },
  { name: 'JPEG 2000 Lossless', tool: 'gdcmconv', args: ['--j2k'] },
];

/** Images per second over `files`, `concurrency` at a time, each read and then treated by `work`. */
async function throughput(files: string[], work: (bytes: Uint8Array) => Promise<unknown>, concurrency = 4): Promise<number> {
  const started = performance.now();
  await mapLimited(files, concurrency, async (file) => work(new Uint8Array(await readFile(file))));
  return files.length / ((performance.now() - started) / 1000);
}

/**
 * Decoding rows: 512×512 12-bit CT-like slices in each transfer syntax, read
 * and decoded (compressed ones on the decoding threads), in images per
 * second against a plain read of the same files.
 */
async function decodeRows(dir: string, count: number): Promise<BenchRow[]> {
  const plain = path.join(dir, 'plain');
  await mkdir(plain);
  const files = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const file = path.join(plain, `${i}.dcm`);
      await writeFile(file, writeBenchDicom(i, 512));
      return file;
    }),
  );
  const rows: BenchRow[] = [];
  const measure = async (name: string, encoded: string[]): Promise<void> => {
    await throughput(encoded.slice(0, 4), async (bytes) => (await readDicomImage(bytes)).frame(0)); // warm the threads and caches
    const read = await throughput(encoded, async (bytes) => bytes.length);
    const decoded = await throughput(encoded, async (bytes) => (await readDicomImage(bytes)).frame(0));
    rows.push({
      benchmark: `DICOM read and decode, 512×512 12-bit, ${name}: images per second`,
      measured: `${decoded.toFixed(0)} images/s`,
      baseline: `plain read of the same files: ${read.toFixed(0)} images/s`,
      ratio: decoded / read,
    });
  };
  await measure('uncompressed', files);
  for (const encoding of ENCODINGS) {
    const folder = path.join(dir, encoding.tool + encoding.args.join(''));
    await mkdir(folder);
    const encoded = await mapLimited(files, 2, async (file) => {
      const out = path.join(folder, path.basename(file));
      await run(encoding.tool, [...encoding.args, file, out]);
      return out;
    });
    await measure(encoding.name, encoded);
  }
  return rows;
}

/**
 * The PACS row: `count` instances stored in the local Orthanc, then a
 * DICOMweb scan with an empty cache (QIDO, WADO of every instance, headers
 * and pixels), and a re-scan with everything cached, against a scan of the
 * same files in a local folder.
 */
async function pacsRows(dir: string, count: number): Promise<BenchRow[]> {
  const url = process.env['CONSILIUM_ORTHANC_URL'];
  if (!url) throw new Error('the PACS rows need the local Orthanc: run scripts/orthanc-test-server.sh and set its variables');
  const user = process.env['CONSILIUM_ORTHANC_USER'] ?? 'consilium';
  const password = process.env['CONSILIUM_ORTHANC_PASSWORD'] ?? '';
  const tag = `bench-${Date.now()}`;
  const folder = path.join(dir, 'pacs-folder');
  await mkdir(folder);
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  await mapLimited(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const bytes = writeBenchDicom(i, 64, tag, Math.floor(i / 50));
      await writeFile(path.join(folder, `${i}.dcm`), bytes);
      const stored = await fetch(`${url}/instances`, { method: 'POST', headers: { authorization, 'content-type': 'application/dicom' }, body: bytes });
      if (!stored.ok) throw new Error(`Orthanc refused instance ${i}: HTTP ${stored.status}`);
    },
  );
  await writeFile(path.join(dir, 'password'), password);
  await writeFile(path.join(dir, 'labels.csv'), 'key,label\n');
  const config = {
    ...dicomWebDataSchema.parse({
      kind: 'dicomweb',
      url: `${url}/dicom-web`,
      auth: { kind: 'basic', username: user, passwordFile: path.join(dir, 'password') },
      query: { studyDescription: `${tag}*` },
      labels: path.join(dir, 'labels.csv'),
      concurrency: 8,
    }),
    cacheDir: path.join(dir, 'pacs-cache'),
  };
  const timed = async (scan: () => Promise<{ samples: unknown[] }>): Promise<number> => {
    const started = performance.now();
    const result = await scan();
    if (result.samples.length !== count) throw new Error(`the scan found ${result.samples.length} of ${count} instances`);
    return (performance.now() - started) / 1000;
  };
  const cold = await timed(() => new DicomWebSource(config).scan());
  const warm = await timed(() => new DicomWebSource(config).scan());
  const local = await timed(() => new DicomSource({ root: folder, keyBy: 'path', keyColumn: 'key', labelColumn: 'label', multiFrame: 'frames' }).scan());
  return [
    {
      benchmark: `DICOMweb scan of ${count} instances (${count / 50} studies) from the local Orthanc, empty cache, 8 requests in flight`,
      measured: `${cold.toFixed(1)} s (${(count / cold).toFixed(0)} instances/s)`,
      baseline: `scan of the same files in a local folder: ${local.toFixed(1)} s`,
      ratio: local / cold,
    },
    {
      benchmark: `DICOMweb re-scan of the same ${count} instances, all cached (QIDO only)`,
      measured: `${warm.toFixed(1)} s`,
      baseline: `scan of the same files in a local folder: ${local.toFixed(1)} s`,
      ratio: local / warm,
    },
  ];
}

export async function dicomBench(quick: boolean): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'consilium-bench-dicom-'));
  try {
    const decoding = await decodeRows(dir, quick ? 24 : 100);
    const pacs = await pacsRows(dir, quick ? 500 : 3000);
    return [...decoding, ...pacs];
  } finally {
    await decodePool.close();
    await rm(dir, { recursive: true, force: true });
  }
}

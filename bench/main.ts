// npm run bench [-- --quick] [--update-readme]: costs measured side by side in one run, printed as ratios (and written
// into the README's Performance table with --update-readme).
// npm run bench -- many-sites [--sites 200] [--rounds 3]: the load test of one coordinator with many sites.
// npm run bench -- s3 [--quick]: only the S3 blob store's aggregation rows (CONSILIUM_S3_ENDPOINT).
// npm run bench -- dicom [--quick]: DICOM decoding per transfer syntax (dcmtk and GDCM encode) and a DICOMweb scan of
// the local Orthanc (CONSILIUM_ORTHANC_URL, as scripts/orthanc-test-server.sh prints it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { aggregationBench } from './aggregation.js';
import { dicomBench } from './dicom.js';
import { machineBench } from './machine.js';
import { manySitesBench } from './many-sites.js';
import { s3AggregationBench } from './s3-aggregation.js';
import { storedAggregationBench } from './stored-aggregation.js';
import type { BenchRow } from './table.js';
import { printTable, updateReadme } from './table.js';
import { trainingBench } from './training.js';
import { transferBench } from './transfer.js';

/** What the numbers were measured on. */
function machine(): Record<string, string | number> {
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
}

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

if (process.argv.includes('many-sites')) {
  const { rows, summary } = await manySitesBench({
    sites: argument('--sites', 200),
    rounds: argument('--rounds', 3),
    hidden: argument('--hidden', 1000),
    concurrency: argument('--concurrency', 32),
    coordinators: argument('--coordinators', 1),
    // On SQLite unless asked (`--postgres`) or several processes need the shared database.
    ...((process.argv.includes('--postgres') || argument('--coordinators', 1) > 1) && process.env['DATABASE_URL']
      ? { databaseUrl: process.env['DATABASE_URL'] }
      : {}),
  });
  printTable(rows);
  console.log(JSON.stringify(summary));
  writeFileSync(
    process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : 'bench/many-sites.json',
    JSON.stringify({ rows, summary }, null, 2),
  );
  process.exit(0);
}

if (process.argv.includes('scale')) {
  printTable(scaleBench(process.argv.includes('--quick')));
  process.exit(0);
}

if (process.argv.includes('dicom')) {
  printTable(await dicomBench(process.argv.includes('--quick')));
  process.exit(0);
}

if (process.argv.includes('s3')) {
  printTable(await s3AggregationBench(process.argv.includes('--quick')));
  process.exit(0);
}

/**
 * The round overhead at `sites` sites, in a process of its own: the simulated sites share the bench's process, and
 * after the training rows its large heap slowed them by a fifth (2.35 s per round at 32 sites, 1.70 to 1.75 fresh).
 */
function roundSeconds(sites: number, rounds: number): number {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'consilium-round-')), 'many-sites.json');
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'many-sites', '--sites', String(sites), '--rounds', String(rounds), '--out', out], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`many-sites bench at ${sites} sites failed: ${run.stderr}`);
  return (JSON.parse(readFileSync(out, 'utf8')) as { summary: Record<string, number> }).summary['secondsPerRound']!;
}

/**
 * The load test at 200 and 1000 simulated sites, with one coordinator process and with two sharing PostgreSQL, each
 * in a process of its own (see roundSeconds), on a 100 k-parameter model so that 1000 sites' updates stay within this
 * machine's disk and loopback. The ratio is one process's seconds per round over two processes'.
 */
function scaleBench(quick: boolean): BenchRow[] {
  if (!process.env['DATABASE_URL']) throw new Error('the scale bench runs the coordinators on PostgreSQL: set DATABASE_URL');
  const rows: BenchRow[] = [];
  for (const sites of quick ? [50] : [200, 1000]) {
    const measured = [1, 2].map((coordinators) => {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'consilium-scale-')), 'many-sites.json');
      const args = [
        'many-sites',
        '--sites',
        String(sites),
        '--rounds',
        '2',
        '--hidden',
        '100',
        '--coordinators',
        String(coordinators),
        '--postgres',
        '--out',
        out,
      ];
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`the ${sites}-site load test with ${coordinators} coordinators failed: ${run.stderr}`);
      return (JSON.parse(readFileSync(out, 'utf8')) as { summary: Record<string, number> }).summary;
    });
    const one = measured[0]!;
    for (const summary of measured) {
      const c = summary['coordinators']!;
      rows.push({
        benchmark: `${sites} sites × ${summary['parameters']} parameters, ${c} coordinator process${c > 1 ? 'es' : ''}: seconds per round`,
        measured: `${summary['secondsPerRound']!.toFixed(1)} s; peak RSS ${summary['peakRssMb']!.toFixed(0)} MB per process; PostgreSQL ${summary['databaseSeconds']!.toFixed(1)} s, blob store ${summary['blobSeconds']!.toFixed(1)} s in all; ${summary['reconnects']} streams redialled`,
        baseline: `1 process: ${one['secondsPerRound']!.toFixed(1)} s per round`,
        ratio: one['secondsPerRound']! / summary['secondsPerRound']!,
      });
    }
  }
  return rows;
}

/**
 * Flower 1.23's gRPC server with TLS, same no-op round, 1 M parameters, separate processes on loopback: the reference
 * figures issue 21 was filed with (2026-11, this 2-core machine type). Without TLS: 0.13, 0.33 and 1.39 s at 2, 8, 32.
 */
const FLOWER_ROUND_SECONDS: Record<number, number> = { 8: 0.41, 32: 1.58 };

const quick = process.argv.includes('--quick');
const training = await trainingBench(quick);
const aggregation = await aggregationBench(quick);
const stored = storedAggregationBench(quick);
const s3 = await s3AggregationBench(quick);
const transfer = await transferBench(quick);
const limits = await machineBench(quick);
const overhead: BenchRow[] = [];
for (const sites of quick ? [2, 8] : [2, 8, 32]) {
  const seconds = roundSeconds(sites, quick ? 2 : 3);
  const flower = FLOWER_ROUND_SECONDS[sites];
  overhead.push({
    benchmark: `round overhead, no-op trainer, 1 M parameters, ${sites} sites`,
    measured: `${seconds.toFixed(2)} s per round`,
    baseline: flower
      ? `Flower 1.23 with TLS: ${flower.toFixed(2)} s (reference measured for issue 21 on this machine type; flwr is not installed here)`
      : 'no training: all of it is overhead',
    ratio: flower ? flower / seconds : NaN,
  });
}
const rows = [...training, ...aggregation.rows, ...stored, ...s3, ...transfer, ...overhead, ...limits];
printTable(rows);
const measuredOn = machine();
writeFileSync('bench/results.json', JSON.stringify({ quick, machine: measuredOn, rows, checksum: aggregation.checksum }, null, 2));
if (process.argv.includes('--update-readme')) {
  updateReadme(
    'README.md',
    rows,
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${measuredOn['cpu']}, ${measuredOn['cores']} cores, ${measuredOn['memoryGb']} GB, Node ${measuredOn['node']}:`,
  );
}
process.exit(0);

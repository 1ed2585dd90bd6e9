// npm run bench [-- --quick]: costs measured side by side in one run, printed as ratios.
// npm run bench -- many-sites [--sites 200] [--rounds 3]: the load test of one coordinator with many sites.
import { writeFileSync } from 'node:fs';
import { aggregationBench } from './aggregation.js';
import { manySitesBench } from './many-sites.js';
import { printTable } from './table.js';
import { trainingBench } from './training.js';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

if (process.argv.includes('many-sites')) {
  const { rows, summary } = await manySitesBench({ sites: argument('--sites', 200), rounds: argument('--rounds', 3), hidden: 1000, concurrency: argument('--concurrency', 32) });
  printTable(rows);
  console.log(JSON.stringify(summary));
  writeFileSync('bench/many-sites.json', JSON.stringify({ rows, summary }, null, 2));
  process.exit(0);
}

const quick = process.argv.includes('--quick');
const training = await trainingBench(quick);
const aggregation = await aggregationBench(quick);
const rows = [...training, ...aggregation.rows];
printTable(rows);
writeFileSync('bench/results.json', JSON.stringify({ quick, rows, checksum: aggregation.checksum }, null, 2));

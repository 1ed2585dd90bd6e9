// npm run bench [-- --quick]: costs measured side by side in one run, printed as ratios.
import { writeFileSync } from 'node:fs';
import { aggregationBench } from './aggregation.js';
import { printTable } from './table.js';
import { trainingBench } from './training.js';

const quick = process.argv.includes('--quick');
const training = await trainingBench(quick);
const aggregation = await aggregationBench(quick);
const rows = [...training, ...aggregation.rows];
printTable(rows);
writeFileSync('bench/results.json', JSON.stringify({ quick, rows, checksum: aggregation.checksum }, null, 2));

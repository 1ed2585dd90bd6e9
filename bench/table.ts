import { readFileSync, writeFileSync } from 'node:fs';

/** One benchmark row: what was measured and what it was measured against, in the same run. */
export interface BenchRow {
  benchmark: string;
  measured: string;
  baseline: string;
  /** measured ÷ baseline as a speed-up (above 1 is faster). */
  ratio: number;
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = ['| benchmark | measured | baseline | ratio |', '| --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.benchmark} | ${r.measured} | ${r.baseline} | ${Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : '-'} |`);
  return lines.join('\n');
}

export function printTable(rows: readonly BenchRow[]): void {
  console.log(markdownTable(rows));
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the README's benchmark table (between its bench markers) with this run's, so the README shows a real run. */
export function updateReadme(file: string, rows: readonly BenchRow[], machine: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} has no "${START}" … "${END}" markers for the benchmark table`);
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${machine}\n\n${markdownTable(rows)}\n${text.slice(end)}`);
}

/** One benchmark row: what was measured and what it was measured against, in the same run. */
export interface BenchRow {
  benchmark: string;
  measured: string;
  baseline: string;
  /** measured ÷ baseline as a speed-up (above 1 is faster). */
  ratio: number;
}

export function printTable(rows: readonly BenchRow[]): void {
  console.log('| benchmark | measured | baseline | ratio |\n| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.benchmark} | ${r.measured} | ${r.baseline} | ${Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : '-'} |`);
}

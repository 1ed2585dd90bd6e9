import { describe, expect, it } from 'vitest';

import { readerCsv, simulatedReadings } from '../../cli/demo/simulated-readers.js';

const truth = new Map(Array.from({ length: 200 }, (_, i) => [`case-${i}`, i % 4 === 0 ? 'malignant' : 'benign']));
const disagreements = (table: ReturnType<typeof simulatedReadings>): [string, string][] =>
  [...table.values()].flatMap((r) => (r.get('reader-1') !== r.get('reader-2') ? [[r.get('reader-1')!, r.get('reader-2')!] as [string, string]] : []));

describe("the demo's simulated readers", () => {
  it('give the truth (reader-1) and a primary reader (reader-2) who errs on about the chosen share, the same for the same seed', () => {
    const table = simulatedReadings(truth, ['benign', 'malignant'], 0.1, 7);
    // The seeded draw: 14 of 200 (7 %, against 10 % expected; 95 % of draws land between 12 and 28).
    expect(disagreements(table)).toHaveLength(14);
    expect(disagreements(simulatedReadings(truth, ['benign', 'malignant'], 0.1, 7))).toEqual(disagreements(table));
    expect([...table].every(([caseId, r]) => r.get('reader-1') === truth.get(caseId))).toBe(true);
  });

  it('err one way with towards: a reader who misses malignancies calls only malignant cases benign, as often as makes the share of all cases', () => {
    // 50 malignant of 200: a 10 % share of all cases is 20 misses, 40 % of the malignant ones.
    const missed = disagreements(simulatedReadings(truth, ['benign', 'malignant'], 0.1, 7, 'benign'));
    expect(missed.every(([actual, read]) => actual === 'malignant' && read === 'benign')).toBe(true);
    expect(missed).toHaveLength(19);
  });

  it('write the long form a site reads', () => {
    const table = simulatedReadings(new Map([['a,1', 'benign']]), ['benign', 'malignant'], 0, 1);
    expect(readerCsv(table)).toBe('case,reader,label\n"a,1",reader-1,benign\n"a,1",reader-2,benign\n');
  });
});

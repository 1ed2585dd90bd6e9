import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { bareProfile, type DataProfile } from '../../common/data-profile.schema.js';
import { applyConsensus, type ReaderTable, readReaderTable, summariseAgreement } from '../../site-agent/data/reader-labels.js';
import { guardProfile } from '../../site-agent/profile/privacy-guard.js';

/** Ten cases alternating yes/no; reader "bob" agrees with "ann" except on case 0. */
function twoReaders(): ReaderTable {
  const table: ReaderTable = new Map();
  for (let i = 0; i < 10; i++) {
    const label = i % 2 === 0 ? 'yes' : 'no';
    table.set(
      `c${i}`,
      new Map([
        ['ann', label],
        ['bob', i === 0 ? 'no' : label],
      ]),
    );
  }
  return table;
}

const ids = Array.from({ length: 10 }, (_, i) => `c${i}`);

describe("a site's readers", () => {
  it("measure agreement with Fleiss' κ when every case has the same readers: P̄ 0.9, P̄e 0.505, κ 79/99; Cohen's κ of the pair 0.8", () => {
    const summary = summariseAgreement(twoReaders(), ids, { kind: 'majority' });
    expect({ ...summary, value: undefined, interval: undefined }).toEqual({
      rule: 'majority',
      readers: 2,
      cases: 10,
      readersPerCase: { min: 2, max: 2 },
      statistic: 'fleiss-kappa',
      value: undefined,
      interval: undefined,
      pairs: [{ readers: ['r1', 'r2'], cases: 10, kappa: expect.closeTo(0.8, 12) }],
      needsAdjudication: 1,
    });
    expect(summary.value).toBeCloseTo(79 / 99, 12);
    expect(summary.interval![0]).toBeLessThan(summary.value!);
    expect(summary.interval![1]).toBeLessThanOrEqual(1);
  });

  it("switch to Krippendorff's α when readers read different cases, and count the fewest readers of any case", () => {
    const table = twoReaders();
    table.get('c1')!.set('cy', 'no');
    table.set('c10', new Map([['cy', 'yes']]));
    const summary = summariseAgreement(table, [...ids, 'c10'], { kind: 'majority' });
    expect(summary.statistic).toBe('krippendorff-alpha');
    expect(summary.readers).toBe(3);
    expect(summary.cases).toBe(10);
    expect(summary.readersPerCase).toEqual({ min: 1, max: 3 });
    expect(summary.pairs.map((p) => [p.readers, p.cases])).toEqual([
      [['r1', 'r2'], 10],
      [['r1', 'r3'], 1],
      [['r2', 'r3'], 1],
    ]);
  });

  it('train on the consensus: a case without one keeps no label and is listed for review, a dissent decided by the rule too', () => {
    const scan = {
      samples: ids.map((id) => ({ id, label: 'folder-label', contentSha256: id })).concat({ id: 'unread', label: 'no', contentSha256: 'u' }),
      skipped: [],
    };
    const majority = applyConsensus(scan, twoReaders(), { kind: 'majority' });
    expect(majority.scan.samples.map((s) => s.label)).toEqual(['', 'no', 'yes', 'no', 'yes', 'no', 'yes', 'no', 'yes', 'no', 'no']);
    expect(majority.review).toEqual([{ caseId: 'c0', readings: { ann: 'yes', bob: 'no' }, reason: 'no majority among 2 readers (1 × no, 1 × yes)' }]);
    const adjudicated = applyConsensus(scan, twoReaders(), { kind: 'adjudicator', reader: 'ann' });
    expect(adjudicated.scan.samples[0]!.label).toBe('yes');
    expect(adjudicated.review).toEqual([
      { caseId: 'c0', readings: { ann: 'yes', bob: 'no' }, reason: 'readers disagree; the adjudicator wins, else majority rule chose yes' },
    ]);
  });

  it('read from a long-form file; a repeated reading or a missing column is refused with the line and the fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'consilium-readers-'));
    const file = path.join(dir, 'readers.csv');
    const config = { file, caseColumn: 'case', readerColumn: 'reader', labelColumn: 'label', consensus: 'majority' as const };
    writeFileSync(file, 'case,reader,label,confidence\nc1,ann,yes,0.9\nc1,bob,,\nc2,ann,no,0.5\n');
    expect(await readReaderTable(config)).toEqual(
      new Map([
        ['c1', new Map([['ann', 'yes']])],
        ['c2', new Map([['ann', 'no']])],
      ]),
    );
    writeFileSync(file, 'case,reader,label\nc1,ann,yes\nc1,ann,no\n');
    await expect(readReaderTable(config)).rejects.toThrow(
      `${file} line 3: reader ann labelled case c1 again (first on line 2); keep one row per reader and case`,
    );
    writeFileSync(file, 'study,reader,label\n');
    await expect(readReaderTable(config)).rejects.toThrow(`readers.caseColumn "case" is not a column of ${file} (columns: study, reader, label)`);
  });

  it('leave the site only over k cases: fewer, and the figures are withheld', () => {
    const agreement = summariseAgreement(twoReaders(), ids, { kind: 'majority' });
    const profile = { agreement } as unknown as DataProfile;
    const base = bareProfile('csv', 10, profile);
    expect(guardProfile(base, { minCellSize: 5 }).agreement).toEqual({ ...agreement, cases: 10, needsAdjudication: null });
    expect(guardProfile(base, { minCellSize: 20 }).agreement).toEqual({
      ...agreement,
      cases: null,
      value: null,
      interval: null,
      pairs: [],
      needsAdjudication: null,
    });
  });
});

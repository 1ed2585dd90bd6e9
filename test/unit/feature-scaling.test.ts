import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { DataProfile } from '../../common/data-profile.schema.js';
import { poolFeatureStatistics } from '../../coordinator/domain/feature-scaling.js';
import { CsvSource } from '../../site-agent/data/csv.source.js';
import { featureStatistics, standardizeRows } from '../../site-agent/data/feature-scaling.js';

const profile = (samples: number, mean: number[], std: number[]) => ({ features: { samples, mean, std } }) as unknown as DataProfile;

describe('feature standardisation', () => {
  it('computes column statistics and standardizes rows', () => {
    const stats = featureStatistics(
      [
        [1, 10],
        [3, 10],
        [5, 10],
      ],
      2,
    );
    expect(stats.samples).toBe(3);
    expect(stats.mean).toEqual([3, 10]);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(stats.std[1]).toBe(0);
    // A constant column is only centred.
    expect(Array.from(standardizeRows(Float32Array.from([1, 10, 5, 12]), 2, { mean: [3, 10], std: [2, 0] }))).toEqual([-1, 0, 1, 2]);
  });

  it('pools site statistics as if the rows were together', () => {
    // Site a: rows 0, 2 (mean 1, std 1); site b: rows 4, 6, 8, 10 (mean 7, std √5). Pooled over all six: mean 5, variance 35/3.
    const pooled = poolFeatureStatistics([
      { siteId: 'a', profile: profile(2, [1], [1]) },
      { siteId: 'b', profile: profile(4, [7], [Math.sqrt(5)]) },
      { siteId: 'c', profile: null },
    ]);
    expect(pooled.mean).toEqual([5]);
    expect(pooled.std[0]).toBeCloseTo(Math.sqrt(35 / 3), 12);
    expect({ sites: pooled.sites, samples: pooled.samples }).toEqual({ sites: ['a', 'b'], samples: 6 });
    expect(() => poolFeatureStatistics([{ siteId: 'c', profile: null }])).toThrow(
      'preprocessing.standardize is federated, but none of the sites c reported feature statistics (a table source with at least k rows); use standardize: site, or none',
    );
    expect(() =>
      poolFeatureStatistics([
        { siteId: 'a', profile: profile(2, [1], [1]) },
        { siteId: 'b', profile: profile(2, [1, 2], [1, 1]) },
      ]),
    ).toThrow("site b reports 2 feature columns, site a 1: the sites' tables do not have the same columns");
  });
});

describe('CSV tables as hospitals have them', () => {
  const write = (text: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'consilium-csv-')), 't.csv');
    writeFileSync(file, text);
    return file;
  };
  const summaryFirst = '4,2,malignant,benign\n1.5,2,0\n2.5,4,1\n3.5,6,0\n4.5,8,1\n';

  it('refuses a table whose first line is not its header, and says how to read it', async () => {
    await expect(new CsvSource(write(summaryFirst), { labelColumn: 'label' }).scan()).rejects.toThrow(
      /^4 of the 4 rows of \S+ have 3 fields, but its header line has 4: that line is not the table's header\. Set data\.skipLines to the number of lines before the header, or data\.header: false \(and name columns by index\) when there is none$/,
    );
  });

  it('reads a table without a header after skipped lines, columns by index', async () => {
    const source = new CsvSource(write(summaryFirst), { labelColumn: 2, header: false, skipLines: 1 });
    const scan = await source.scan();
    expect(scan.samples.map((s) => [s.id, s.label])).toEqual([
      ['row-2', '0'],
      ['row-3', '1'],
      ['row-4', '0'],
      ['row-5', '1'],
    ]);
    expect(Array.from((await source.decode(scan.samples, [2])).features)).toEqual([1.5, 2, 2.5, 4, 3.5, 6, 4.5, 8]);
    // standardize: site uses this table's own statistics: column 0 has mean 3 and std √1.25.
    const scaled = (await source.decode(scan.samples, [2], { normalization: 'auto', standardize: 'site' })).features;
    expect(scaled[0]).toBeCloseTo(-1.5 / Math.sqrt(1.25), 6);
    await expect(new CsvSource(write(summaryFirst), { labelColumn: 'label', header: false, skipLines: 1 }).scan()).rejects.toThrow(
      'data.labelColumn names column "label", but data.header is false: name columns by their 0-based index',
    );
    await expect(new CsvSource(write(summaryFirst), { labelColumn: 7, header: false, skipLines: 1 }).scan()).rejects.toThrow(
      /data\.labelColumn is column 7, but .* has 3 columns \(0 to 2\)/,
    );
  });
});

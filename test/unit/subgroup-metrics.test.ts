import { describe, expect, it } from 'vitest';

import { classificationMetrics } from '../../common/classification-metrics.js';
import { pooledClassification } from '../../common/pooled-classification.js';
import { seededRandom } from '../../common/seeded-random.js';
import { subgroupFigures, subgroupMetrics, type Subgroups, subgroupSlug } from '../../common/subgroup-metrics.js';
import { guardClassification } from '../../site-agent/profile/classification-guard.js';
import { CountGuard } from '../../site-agent/profile/privacy-guard.js';
import { subgroupsOf } from '../../site-agent/task/site-data.js';

/** A site's validation cases on two vendors' scanners: the model misses most positives on "Oldco" scanners. */
function site(seed: number, n: number): { probabilities: Float32Array; labels: Int32Array; subgroups: Subgroups } {
  const random = seededRandom(seed);
  const labels = Int32Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0));
  const vendors = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'Oldco Imaging, Inc.' : 'Newco'));
  const probabilities = new Float32Array(n * 2);
  labels.forEach((label, i) => {
    const missed = vendors[i]!.startsWith('Oldco') && label === 1 && random() < 0.7;
    const p = label === 1 && !missed ? 0.75 + random() * 0.2 : 0.1 + random() * 0.3;
    probabilities.set([1 - p, p], i * 2);
  });
  return { probabilities, labels, subgroups: { manufacturer: vendors, sex: Array.from({ length: n }, (_, i) => (i === 0 ? 'F' : null)) } };
}

describe('subgroup figures', () => {
  it('pools each vendor over the sites and flags the one whose sensitivity is clearly below the other cases', () => {
    const reports = [site(1, 150), site(2, 120)].map((s) =>
      guardClassification(
        {
          ...classificationMetrics(s.probabilities, s.labels, 2, 'val_', true),
          ...subgroupMetrics(s.probabilities, s.labels, 2, s.subgroups),
        },
        new CountGuard({ minCellSize: 5 }),
      ),
    );
    // One case has a sex: a subgroup of 1, under k, leaves nothing at all.
    expect(Object.keys(reports[0]!).filter((name) => name.startsWith('val_sub_sex_'))).toEqual([]);
    // A subgroup sends no ratio (beside the whole split's figures it would give the rest's by subtraction): only its statistics,
    // Brier and ECE. The coordinator computes its figures from those, pooled.
    expect(Object.keys(reports[0]!).filter((name) => name.startsWith('val_sub_') && !/_(cm|scores|rel)_|_brier$|_ece$/.test(name))).toEqual([]);
    const figures = subgroupFigures(pooledClassification(reports), [1]);
    expect(figures.map((f) => [f.dimension, f.value, f.flag !== null])).toEqual([
      ['manufacturer', 'Newco', false],
      ['manufacturer', 'Oldco-Imaging-Inc', true],
    ]);
    const oldco = figures[1]!;
    expect(oldco.flag).toBe(
      `sensitivity ${oldco.sensitivity!.value.toFixed(3)} [${oldco.sensitivity!.lo.toFixed(3)}, ${oldco.sensitivity!.hi.toFixed(3)}] for manufacturer Oldco-Imaging-Inc is below the ${oldco.otherSensitivity!.toFixed(3)} of all other cases`,
    );
    expect(oldco.sensitivity!.hi).toBeLessThan(oldco.otherSensitivity!);
    // Vendors' cases add up to every case (the guard coarsens each confusion cell to a multiple of 5).
    expect(figures.reduce((n, f) => n + f.cases, 0) % 5).toBe(0);
  });

  it('reads the dimensions a site has from its samples’ headers, and names values safely', () => {
    const meta = (m: object) => ({ id: 'x', label: 'a', contentSha256: 'h', meta: m });
    expect(subgroupsOf([meta({ manufacturer: 'GE', patientAgeYears: 70 }), meta({ manufacturer: 'Siemens', patientSex: 'F' })])).toEqual({
      manufacturer: ['GE', 'Siemens'],
      age: ['65-79', null],
      sex: [null, 'F'],
    });
    expect(subgroupsOf([{ id: 'x', label: 'a', contentSha256: 'h' }])).toBeNull();
    expect([subgroupSlug('Philips Medical Systems'), subgroupSlug('80+')]).toEqual(['Philips-Medical-Systems', '80']);
    // Names in another script stay apart, by their hash.
    expect(subgroupSlug('西门子')).toMatch(/^x[0-9a-f]{12}$/);
    expect(subgroupSlug('西门子')).not.toBe(subgroupSlug('联影'));
  });
});

import { describe, expect, it } from 'vitest';

import { annotationExperiment, renderAnnotationTable } from '../../cli/simulate/annotation-experiment.js';

describe('npm run experiment -- annotation', () => {
  it('flags and gates the hospital whose primary reader misses malignancies, and counts the cases readers changed on the worklist', async () => {
    const table = await annotationExperiment({ rounds: 1, imagesPerSite: 60, disagreement: 0.4, labelledFraction: 0.1 });
    expect(table.sites.map((s) => [s.id, s.disagreement, s.flag !== null, s.exclusion !== null])).toEqual([
      ['hospital-a', 0.05, false, false],
      ['hospital-b', 0.05, false, false],
      ['hospital-c', 0.4, true, true],
    ]);
    expect(table.sites[2]!.exclusion).toMatch(/^reader agreement Fleiss' κ -?0\.\d{3} \(95 % -?0\.\d{3} to -?0\.\d{3}\) is below qualityGate\.minKappa 0\.6$/);
    for (const site of table.preAnnotation.sites) {
      expect(site.unlabelled).toBeGreaterThan(30);
      expect(site.changed).toBeLessThanOrEqual(site.unlabelled);
      expect(site.errorsInWorklistHead).toBeGreaterThanOrEqual(0);
      expect(site.errorsInWorklistHead).toBeLessThanOrEqual(1);
    }
    const text = renderAnnotationTable(table);
    expect(text).toContain('| hospital-c | 40.0 % |');
    expect(text).toMatch(/Labelling effort: readers changed \d+ of \d+ cases/);
  }, 120_000);
});

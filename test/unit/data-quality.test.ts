import { describe, expect, it } from 'vitest';

import type { DataProfile } from '../../common/data-profile.schema.js';
import { qualityGateSchema } from '../../common/run-spec.schema.js';
import { compareSites, jensenShannon } from '../../coordinator/domain/data-quality.js';
import { gateFailures } from '../../coordinator/domain/quality-gate.js';

const profile = (patch: Partial<DataProfile> = {}): DataProfile => ({
  datasetKind: 'dicom',
  fingerprint: 'a'.repeat(64),
  samples: 100,
  labels: { counts: { benign: 50, malignant: 50 }, unmapped: {}, missing: 0 },
  duplicates: { extraCopies: 0, groups: 0 },
  unreadable: {},
  imageSizes: { '512x512': 100 },
  pixelSpacing: {},
  intensity: { CT: { samples: 100, histogram: [10, 80, 10, 0], mean: 0.4, std: 0.1 } },
  dicom: { modality: { CT: 100 }, manufacturer: { Siemens: 100 }, manufacturerModelName: {}, bodyPartExamined: {}, patientAge: {}, patientSex: {} },
  deidentification: { filesWithIdentifyingTags: 0, byTag: {}, burnedInAnnotation: 0 },
  privacy: { minCellSize: 5, suppressedCells: 0, epsilon: null },
  ...patch,
});

describe('Jensen–Shannon divergence', () => {
  it('is 0 for equal distributions, 1 bit for disjoint ones, and exact in between', () => {
    expect(jensenShannon([3, 1], [6, 2])).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBe(1);
    // ½·KL((1,0) ‖ (¾,¼)) + ½·KL((½,½) ‖ (¾,¼)) = ½·log2(4/3) + ½·(½·log2(2/3) + ½·log2 2) = 0.311278…
    expect(jensenShannon([1, 0], [1, 1])).toBeCloseTo(0.5 * Math.log2(4 / 3) + 0.5 * (0.5 * Math.log2(2 / 3) + 0.5), 12);
  });
});

describe('quality gate', () => {
  const gate = qualityGateSchema.parse({ minSamples: 200, maxMissingLabelRate: 0.05, maxDuplicateRate: 0.01, requiredModality: 'MR', noIdentifyingTags: true });

  it('passes clean data and names every rule a site breaks, with its number', () => {
    expect(gateFailures(profile({ samples: 300, dicom: { ...profile().dicom, modality: { MR: 300 } } }), gate)).toEqual([]);
    expect(
      gateFailures(
        profile({
          labels: { counts: { benign: 90 }, unmapped: {}, missing: 10 },
          duplicates: { extraCopies: null, groups: null },
          deidentification: { filesWithIdentifyingTags: 12, byTag: { 'Patient Name': 12 }, burnedInAnnotation: 0 },
        }),
        gate,
      ),
    ).toEqual([
      '100 samples, fewer than qualityGate.minSamples 200',
      'missing-label rate 10.0 % exceeds qualityGate.maxMissingLabelRate 5.0 %',
      // Suppressed (below k = 5): taken as 4 copies in 100, so the rate is an upper bound and says so.
      'duplicate rate at most 4.0 % (suppressed counts taken at k − 1) exceeds qualityGate.maxDuplicateRate 1.0 %',
      'modalities CT; qualityGate.requiredModality is MR',
      '12 files carry identifying tags (Patient Name); qualityGate.noIdentifyingTags',
    ]);
    expect(gateFailures(null, gate)).toEqual(['the site has sent no data profile (upgrade its agent, or check its privacy settings)']);
  });
});

describe('site comparison', () => {
  it('flags only the site that stands out, not every site that differs from a pool containing it', () => {
    const shifted = profile({
      intensity: { CT: { samples: 100, histogram: [0, 0, 10, 90], mean: 0.8, std: 0.1 } },
      labels: { counts: { benign: 95, malignant: 5 }, unmapped: {}, missing: 0 },
    });
    const result = compareSites([
      { siteId: 'a', profile: profile() },
      { siteId: 'b', profile: shifted },
      { siteId: 'c', profile: profile() },
      { siteId: 'd', profile: null },
    ]);
    expect(result.map((s) => [s.siteId, s.flags.map((f) => f.split(' (')[0])])).toEqual([
      ['a', []],
      ['b', ['label distribution differs from the pooled one', 'CT intensities differ from the pooled ones']],
      ['c', []],
      ['d', ['no data profile received from this site']],
    ]);
    expect(result[1]!.vendors).toEqual(['Siemens']);
  });

  it('says a flag computed from a suppressed count is an upper bound, and an exact one is not', () => {
    const [suppressed, exact] = compareSites([
      { siteId: 's', profile: profile({ samples: 40, labels: { counts: { benign: 40 }, unmapped: {}, missing: null } }) },
      { siteId: 'e', profile: profile({ samples: 40, labels: { counts: { benign: 35 }, unmapped: {}, missing: 5 } }) },
    ]);
    expect(suppressed!.flags).toEqual(['missing-label rate at most 10.0 % (suppressed counts taken at k − 1) > 5 %']);
    expect(exact!.flags).toEqual(['missing-label rate 12.5 % > 5 %']);
  });
});

describe('lesion sizes across segmentation sites', () => {
  const masks = (lesionPixels: Record<string, number>) => ({ samples: 100, empty: 10, lesionPixels, valuePresence: { '0': 100, '1': 90 } });

  it('flags the site whose masks label much larger regions than the others', () => {
    const similar = { '0': 10, '17-64': 60, '65-256': 30 };
    const sites = [
      { siteId: 'a', profile: profile({ masks: masks(similar) }) },
      { siteId: 'b', profile: profile({ masks: masks({ '0': 10, '17-64': 55, '65-256': 35 }) }) },
      { siteId: 'c', profile: profile({ masks: masks(similar) }) },
      { siteId: 'd', profile: profile({ masks: masks({ '0': 10, '1025-4096': 90 }) }) },
    ];
    const compared = compareSites(sites);
    expect(compared.map((s) => s.flags.filter((f) => f.startsWith('lesion sizes')).length)).toEqual([0, 0, 0, 1]);
    expect(compared[3]!.flags.find((f) => f.startsWith('lesion sizes'))).toMatch(
      /^lesion sizes differ from the pooled ones \(JS divergence 0\.\d{3} > 0\.1, over 2× the median site's\): another annotation protocol, or another population\?$/,
    );
    // Classification sites have no masks and no divergence.
    expect(compareSites([{ siteId: 'x', profile: profile() }])[0]!.lesionSizeDivergence).toBeNull();
  });
});

describe('slice spacing across volume sites', () => {
  const volumes = (sliceSpacing: Record<string, number>, seriesWithGaps = 0) => ({ samples: 20, sliceSpacing, sliceThickness: sliceSpacing, seriesWithGaps });

  it('flags the site that scans much thicker slices than the others, and one that lost series to gaps', () => {
    const thin = { '0.5-1': 20 };
    const compared = compareSites([
      { siteId: 'a', profile: profile({ volumes: volumes(thin) }) },
      { siteId: 'b', profile: profile({ volumes: volumes({ '0.5-1': 18, '1-1.5': 2 }) }) },
      { siteId: 'c', profile: profile({ volumes: volumes(thin, 6) }) },
      { siteId: 'd', profile: profile({ volumes: volumes({ '3-5': 20 }) }) },
    ]);
    expect(compared.map((s) => s.flags)).toEqual([
      [],
      [],
      ['6 series refused for missing slices'],
      [
        `slice spacing differs from the pooled one (JS divergence ${compared[3]!.sliceSpacingDivergence!.toFixed(3)} > 0.1, over 2× the median site's; 3-5 mm): another acquisition protocol? Consider preprocessing.spacing`,
      ],
    ]);
    // Pooled: 58 thin, 2 mid, 20 thick of 80; site d holds only thick ones.
    const pooled = [58, 2, 20];
    expect(compared[3]!.sliceSpacingDivergence).toBeCloseTo(jensenShannon([0, 0, 20], pooled), 12);
    expect(compareSites([{ siteId: 'x', profile: profile() }])[0]!.sliceSpacingDivergence).toBeNull();
  });
});

describe('reader agreement as a quality figure', () => {
  const agreement = (value: number | null, min = 2): DataProfile['agreement'] => ({
    rule: 'majority',
    readers: 2,
    cases: value === null ? null : 60,
    readersPerCase: { min, max: 2 },
    statistic: 'fleiss-kappa',
    value,
    interval: value === null ? null : [value - 0.1, value + 0.1],
    pairs: [],
    needsAdjudication: value === null ? null : 0,
  });
  const gate = qualityGateSchema.parse({ minKappa: 0.6, minReadersPerCase: 2 });

  it('fails the gate below minKappa or minReadersPerCase, when withheld, or without readers, each with the reason', () => {
    expect(gateFailures(profile({ agreement: agreement(0.8) }), gate)).toEqual([]);
    expect(gateFailures(profile({ agreement: agreement(0.25, 1) }), gate)).toEqual([
      "reader agreement Fleiss' κ 0.250 (95 % 0.150 to 0.350) is below qualityGate.minKappa 0.6",
      'some cases have 1 reader; qualityGate.minReadersPerCase 2',
    ]);
    expect(gateFailures(profile({ agreement: agreement(null) }), gate)).toEqual([
      'reader agreement is withheld (fewer than 5 cases read twice); qualityGate.minKappa 0.6',
    ]);
    expect(gateFailures(profile(), gate)).toEqual([
      'the site reports no reader agreement (one reader, or no readers: in its site.yaml); qualityGate.minKappa, minReaderDice and minReadersPerCase need several',
    ]);
    expect(gateFailures(profile(), qualityGateSchema.parse({}))).toEqual([]);
  });

  it('flags the site whose agreement is far below the median site', () => {
    const compared = compareSites([
      { siteId: 'a', profile: profile({ agreement: agreement(0.82) }) },
      { siteId: 'b', profile: profile({ agreement: agreement(0.78) }) },
      { siteId: 'c', profile: profile({ agreement: agreement(0.3) }) },
    ]);
    expect(compared.map((s) => s.agreement?.value)).toEqual([0.82, 0.78, 0.3]);
    expect(compared.map((s) => s.flags.filter((f) => f.startsWith('reader agreement')))).toEqual([
      [],
      [],
      [
        "reader agreement Fleiss' κ 0.300 is far below the other sites' (median 0.780): readers here disagree more; review the labelling protocol or adjudicate",
      ],
    ]);
  });
});

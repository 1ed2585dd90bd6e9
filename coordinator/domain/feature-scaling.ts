import type { DataProfile } from '../../common/data-profile.schema.js';
import { ConsiliumError } from '../../common/errors.js';
import type { FeatureScaling, Preprocessing } from '../../common/preprocessing.schema.js';
import type { RunSpec } from '../../common/run-spec.schema.js';

/** Below this a column is constant: it is centred but not scaled, rather than divided by (almost) zero. */
const MIN_STD = 1e-12;

/**
 * The pooled mean and standard deviation of every feature over the sites'
 * reported statistics, each site weighted by its (coarsened) row count:
 * mean = Σ nᵢ mᵢ / N, variance = Σ nᵢ (sᵢ² + (mᵢ − mean)²) / N. Only
 * sites that reported statistics over at least k rows take part; a run
 * none of whose sites did cannot standardize federatedly, and says why.
 */
export function poolFeatureStatistics(sites: { siteId: string; profile: DataProfile | null }[]): FeatureScaling {
  const reporting = sites.flatMap(({ siteId, profile }) =>
    profile?.features && profile.features.samples ? [{ siteId, ...profile.features, samples: profile.features.samples }] : [],
  );
  if (reporting.length === 0) {
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `preprocessing.standardize is federated, but none of the sites ${sites.map((s) => s.siteId).join(', ')} reported feature statistics (a table source with at least k rows); use standardize: site, or none`,
    );
  }
  const width = reporting[0]!.mean.length;
  const odd = reporting.find((r) => r.mean.length !== width || r.std.length !== width);
  if (odd)
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `site ${odd.siteId} reports ${odd.mean.length} feature columns, site ${reporting[0]!.siteId} ${width}: the sites' tables do not have the same columns`,
    );
  const total = reporting.reduce((n, r) => n + r.samples, 0);
  const mean = Array.from({ length: width }, (_, j) => reporting.reduce((sum, r) => sum + r.samples * r.mean[j]!, 0) / total);
  const std = mean.map((m, j) => {
    const variance = reporting.reduce((sum, r) => sum + r.samples * (r.std[j]! ** 2 + (r.mean[j]! - m) ** 2), 0) / total;
    return Math.max(Math.sqrt(variance), MIN_STD);
  });
  return { mean, std, sites: reporting.map((r) => r.siteId), samples: total };
}

/** The preprocessing a run's tasks and its downloaded model carry: the spec's, with the pooled scaling once it is fixed. */
export function runPreprocessing(run: { spec: Pick<RunSpec, 'preprocessing'>; featureScaling?: FeatureScaling | null }): Preprocessing {
  return run.featureScaling ? { ...run.spec.preprocessing, featureScaling: run.featureScaling } : run.spec.preprocessing;
}

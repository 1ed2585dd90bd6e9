import type { DataProfile } from '../../common/data-profile.schema.js';
import { ConsiliumError } from '../../common/errors.js';
import type { RunSpec } from '../../common/run-spec.schema.js';

/**
 * `classWeights: balanced`: each class weighs N / (C · n_c) over the pooled
 * label counts of the sites' profiles (scikit-learn's and Keras's
 * "balanced"), so a rare class counts as much in the loss as a common one.
 * Counts a site's privacy guard suppressed are left out; a class no site
 * reports cannot be weighted, and the run says so.
 */
export function balancedClassWeights(classes: readonly string[], sites: { siteId: string; profile: DataProfile | null }[]): number[] {
  const pooled = classes.map((c) => sites.reduce((sum, s) => sum + (s.profile?.labels.counts[c] ?? 0), 0));
  const total = pooled.reduce((a, b) => a + b, 0);
  const missing = classes.filter((_, i) => pooled[i] === 0);
  if (missing.length > 0) {
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `classWeights is balanced, but the profiles of ${sites.map((s) => s.siteId).join(', ')} report no samples of ${missing.join(', ')} (or only counts below their minimum cell size); give classWeights explicitly`,
    );
  }
  return pooled.map((n) => total / (classes.length * n));
}

/** The weight of each class, in the order of classes, that a run's tasks carry; empty when the spec weighs every class alike. */
export function runClassWeights(run: { spec: Pick<RunSpec, 'classes' | 'classWeights'>; classWeights?: number[] | null }): number[] {
  const weights = run.spec.classWeights;
  if (weights === undefined) return [];
  if (weights === 'balanced') return run.classWeights ?? [];
  return run.spec.classes.map((c) => weights[c] ?? 1);
}

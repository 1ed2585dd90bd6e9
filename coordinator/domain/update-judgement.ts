import type { ContainerScan } from '../../common/container-scan.js';
import { ConsiliumError } from '../../common/errors.js';
import type { WeightSpec } from '../../common/model-weights.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import type { UpdateHeader } from '../../common/task-order.js';
import { elementCount } from '../../common/tensor-codec.js';
import type { Round, RoundKind, Task } from './records.js';
import { checkUpdateLayout, sharedLayout } from './update-validation.js';

/** What the transport made of the upload: its scan, or why it could not be assembled (size, SHA-256, a malformed container). */
export type UploadScan = { ok: true; scan: ContainerScan } | { ok: false; reason: string };

/** The verdict on one submission: accepted with the factor aggregation scales it by, or rejected with the reason the site is told. */
export type Judgement = { accept: true; l2Norm: number; clipFactor: number } | { accept: false; reason: string };

/** The model a round distributed, as far as judging an update needs it. */
export interface BaseModel {
  layout: readonly WeightSpec[];
  /** The L2 norm of the base model's weights; needed only when the run has a relative norm bound (`needsModelNorm`). */
  l2Norm: number | null;
}

/** The factor that scales an update down to the run's norm bound when the run clips; 1 otherwise. */
export function clipFactorFor(norm: number, checks: { maxNorm?: number; onExceed?: 'clip' | 'reject' }): number {
  return checks.maxNorm !== undefined && checks.onExceed === 'clip' && norm > checks.maxNorm ? checks.maxNorm / norm : 1;
}

/**
 * The factor that clips an update to privacy.clipNorm when the coordinator adds the noise (privacy.noise central):
 * the noise is calibrated to that bound, so it is enforced here rather than taken on the site's word; 1 otherwise.
 */
export function privacyClipFactor(norm: number, privacy: RunSpec['privacy']): number {
  return privacy?.noise === 'central' && norm > privacy.clipNorm ? privacy.clipNorm / norm : 1;
}

/** Whether judging an update of this run needs the base model's norm (reading it costs a pass over the weights). */
export function needsModelNorm(spec: RunSpec): boolean {
  return spec.updateChecks.maxRelativeNorm !== null;
}

/**
 * Whether `siteId` may answer this task now: its own task, of the run and
 * round it names, of the right kind, still open and before the deadline.
 * Returns the reason it may not, or null.
 */
export function judgeTask(
  siteId: string,
  header: Pick<UpdateHeader, 'taskId' | 'runId' | 'round'>,
  task: Task | null,
  round: Round | null,
  at: number,
  kind: RoundKind,
): string | null {
  if (!task || !round) return `unknown task ${header.taskId}`;
  if (task.siteId !== siteId) return `task ${task.id} was assigned to another site`;
  if (task.runId !== header.runId) return `task ${task.id} belongs to run ${task.runId}, not ${header.runId}`;
  if (task.roundNumber !== header.round) return `task ${task.id} is for round ${task.roundNumber}, not round ${header.round}`;
  if (round.kind !== kind) return `task ${task.id} is ${round.kind === 'evaluate' ? 'evaluate-only' : 'a training task'}`;
  if (task.status === 'accepted') return `duplicate: task ${task.id} already has an accepted update`;
  if (task.status !== 'sent' || round.status !== 'collecting' || at > new Date(round.deadlineAt).getTime()) {
    return `late: round ${round.number} is ${round.status === 'collecting' ? 'past its deadline' : round.status} and task ${task.id} is ${task.status}`;
  }
  return null;
}

/**
 * The one decision on a training update, made once at intake: the task may
 * be answered, the upload assembled, it was computed from the round's model,
 * it fits the shared layout, its values are finite, and its norm is within
 * the run's bounds. Clipping is decided here too, so the factor aggregation
 * applies is the one on the update's row.
 */
export function judgeUpdate(
  siteId: string,
  header: UpdateHeader,
  upload: UploadScan,
  task: Task | null,
  round: Round | null,
  spec: RunSpec | null,
  base: BaseModel | null,
  at: number,
): Judgement {
  const reject = (reason: string): Judgement => ({ accept: false, reason });
  const late = judgeTask(siteId, header, task, round, at, 'train');
  if (late || !task || !round || !spec || !base) return reject(late ?? `unknown task ${header.taskId}`);
  if (!upload.ok) return reject(upload.reason);
  if (header.baseModelVersionId !== round.baseModelVersionId) {
    return reject(`update was computed against model ${header.baseModelVersionId}, round ${round.number} distributed ${round.baseModelVersionId}`);
  }
  if (!(header.sampleCount > 0)) return reject('sample count must be positive');
  const layout = sharedLayout(base.layout, task.instructions);
  const { scan } = upload;
  const mismatch = checkUpdateLayout(scan.header, layout, header.encoding);
  if (mismatch) return reject(mismatch);
  if (scan.nonFinite) return reject(scan.nonFinite);
  const norm = scan.l2Norm;
  const { maxNorm, onExceed, maxRelativeNorm } = spec.updateChecks;
  if (maxRelativeNorm !== null) {
    const parameters = layout.reduce((sum, w) => sum + elementCount(w.shape), 0);
    const modelNorm = base.l2Norm;
    if (modelNorm === null) throw new ConsiliumError('INTERNAL', 'judging an update against updateChecks.maxRelativeNorm needs the base model norm');
    const bound = maxRelativeNorm * Math.max(modelNorm, Math.sqrt(parameters));
    if (!(norm <= bound)) {
      return reject(
        `update L2 norm ${norm.toPrecision(6)} exceeds the sanity bound ${bound.toPrecision(6)} (updateChecks.maxRelativeNorm ${maxRelativeNorm} × max(model norm ${modelNorm.toPrecision(6)}, √parameters ${Math.sqrt(parameters).toPrecision(6)})); an update this large is corrupt or hostile. If it is genuine, raise updateChecks.maxRelativeNorm, or set it to null`,
      );
    }
  }
  if (maxNorm !== undefined && norm > maxNorm && onExceed === 'reject') {
    return reject(`update L2 norm ${norm.toPrecision(6)} exceeds updateChecks.maxNorm ${maxNorm}; this run rejects larger updates (onExceed: reject)`);
  }
  return { accept: true, l2Norm: norm, clipFactor: Math.min(clipFactorFor(norm, spec.updateChecks), privacyClipFactor(norm, spec.privacy)) };
}

/** Each kind of rejection, by the words its reason starts with; the metrics count by kind, so their labels stay few. */
const REJECTION_KINDS: readonly [RegExp, string][] = [
  [/^duplicate:/, 'duplicate'],
  [/^late:/, 'late'],
  [/^unknown task /, 'unknown-task'],
  [/^task \S+ (was assigned|belongs|is for|is evaluate-only|is a training)/, 'wrong-task'],
  [/^update was computed against model /, 'stale-base'],
  [/^sample count /, 'sample-count'],
  [/non-finite value/, 'non-finite'],
  [/^(update has \d+ tensors|tensor )/, 'layout'],
  [/L2 norm .* exceeds/, 'norm'],
];

/** The kind of a rejection reason (duplicate, late, layout, norm, …); `upload` for a container that did not read. */
export function rejectionKind(reason: string): string {
  return REJECTION_KINDS.find(([pattern]) => pattern.test(reason))?.[1] ?? 'upload';
}

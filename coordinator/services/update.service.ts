import { randomUUID } from 'node:crypto';
import { ConsiliumError, describeError, isConsiliumError } from '../../common/errors.js';
import { canonicalJson, sha256Hex } from '../../common/hashing.js';
import type { ContainerScan } from '../../common/container-scan.js';
import type { UpdateHeader, UpdateReceipt } from '../../common/task-order.js';
import { checkUpdateLayout, maxUpdateBytes, sharedLayout } from '../domain/update-validation.js';
import { elementCount } from '../../common/tensor-codec.js';
import type { AuditEventInput } from '../domain/audit-chain.js';
import type { AuditLog } from './audit-log.js';
import type { BlobStore } from '../persistence/storage.port.js';
import type { RoundEntity, TaskEntity, UpdateEntity } from '../persistence/entities/index.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { Clock } from './clock.js';
import type { ServiceLogger } from './logger.js';
import type { ModelCatalog } from './model-catalog.js';
import type { RoundEngine } from './round-engine.js';

/**
 * What the transport hands over: the upload's file with its SHA-256 checked
 * and its scan, or why it could not be assembled (size, SHA-256, a malformed
 * container). Accepting the update moves the file into the blob store.
 */
export type UpdatePayload = { ok: true; file: string; scan: ContainerScan } | { ok: false; reason: string };

/** Refused before anything is stored: the reason goes into the receipt and the updates table. */
class Rejection extends Error {}

/**
 * Validates and records site updates. Every submission gets a receipt and a
 * row, accepted or rejected with its reason; only accepted rows are ever
 * read by aggregation, so a rejected update cannot reach the global model.
 */
export class UpdateService {
  constructor(
    private readonly repos: Repositories,
    private readonly catalog: ModelCatalog,
    private readonly blobs: BlobStore,
    private readonly engine: RoundEngine,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
    private readonly audit: AuditLog,
  ) {}

  /** The receipt for a recorded submission, signed with the audit key so the site can prove it later. */
  private receipt(update: UpdateEntity, receivedAt: Date, auditSeq: number): UpdateReceipt {
    return this.audit.signReceipt({
      updateId: update.id,
      sha256: update.sha256,
      accepted: update.status === 'accepted',
      reason: update.reason ?? '',
      receivedAtUnixMs: receivedAt.getTime(),
      taskId: update.taskId,
      runId: update.runId,
      round: update.roundNumber,
      auditSeq,
    });
  }

  /**
   * The largest upload this task's model can justify; the transport refuses
   * more before buffering it. A task of another site is refused outright.
   */
  async uploadLimit(siteId: string, taskId: string): Promise<number | null> {
    const task = await this.repos.tasks.get(taskId);
    if (task && task.siteId !== siteId) await this.deny(siteId, `task ${taskId} was assigned to another site; a site submits only for its own tasks`, { runId: task.runId, taskId });
    const run = task ? await this.repos.runs.get(task.runId) : null;
    if (!run) return null;
    return maxUpdateBytes(await this.catalog.layoutOf(run.id, run.spec.model));
  }

  /** A site may download a model version only when one of its tasks starts from it. */
  async requireModelAccess(siteId: string, modelVersionId: string): Promise<void> {
    const version = await this.catalog.get(modelVersionId);
    const rounds = new Set((await this.repos.rounds.forRun(version.runId)).filter((r) => r.baseModelVersionId === version.id).map((r) => r.id));
    const mine = (await this.repos.tasks.forRun(version.runId)).some((t) => t.siteId === siteId && rounds.has(t.roundId));
    if (!mine) await this.deny(siteId, `model ${modelVersionId} is not the base of any task of site ${siteId}`, { runId: version.runId });
  }

  /** Records a site's attempt to reach past its own tasks, for the auditor, and refuses it. */
  private async deny(siteId: string, reason: string, subjects: Record<string, string>): Promise<never> {
    await this.repos.audit.append({ actor: `site:${siteId}`, action: 'access.denied', subjects: { ...subjects, siteId }, payload: { reason } }, this.clock.iso());
    throw new ConsiliumError('PERMISSION_DENIED', reason);
  }

  /**
   * The receipt of this exact update (task, site, SHA-256) when it was
   * already accepted: a site that resends, because the first receipt was lost
   * on the way, gets the same signed receipt and nothing is counted twice.
   */
  async existingReceipt(siteId: string, taskId: string, sha256: string): Promise<UpdateReceipt | null> {
    const accepted = await this.repos.updates.acceptedForTask(taskId);
    if (!accepted || accepted.siteId !== siteId || accepted.sha256 !== sha256 || accepted.auditSeq === null) return null;
    return this.receipt(accepted, new Date(accepted.receivedAt), accepted.auditSeq);
  }

  async submit(siteId: string, header: UpdateHeader, payload: UpdatePayload): Promise<UpdateReceipt> {
    const again = await this.existingReceipt(siteId, header.taskId, header.sha256);
    if (again) return again;
    const receivedAt = this.clock.now();
    const row: UpdateEntity = {
      id: randomUUID(),
      taskId: header.taskId,
      runId: header.runId,
      roundNumber: header.round,
      siteId,
      sha256: header.sha256,
      bytes: header.totalBytes,
      sampleCount: header.sampleCount,
      metrics: header.metrics,
      l2Norm: null,
      status: 'rejected',
      reason: null,
      receivedAt: receivedAt.toISOString(),
      auditSeq: null,
    };
    try {
      const { task, round } = await this.openTaskFor(siteId, header, receivedAt, 'train');
      if (!payload.ok) throw new Rejection(payload.reason);
      if (header.baseModelVersionId !== round.baseModelVersionId) {
        throw new Rejection(`update was computed against model ${header.baseModelVersionId}, round ${round.number} distributed ${round.baseModelVersionId}`);
      }
      if (!(header.sampleCount > 0)) throw new Rejection('sample count must be positive');
      const { spec } = (await this.repos.runs.get(task.runId))!;
      const layout = sharedLayout(await this.catalog.layoutOf(task.runId, spec.model), task.instructions);
      const mismatch = checkUpdateLayout(payload.scan.header, layout, header.encoding);
      if (mismatch) throw new Rejection(mismatch);
      if (payload.scan.nonFinite) throw new Rejection(payload.scan.nonFinite);
      const norm = payload.scan.l2Norm;
      const { maxNorm, onExceed, maxRelativeNorm } = spec.updateChecks;
      if (maxRelativeNorm !== null) {
        const parameters = layout.reduce((sum, w) => sum + elementCount(w.shape), 0);
        const modelNorm = await this.catalog.l2NormOf(round.baseModelVersionId);
        const bound = maxRelativeNorm * Math.max(modelNorm, Math.sqrt(parameters));
        if (!(norm <= bound)) {
          throw new Rejection(
            `update L2 norm ${norm.toPrecision(6)} exceeds the sanity bound ${bound.toPrecision(6)} (updateChecks.maxRelativeNorm ${maxRelativeNorm} × max(model norm ${modelNorm.toPrecision(6)}, √parameters ${Math.sqrt(parameters).toPrecision(6)})); an update this large is corrupt or hostile. If it is genuine, raise updateChecks.maxRelativeNorm, or set it to null`,
          );
        }
      }
      if (maxNorm !== undefined && norm > maxNorm && onExceed === 'reject') {
        throw new Rejection(`update L2 norm ${norm.toPrecision(6)} exceeds updateChecks.maxNorm ${maxNorm}; this run rejects larger updates (onExceed: reject)`);
      }

      await this.blobs.adopt(payload.file, header.sha256);
      const accepted: UpdateEntity = { ...row, l2Norm: norm, status: 'accepted' };
      const recorded = await this.repos.transaction(async (tx) => {
        if (!(await tx.updates.saveAccepted(accepted, receivedAt.toISOString()))) return null;
        const event = await tx.audit.append(auditEvent(accepted), receivedAt.toISOString());
        await tx.updates.setAuditSeq(accepted.id, event.seq);
        return event;
      });
      if (!recorded) throw new Rejection(`duplicate: task ${task.id} already has an accepted update`);
      this.engine.notify(round.id);
      this.logger.log(`update ${row.id} from ${siteId} accepted for run ${task.runId} round ${round.number} (${header.sampleCount} samples)`);
      return this.receipt(accepted, receivedAt, recorded.seq);
    } catch (error) {
      if (!(error instanceof Rejection) && !(isConsiliumError(error) && error.code === 'INVALID_ARGUMENT')) throw error;
      const rejected = { ...row, reason: describeError(error) };
      const recorded = await this.repos.transaction(async (tx) => {
        await tx.updates.saveRejected(rejected);
        const event = await tx.audit.append(auditEvent(rejected), receivedAt.toISOString());
        await tx.updates.setAuditSeq(rejected.id, event.seq);
        return event;
      });
      this.logger.warn(`update from ${siteId} for task ${header.taskId} rejected: ${rejected.reason}`);
      return this.receipt(rejected, receivedAt, recorded.seq);
    }
  }

  /** Metrics from an evaluate-only task, recorded like an update that carries no tensors. */
  async recordEvaluation(siteId: string, taskId: string, sampleCount: number, metrics: Record<string, number>): Promise<void> {
    const task = await this.repos.tasks.get(taskId);
    if (!task) {
      this.logger.warn(`evaluation from ${siteId} names unknown task ${taskId}; ignored`);
      return;
    }
    const header = { taskId, runId: task.runId, round: task.roundNumber } as UpdateHeader;
    const now = this.clock.now();
    try {
      const { round } = await this.openTaskFor(siteId, header, now, 'evaluate');
      const evaluation: UpdateEntity = {
        id: randomUUID(),
        taskId,
        runId: task.runId,
        roundNumber: task.roundNumber,
        siteId,
        sha256: sha256Hex(canonicalJson({ taskId, sampleCount, metrics })),
        bytes: 0,
        sampleCount,
        metrics: { ...metrics, val_samples: sampleCount },
        l2Norm: null,
        status: 'accepted',
        reason: null,
        receivedAt: now.toISOString(),
        auditSeq: null,
      };
      const saved = await this.repos.transaction(async (tx) => {
        if (!(await tx.updates.saveAccepted(evaluation, now.toISOString()))) return false;
        await tx.audit.append({ ...auditEvent(evaluation), action: 'evaluation.received' }, now.toISOString());
        return true;
      });
      if (saved) this.engine.notify(round.id);
    } catch (error) {
      this.logger.warn(`evaluation from ${siteId} for task ${taskId} ignored: ${describeError(error)}`);
    }
  }

  /** A site reports that it cannot do a task (bad data, policy, crash); the round stops waiting for it. */
  async recordFailure(siteId: string, taskId: string, reason: string): Promise<void> {
    const task = await this.repos.tasks.get(taskId);
    if (!task || task.siteId !== siteId) return;
    const failed = await this.repos.transaction(async (tx) => {
      if (!(await tx.tasks.transition(taskId, 'sent', { status: 'failed', finishedAt: this.clock.iso(), reason: `site reported: ${reason}` }))) return false;
      await tx.audit.append({ actor: `site:${siteId}`, action: 'task.failed', subjects: { runId: task.runId, siteId, taskId }, payload: { round: task.roundNumber, reason } }, this.clock.iso());
      return true;
    });
    if (failed) {
      this.logger.warn(`site ${siteId} failed task ${taskId}: ${reason}`);
      this.engine.notify(task.roundId);
    }
  }

  private async openTaskFor(siteId: string, header: Pick<UpdateHeader, 'taskId' | 'runId' | 'round'>, at: Date, kind: RoundEntity['kind']): Promise<{ task: TaskEntity; round: RoundEntity }> {
    const task = await this.repos.tasks.get(header.taskId);
    if (!task) throw new Rejection(`unknown task ${header.taskId}`);
    if (task.siteId !== siteId) throw new Rejection(`task ${task.id} was assigned to another site`);
    if (task.runId !== header.runId) throw new Rejection(`task ${task.id} belongs to run ${task.runId}, not ${header.runId}`);
    if (task.roundNumber !== header.round) throw new Rejection(`task ${task.id} is for round ${task.roundNumber}, not round ${header.round}`);
    const round = (await this.repos.rounds.get(task.roundId))!;
    if (round.kind !== kind) throw new Rejection(`task ${task.id} is ${round.kind === 'evaluate' ? 'evaluate-only' : 'a training task'}`);
    if (task.status === 'accepted') throw new Rejection(`duplicate: task ${task.id} already has an accepted update`);
    if (task.status !== 'sent' || round.status !== 'collecting' || at.getTime() > new Date(round.deadlineAt).getTime()) {
      throw new Rejection(`late: round ${round.number} is ${round.status === 'collecting' ? 'past its deadline' : round.status} and task ${task.id} is ${task.status}`);
    }
    return { task, round };
  }
}

/** The audit event for a submission, accepted or rejected: what arrived, from whom, and the verdict. */
function auditEvent(update: UpdateEntity): AuditEventInput {
  return {
    actor: `site:${update.siteId}`,
    action: update.status === 'accepted' ? 'update.accepted' : 'update.rejected',
    subjects: { runId: update.runId, siteId: update.siteId, taskId: update.taskId, updateId: update.id },
    payload: { round: update.roundNumber, sha256: update.sha256, bytes: update.bytes, sampleCount: update.sampleCount, l2Norm: update.l2Norm, metrics: update.metrics, reason: update.reason },
  };
}

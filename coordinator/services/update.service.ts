import { randomUUID } from 'node:crypto';

import type { Clock } from '../../common/clock.js';
import type { ContainerScan } from '../../common/container-scan.js';
import { ConsiliumError, describeError } from '../../common/errors.js';
import { canonicalJson, sha256Hex } from '../../common/hashing.js';
import { finiteOrNull, roundSpend } from '../../common/privacy-spend.js';
import { roundsEpsilon } from '../../common/rdp-accountant.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import { maskedBytes, type SecAggUpMessage } from '../../common/secure-aggregation/secagg-wire.js';
import type { UpdateHeader, UpdateReceipt } from '../../common/task-order.js';
import { encodeTensors } from '../../common/tensor-codec.js';
import type { AuditEventInput } from '../domain/audit-chain.js';
import { keptLayout, personalise } from '../domain/personalised-model.js';
import type { InitialModel, Round, Task, Update } from '../domain/records.js';
import { judgeTask, judgeUpdate, needsModelNorm, rejectionKind } from '../domain/update-judgement.js';
import { maxUpdateBytes } from '../domain/update-validation.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { BlobStore } from '../persistence/storage.port.js';
import type { AuditLog } from './audit-log.js';
import type { ServiceLogger } from './logger.js';
import type { CoordinatorMetrics } from './metrics.js';
import type { ModelCatalog } from './model-catalog.js';
import { sharesLocalTensors } from './round/task-orders.js';
import type { RoundEngine } from './round-engine.js';

/**
 * What the intake hands over: the upload's file with its SHA-256 checked
 * and its scan, or why it could not be assembled (size, SHA-256, a malformed
 * container). Accepting the update moves the file into the blob store.
 */
export type HeldUpload = { ok: true; file: string; scan: ContainerScan } | { ok: false; reason: string };

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
    private readonly metrics: CoordinatorMetrics,
  ) {}

  /** The receipt for a recorded submission, signed with the audit key so the site can prove it later. */
  private receipt(update: Update, receivedAt: Date, auditSeq: number): UpdateReceipt {
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
    if (task && task.siteId !== siteId)
      await this.deny(siteId, `task ${taskId} was assigned to another site; a site submits only for its own tasks`, { runId: task.runId, taskId });
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
    await this.repos.audit.append(
      { actor: `site:${siteId}`, action: 'access.denied', subjects: { ...subjects, siteId }, payload: { reason } },
      this.clock.iso(),
    );
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

  /**
   * Judges a held upload (see `judgeUpdate`) and records the verdict: an
   * accepted update's file moves into the blob store and its row carries the
   * clip factor aggregation will apply; a rejected one keeps only its row.
   * Either way the site gets a signed receipt naming an audit event.
   */
  async record(siteId: string, header: UpdateHeader, upload: HeldUpload): Promise<UpdateReceipt> {
    const again = await this.existingReceipt(siteId, header.taskId, header.sha256);
    if (again) return again;
    const receivedAt = this.clock.now();
    const row: Update = {
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
      clipFactor: 1,
      status: 'rejected',
      reason: null,
      receivedAt: receivedAt.toISOString(),
      auditSeq: null,
    };
    const task = await this.repos.tasks.get(header.taskId);
    const round = task ? await this.repos.rounds.get(task.roundId) : null;
    const run = task ? await this.repos.runs.get(task.runId) : null;
    const base =
      run && round
        ? {
            layout: await this.catalog.layoutOf(run.id, run.spec.model),
            l2Norm: needsModelNorm(run.spec) ? await this.catalog.l2NormOf(round.baseModelVersionId) : null,
          }
        : null;
    let verdict = judgeUpdate(siteId, header, upload, task, round, run?.spec ?? null, base, receivedAt.getTime());
    if (verdict.accept && upload.ok) {
      await this.blobs.adopt(upload.file, header.sha256);
      const accepted: Update = { ...row, l2Norm: verdict.l2Norm, clipFactor: verdict.clipFactor, status: 'accepted' };
      const recorded = await this.repos.transaction(async (tx) => {
        if (!(await tx.updates.saveAccepted(accepted, receivedAt.toISOString()))) return null;
        const spend = run!.spec.privacy ? await privacySpent(tx, run!.spec, accepted) : undefined;
        const event = await tx.audit.append(auditEvent(accepted, spend), receivedAt.toISOString());
        await tx.updates.setAuditSeq(accepted.id, event.seq);
        return event;
      });
      if (recorded) {
        this.engine.notify(round!.id);
        this.metrics.updates.inc({ outcome: 'accepted', reason: 'none' });
        this.logger.log(`update ${row.id} from ${siteId} accepted for run ${row.runId} round ${row.roundNumber} (${header.sampleCount} samples)`, {
          runId: row.runId,
          round: row.roundNumber,
          siteId,
          taskId: header.taskId,
        });
        return this.receipt(accepted, receivedAt, recorded.seq);
      }
      verdict = { accept: false, reason: `duplicate: task ${header.taskId} already has an accepted update` };
    }
    const rejected = { ...row, reason: verdict.accept ? null : verdict.reason };
    const recorded = await this.repos.transaction(async (tx) => {
      await tx.updates.saveRejected(rejected);
      const event = await tx.audit.append(auditEvent(rejected), receivedAt.toISOString());
      await tx.updates.setAuditSeq(rejected.id, event.seq);
      return event;
    });
    this.metrics.updates.inc({ outcome: 'rejected', reason: rejectionKind(rejected.reason ?? '') });
    this.logger.warn(`update from ${siteId} for task ${header.taskId} rejected: ${rejected.reason}`, {
      runId: row.runId,
      round: row.roundNumber,
      siteId,
      taskId: header.taskId,
    });
    return this.receipt(rejected, receivedAt, recorded.seq);
  }

  /**
   * A message of a secure-aggregation round. The protocol judges it (see
   * SecureAggregations); an accepted masked input is kept like an update (its
   * words in the blob store, its row, its audit event), but it is noise to
   * anyone without the other sites' masks: no receipt travels back on the
   * stream, the audit event and the site's own log say what was recorded.
   */
  async recordSecAgg(siteId: string, taskId: string, message: SecAggUpMessage): Promise<void> {
    const task = await this.repos.tasks.get(taskId);
    if (!task || task.siteId !== siteId)
      return this.deny(siteId, `task ${taskId} is not a task of site ${siteId}`, task ? { runId: task.runId, taskId } : { taskId });
    const input = await this.engine.secureAggregations.receive(siteId, task, message);
    if (!input || message.kind !== 'masked') return;
    const run = (await this.repos.runs.get(task.runId))!;
    const bytes = maskedBytes(input.masked);
    const sha256 = await this.blobs.put(bytes);
    const receivedAt = this.clock.now();
    const accepted: Update = {
      id: randomUUID(),
      taskId,
      runId: task.runId,
      roundNumber: task.roundNumber,
      siteId,
      sha256,
      bytes: bytes.length,
      sampleCount: message.sampleCount,
      metrics: message.metrics,
      l2Norm: null,
      clipFactor: 1,
      status: 'accepted',
      reason: null,
      receivedAt: receivedAt.toISOString(),
      auditSeq: null,
    };
    const recorded = await this.repos.transaction(async (tx) => {
      if (!(await tx.updates.saveAccepted(accepted, receivedAt.toISOString()))) return false;
      const spend = run.spec.privacy ? await privacySpent(tx, run.spec, accepted) : undefined;
      const event = auditEvent(accepted, spend);
      const appended = await tx.audit.append(
        { ...event, payload: { ...event.payload, secureAggregation: { words: input.masked.length, complaints: input.complaints.map((c) => c.accused) } } },
        receivedAt.toISOString(),
      );
      await tx.updates.setAuditSeq(accepted.id, appended.seq);
      return true;
    });
    if (!recorded) return;
    this.metrics.updates.inc({ outcome: 'accepted', reason: 'none' });
    this.logger.log(`masked update ${accepted.id} from ${siteId} accepted for run ${task.runId} round ${task.roundNumber}`, {
      runId: task.runId,
      round: task.roundNumber,
      siteId,
      taskId,
    });
    this.engine.notify(task.roundId);
  }

  /**
   * Metrics from an evaluate-only task, recorded like an update that carries
   * no tensors; with the site's own tensors of a cross-site run (FedBN), its
   * personalised model too, in the same transaction. Tensors that do not fit
   * are refused with the reason, and the metrics still recorded.
   */
  async recordEvaluation(siteId: string, taskId: string, sampleCount: number, metrics: Record<string, number>, localTensors?: Uint8Array): Promise<void> {
    const task = await this.repos.tasks.get(taskId);
    if (!task) {
      this.logger.warn(`evaluation from ${siteId} names unknown task ${taskId}; ignored`, { siteId, taskId });
      return;
    }
    const now = this.clock.now();
    const round = await this.repos.rounds.get(task.roundId);
    const refused = judgeTask(siteId, { taskId, runId: task.runId, round: task.roundNumber }, task, round, now.getTime(), 'evaluate');
    if (refused || !round) {
      this.logger.warn(`evaluation from ${siteId} for task ${taskId} ignored: ${refused}`, { runId: task.runId, round: task.roundNumber, siteId, taskId });
      return;
    }
    try {
      const personalised = localTensors ? await this.personalisedModel(siteId, task, round, localTensors) : null;
      const evaluation: Update = {
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
        clipFactor: 1,
        status: 'accepted',
        reason: null,
        receivedAt: now.toISOString(),
        auditSeq: null,
      };
      const saved = await this.repos.transaction(async (tx) => {
        if (!(await tx.updates.saveAccepted(evaluation, now.toISOString()))) return false;
        await tx.audit.append({ ...auditEvent(evaluation), action: 'evaluation.received' }, now.toISOString());
        if (personalised) {
          await tx.initialModels.save({ ...personalised, createdAt: now.toISOString() });
          await tx.audit.append(
            {
              actor: `site:${siteId}`,
              action: 'model.personalised',
              subjects: { runId: task.runId, siteId, taskId, initialModelId: personalised.id },
              payload: { sha256: personalised.sha256, baseVersionId: personalised.baseVersionId, name: personalised.name },
            },
            now.toISOString(),
          );
        }
        return true;
      });
      if (saved) this.engine.notify(round.id);
    } catch (error) {
      this.logger.warn(`evaluation from ${siteId} for task ${taskId} ignored: ${describeError(error)}`, {
        runId: task.runId,
        round: task.roundNumber,
        siteId,
        taskId,
      });
    }
  }

  /**
   * The personalised model a site's kept tensors make of the round's model,
   * its weights in the blob store (content-addressed, so a rolled-back
   * transaction leaves only an unreferenced file); null, logged with the
   * reason, when the run did not ask for them or they do not fit.
   */
  private async personalisedModel(siteId: string, task: Task, round: Round, container: Uint8Array): Promise<Omit<InitialModel, 'createdAt'> | null> {
    const run = (await this.repos.runs.get(task.runId))!;
    const refuse = (reason: string): null => {
      this.logger.warn(`local tensors from ${siteId} for task ${task.id} refused (its evaluation is kept): ${reason}`, {
        runId: task.runId,
        round: task.roundNumber,
        siteId,
        taskId: task.id,
      });
      return null;
    };
    if (!sharesLocalTensors(run, round)) return refuse('the task did not ask for them: only the closing evaluation of a FedBN run with crossSite does');
    const layout = await this.catalog.layoutOf(run.id, run.spec.model);
    const base = await this.catalog.get(round.baseModelVersionId);
    const kept = keptLayout(layout, task.instructions?.sharedTensors ?? [], run.spec);
    const made = personalise(await this.catalog.weights(base), container, kept);
    if (!made.ok) return refuse(made.reason);
    const weights = encodeTensors(made.weights, 'float32');
    return {
      id: randomUUID(),
      name: `${run.name}: ${siteId}'s model`.slice(0, 200),
      origin: `the personalised model of site ${siteId} in run ${run.id}: version ${base.id} (round ${base.round}) with the site's own ${kept.length} unshared tensors`,
      sha256: await this.blobs.put(weights),
      bytes: weights.length,
      topology: run.spec.model as unknown as Record<string, unknown>,
      parameters: made.weights.reduce((n, t) => n + t.values.length, 0),
      createdBy: `site:${siteId}`,
      runId: run.id,
      siteId,
      baseVersionId: base.id,
    };
  }

  /** A site reports that it cannot do a task (bad data, policy, crash); the round stops waiting for it. */
  async recordFailure(siteId: string, taskId: string, reason: string): Promise<void> {
    const task = await this.repos.tasks.get(taskId);
    if (!task || task.siteId !== siteId) return;
    const failed = await this.repos.transaction(async (tx) => {
      if (!(await tx.tasks.transition(taskId, 'sent', { status: 'failed', finishedAt: this.clock.iso(), reason: `site reported: ${reason}` }))) return false;
      await tx.audit.append(
        { actor: `site:${siteId}`, action: 'task.failed', subjects: { runId: task.runId, siteId, taskId }, payload: { round: task.roundNumber, reason } },
        this.clock.iso(),
      );
      return true;
    });
    if (failed) {
      this.logger.warn(`site ${siteId} failed task ${taskId}: ${reason}`, { runId: task.runId, round: task.roundNumber, siteId, taskId });
      this.engine.notify(task.roundId);
    }
  }
}

/**
 * What an accepted update of a differentially private run spent, for its audit event: this round's ε and the
 * site's total in the run so far at the spec's δ, counted as the site's ledger counts it (DP-SGD's sampling rate
 * from the training samples the update reports, k-guarded, so approximate where the ledger is exact).
 */
async function privacySpent(tx: Repositories, spec: RunSpec, update: Update): Promise<Record<string, unknown>> {
  const spend = roundSpend(spec, update.sampleCount);
  const delta = spec.privacy?.delta ?? 1e-5;
  const rounds = (await tx.updates.forRun(update.runId)).filter((u) => u.siteId === update.siteId && u.status === 'accepted').length;
  return {
    level: spec.privacy?.level ?? 'site',
    ...spend,
    delta,
    roundEpsilon: finiteOrNull(roundsEpsilon([{ ...spend, rounds: 1 }], delta)),
    rounds,
    spentEpsilon: finiteOrNull(roundsEpsilon([{ ...spend, rounds }], delta)),
  };
}

/** The audit event for a submission, accepted or rejected: what arrived, from whom, and the verdict (and for a private run, its spend). */
function auditEvent(update: Update, privacy?: Record<string, unknown>): AuditEventInput {
  return {
    actor: `site:${update.siteId}`,
    action: update.status === 'accepted' ? 'update.accepted' : 'update.rejected',
    subjects: { runId: update.runId, siteId: update.siteId, taskId: update.taskId, updateId: update.id },
    payload: {
      round: update.roundNumber,
      sha256: update.sha256,
      bytes: update.bytes,
      sampleCount: update.sampleCount,
      l2Norm: update.l2Norm,
      clipFactor: update.clipFactor,
      metrics: update.metrics,
      reason: update.reason,
      ...(privacy ? { privacy } : {}),
    },
  };
}

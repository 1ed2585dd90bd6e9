import type { AuditActor } from '../domain/audit-chain.js';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ConsiliumError, describeError } from '../../common/errors.js';
import { quorumOf } from '../../common/run-spec.schema.js';
import { decodeTensors, encodeTensors } from '../../common/tensor-codec.js';
import { strategyFor } from '../domain/strategies/index.js';
import { AggregationRefused } from '../domain/strategies/strategy.js';
import { sharedLayout } from '../domain/update-validation.js';
import { gateFailures } from '../domain/quality-gate.js';
import { selectSites, sitesFailingInARow } from '../domain/round-policy.js';
import { storedUpdate } from './stored-update.js';
import { poolFeatureStatistics, runPreprocessing } from '../domain/feature-scaling.js';
import { weightedMetrics } from '../domain/round-metrics.js';
import type { TaskOrder } from '../../common/task-order.js';
import { RunOffers } from './run-offers.js';
import type { BlobStore } from '../persistence/storage.port.js';
import type { RoundEntity, RoundKind, RunEntity, RunStatus, TaskEntity } from '../persistence/entities/index.js';
import type { AuditLog } from './audit-log.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { Clock } from './clock.js';
import type { ServiceLogger } from './logger.js';
import type { ModelCatalog } from './model-catalog.js';
import type { SiteSessions } from './site-sessions.js';

/** A run that cannot go on; its message is shown to the researcher as the run's error. */
class RunFailure extends Error {}

/**
 * Drives each run through its rounds. All state lives in the database (runs,
 * rounds, tasks, updates), so a restarted coordinator calls resume() and each
 * run continues from its last persisted step; the engine keeps only wake-up
 * signals in memory.
 *
 *   pending → [open round r → collect updates → aggregate] × rounds → evaluate → completed
 */
export class RoundEngine {
  private readonly drivers = new Map<string, Promise<void>>();
  private readonly signals = new EventEmitter();
  private stopping = false;

  constructor(
    private readonly repos: Repositories,
    private readonly catalog: ModelCatalog,
    private readonly blobs: BlobStore,
    private readonly sessions: SiteSessions,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
    private readonly audit: AuditLog,
    private readonly offers = new RunOffers(repos, sessions),
  ) {
    this.signals.setMaxListeners(0);
    sessions.events.on('online', (siteId: string) => {
      this.signals.emit('sites');
      void this.offers.toSite(siteId)
        .then(() => this.resendOpenTasks(siteId))
        .catch((error) => this.logger.error(`re-sending offers and tasks to ${siteId}: ${describeError(error)}`));
    });
    // A site approved, refused or revoked a run: a round waiting for sites looks again.
    sessions.events.on('consent', () => this.signals.emit('sites'));
  }

  /** Wakes whoever waits on this round: an update arrived or a task failed. */
  notify(roundId: string): void {
    this.signals.emit(roundId);
  }

  start(runId: string): void {
    if (this.drivers.has(runId) || this.stopping) return;
    const driver = this.drive(runId)
      .catch((error: unknown) => this.fail(runId, error))
      .finally(() => this.drivers.delete(runId));
    this.drivers.set(runId, driver);
  }

  async resume(): Promise<void> {
    for (const run of await this.repos.runs.withStatus(['pending', 'running'])) {
      this.logger.log(`resuming run ${run.id} (${run.name}) after ${run.completedRounds} completed rounds`);
      this.start(run.id);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signals.emit('stop');
    await Promise.allSettled([...this.drivers.values()]);
  }

  private async drive(runId: string): Promise<void> {
    while (!this.stopping) {
      const run = await this.repos.runs.get(runId);
      if (!run || run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled') return;
      if (run.status === 'pending') {
        await this.setStatus(runId, 'running', 'run.started', {});
        this.offers.toOnlineSites({ ...run, status: 'running' });
      }
      const rounds = await this.repos.rounds.forRun(runId);
      const open = rounds.find((r) => r.status === 'collecting');
      if (open) {
        await this.collect(run, open);
      } else if (run.completedRounds < run.spec.rounds) {
        await this.open(run, run.completedRounds + 1, 'train');
      } else if (!rounds.some((r) => r.kind === 'evaluate')) {
        await this.open(run, run.spec.rounds + 1, 'evaluate');
      } else {
        await this.setStatus(runId, 'completed', 'run.completed', { rounds: run.spec.rounds, latestModelVersionId: run.latestModelVersionId });
        this.offers.toOnlineSites({ ...run, status: 'completed' });
        await this.audit.checkpoint(`run ${runId} completed`);
        this.logger.log(`run ${runId} completed after ${run.spec.rounds} rounds`);
        return;
      }
    }
  }

  private async open(run: RunEntity, number: number, kind: RoundKind): Promise<void> {
    const spec = run.spec;
    const quorum = quorumOf(spec);
    const needed = Math.max(quorum, spec.roundPolicy.minSitesToStart ?? quorum);
    const eligible = (): Promise<string[]> => this.eligibleSites(run);
    const waitUntil = this.clock.now().getTime() + spec.siteWaitSeconds * 1000;
    let ready = await eligible();
    while (ready.length < needed && !this.stopping) {
      const left = waitUntil - this.clock.now().getTime();
      const consents = await this.repos.consents.forRun(run.id);
      const refused = consents.filter((c) => c.state === 'refused' || c.state === 'revoked');
      // Sites that refused by policy will not change their minds by waiting: fail now when the quorum is out of reach.
      const reachable = spec.sites ? spec.sites.length - refused.length : Infinity;
      if (left <= 0 || reachable < needed) {
        const excluded = (await this.repos.runs.get(run.id))?.exclusions ?? [];
        const unwilling = consents.filter((c) => c.state !== 'approved');
        throw new RunFailure(
          `round ${number}: ${ready.length} of the ${needed} sites needed were online, passed the quality gate and approved the run` +
            (left <= 0 ? ` after waiting ${spec.siteWaitSeconds} s` : '') +
            ` (online: ${this.sessions.online().join(', ') || 'none'}` +
            (excluded.length ? `; left out: ${excluded.map((e) => `${e.siteId} (${e.reason})`).join('; ')}` : '') +
            (unwilling.length ? `; sites: ${unwilling.map((c) => `${c.siteId} ${c.state}${c.reason ? ` (${c.reason})` : ''}`).join('; ')}` : '') +
            '); start the site agents, ask the sites to approve the spec, or lower minSites',
        );
      }
      await this.waitFor('sites', left);
      if (await this.isCancelled(run.id)) return;
      ready = await eligible();
    }
    if (this.stopping || (await this.isCancelled(run.id))) return;

    // The strategy picks the sites and what each is told; the tasks record it, so a resend or an audit sees the same.
    const layout = await this.catalog.layoutOf(run.id, spec.model);
    // Training rounds ask the round policy's pick; the final evaluation asks every ready site.
    const { roundPolicy } = spec;
    const selection = kind === 'evaluate' ? { selected: ready, target: ready.length } : selectSites(ready, { quorum, minSitesToStart: needed, fraction: roundPolicy.fraction, overSelection: roundPolicy.overSelection }, spec.seed, number);
    const plan = strategyFor(spec.strategy).configureRound(number, selection.selected, layout);
    const selected = plan.sites.map((s) => s.siteId);
    // Fixed once, from the sites of the first round that opens: every later round standardizes the same way.
    const scaling = spec.preprocessing.standardize === 'federated' && !run.featureScaling ? poolFeatureStatistics(await Promise.all(selected.map(async (siteId) => ({ siteId, profile: (await this.repos.profiles.latest(siteId))?.profile ?? null })))) : null;
    if (scaling) run = { ...run, featureScaling: scaling };
    const now = this.clock.now();
    const { round, tasks } = await this.repos.transaction(async (tx) => {
      if (scaling) {
        await tx.runs.update(run.id, { featureScaling: scaling });
        await tx.audit.append({ actor: 'system', action: 'run.feature-scaling', subjects: { runId: run.id }, payload: { ...scaling } }, now.toISOString());
      }
      const round = await tx.rounds.save({
        id: randomUUID(),
        runId: run.id,
        number,
        kind,
        status: 'collecting',
        baseModelVersionId: run.latestModelVersionId!,
        resultModelVersionId: null,
        quorum,
        target: selection.target,
        startedAt: now.toISOString(),
        deadlineAt: new Date(now.getTime() + spec.roundDeadlineSeconds * 1000).toISOString(),
        completedAt: null,
        metrics: null,
        error: null,
      });
      const tasks: TaskEntity[] = plan.sites.map(({ siteId, proximalMu, hyperParameters }) => ({
        id: randomUUID(),
        runId: run.id,
        roundId: round.id,
        roundNumber: number,
        siteId,
        status: 'sent',
        sentAt: now.toISOString(),
        finishedAt: null,
        reason: null,
        instructions: { proximalMu, hyperParameters, sharedTensors: plan.sharedTensors },
      }));
      await tx.tasks.saveMany(tasks);
      await tx.audit.append(
        { actor: 'system', action: 'round.opened', subjects: { runId: run.id, roundId: round.id }, payload: { round: number, kind, baseModelVersionId: round.baseModelVersionId, tasks: tasks.map((t) => ({ taskId: t.id, siteId: t.siteId, instructions: t.instructions })) } },
        now.toISOString(),
      );
      return { round, tasks };
    });
    const base = await this.catalog.get(round.baseModelVersionId);
    for (const task of tasks) this.sessions.send(task.siteId, this.orderFor(run, round, task, base.sha256, base.bytes));
    this.logger.log(`run ${run.id}: round ${number} (${kind}) sent to ${selected.join(', ')}`);
  }

  private async collect(run: RunEntity, round: RoundEntity): Promise<void> {
    const deadline = new Date(round.deadlineAt).getTime();
    for (;;) {
      const tasks = await this.repos.tasks.forRound(round.id);
      const pending = tasks.filter((t) => t.status === 'sent');
      const left = deadline - this.clock.now().getTime();
      const accepted = tasks.filter((t) => t.status === 'accepted').length;
      if (pending.length > 0 && round.target !== null && accepted >= round.target) {
        await this.cancelTasks(run.id, pending, `round ${round.number} has the ${round.target} updates it waits for`);
        break;
      }
      if (pending.length === 0 || left <= 0) break;
      await this.waitFor(round.id, left);
      if (this.stopping || (await this.isCancelled(run.id))) return;
    }
    for (const task of await this.repos.tasks.forRound(round.id)) {
      if (task.status === 'sent') {
        await this.repos.transaction(async (tx) => {
          if (!(await tx.tasks.transition(task.id, 'sent', { status: 'expired', finishedAt: this.clock.iso(), reason: 'no update before the round deadline' }))) return;
          await tx.audit.append({ actor: 'system', action: 'task.expired', subjects: { runId: run.id, siteId: task.siteId, taskId: task.id }, payload: { round: round.number } }, this.clock.iso());
        });
      }
    }
    const tasks = await this.repos.tasks.forRound(round.id);
    const accepted = await this.repos.updates.acceptedForRound(run.id, round.number);
    if (accepted.length < round.quorum) {
      const failures = tasks.filter((t) => t.status !== 'accepted').map((t) => `${t.siteId}: ${t.reason ?? t.status}`);
      const message = `round ${round.number}: ${accepted.length} accepted updates, ${round.quorum} needed (${failures.join('; ')})`;
      await this.repos.rounds.update(round.id, { status: 'failed', completedAt: this.clock.iso(), error: message });
      throw new RunFailure(message);
    }
    const metrics = weightedMetrics(accepted);
    const base = await this.catalog.get(round.baseModelVersionId);
    // Sites evaluate the model they receive before training on it, so a
    // round's validation metrics describe its base model.
    await this.repos.models.update(base.id, { evaluation: pickEvaluation(metrics) });

    if (round.kind === 'evaluate') {
      await this.repos.rounds.update(round.id, { status: 'completed', completedAt: this.clock.iso(), metrics });
      return;
    }
    const layout = await this.catalog.layoutOf(run.id, run.spec.model);
    const shared = sharedLayout(layout, tasks[0]?.instructions ?? null);
    const { maxNorm, onExceed } = run.spec.updateChecks;
    // Clipping scales an update down to the bound when it is read; the stored bytes stay as the site sent them.
    const clipScale = (norm: number | null): number => (maxNorm !== undefined && onExceed === 'clip' && norm !== null && norm > maxNorm ? maxNorm / norm : 1);
    const strategy = strategyFor(run.spec.strategy);
    const previousState = base.strategyStateSha256 ? decodeTensors(await this.blobs.get(base.strategyStateSha256)) : null;
    const updates = accepted.map((u) => storedUpdate(this.blobs, u, clipScale(u.l2Norm)));
    let result;
    try {
      result = await strategy.aggregate({
        round: round.number,
        global: await this.catalog.weights(base),
        shared,
        updates,
        failures: tasks.filter((t) => t.status !== 'accepted').map((t) => ({ siteId: t.siteId, reason: t.reason ?? t.status })),
        state: previousState,
      });
    } catch (error) {
      if (!(error instanceof AggregationRefused)) throw error;
      const message = `round ${round.number}: ${error.message}`;
      await this.repos.rounds.update(round.id, { status: 'failed', completedAt: this.clock.iso(), error: message });
      throw new RunFailure(message);
    } finally {
      for (const update of updates) update.close();
    }
    const stateSha256 = result.state ? await this.blobs.put(encodeTensors(result.state, 'float32')) : null;
    const used = new Set(result.used);
    // The new version, its audit event and the round's closing commit together: a crash leaves the round open to redo.
    const version = await this.repos.transaction(async (tx) => {
      const stored = await this.catalog.storeOnce(
        run.id,
        round.number,
        base.id,
        result.weights,
        accepted.filter((u) => used.has(u.siteId)).map((u) => ({ updateId: u.id, siteId: u.siteId, sha256: u.sha256, sampleCount: u.sampleCount })),
        { strategyStateSha256: stateSha256, aggregation: { strategy: strategy.name, used: result.used, excluded: result.excluded } },
        tx,
      );
      await tx.rounds.update(round.id, { status: 'completed', completedAt: this.clock.iso(), metrics, resultModelVersionId: stored.id });
      await tx.runs.update(run.id, { completedRounds: round.number, latestModelVersionId: stored.id, updatedAt: this.clock.iso() });
      return stored;
    });
    this.logger.log(
      `run ${run.id}: round ${round.number} aggregated ${result.used.length} of ${accepted.length} updates with ${strategy.name} into model ${version.id}`,
    );
  }

  /**
   * Sites that may take part in a round now: listed (or any), online, and
   * passing the run's quality gate on their latest data profile. A site the
   * gate refuses is recorded in the run's exclusions with the reasons.
   */
  private async eligibleSites(run: RunEntity): Promise<string[]> {
    const { spec } = run;
    // Sites that failed their last rounds in a row are left out of the run, with the reason on record.
    const failing = sitesFailingInARow(await this.repos.tasks.forRun(run.id), spec.roundPolicy.maxConsecutiveFailures);
    for (const [siteId, streak] of failing) {
      await this.recordExclusion(run.id, siteId, `failed or missed its last ${streak} rounds (roundPolicy.maxConsecutiveFailures: ${spec.roundPolicy.maxConsecutiveFailures})`);
    }
    const online = (spec.sites ?? this.sessions.online()).filter((id) => this.sessions.isOnline(id) && !failing.has(id));
    // Consent is to this exact spec: an approval of another hash does not count.
    const approved = new Set((await this.repos.consents.forRun(run.id)).filter((c) => c.state === 'approved' && c.specSha256 === run.specSha256).map((c) => c.siteId));
    // The gate judges every online site, consenting or not, so its exclusions are on record before anyone trains.
    const passing: string[] = [];
    for (const siteId of online) {
      const reasons = spec.qualityGate ? gateFailures((await this.repos.profiles.latest(siteId))?.profile ?? null, spec.qualityGate) : [];
      if (reasons.length === 0) passing.push(siteId);
      else await this.recordExclusion(run.id, siteId, reasons.join('; '));
    }
    return passing.filter((siteId) => approved.has(siteId));
  }

  private async recordExclusion(runId: string, siteId: string, reason: string): Promise<void> {
    const exclusions = (await this.repos.runs.get(runId))?.exclusions ?? [];
    if (exclusions.some((e) => e.siteId === siteId && e.reason === reason)) return;
    await this.repos.transaction(async (tx) => {
      await tx.runs.update(runId, { exclusions: [...exclusions, { siteId, reason, at: this.clock.iso() }] });
      await tx.audit.append({ actor: 'system', action: 'site.excluded', subjects: { runId, siteId }, payload: { reason } }, this.clock.iso());
    });
    this.logger.warn(`run ${runId}: site ${siteId} left out: ${reason}`);
  }

  /** A run's status change and its audit event, in one transaction. */
  private async setStatus(runId: string, status: RunStatus, action: string, payload: Record<string, unknown>, patch: Partial<RunEntity> = {}): Promise<void> {
    await this.repos.transaction(async (tx) => {
      await tx.runs.update(runId, { ...patch, status, updatedAt: this.clock.iso() });
      await tx.audit.append({ actor: 'system', action, subjects: { runId }, payload }, this.clock.iso());
    });
  }

  private orderFor(run: RunEntity, round: RoundEntity, task: TaskEntity, modelSha256: string, modelBytes: number): TaskOrder {
    const spec = run.spec;
    return {
      taskId: task.id,
      runId: run.id,
      round: round.number,
      modelVersionId: round.baseModelVersionId,
      modelSha256,
      modelBytes,
      modelTopologyJson: JSON.stringify(spec.model),
      classes: spec.classes,
      localEpochs: task.instructions?.hyperParameters.localEpochs ?? spec.localEpochs,
      batchSize: task.instructions?.hyperParameters.batchSize ?? spec.batchSize,
      optimizer: spec.optimizer.name,
      learningRate: task.instructions?.hyperParameters.learningRate ?? spec.optimizer.learningRate,
      loss: spec.loss,
      deadlineUnixMs: new Date(round.deadlineAt).getTime(),
      updateEncoding: spec.updateEncoding,
      seed: (spec.seed + round.number * 7919) >>> 0,
      evaluateOnly: round.kind === 'evaluate',
      proximalMu: task.instructions?.proximalMu ?? 0,
      sharedTensors: task.instructions?.sharedTensors ?? [],
      preprocessing: runPreprocessing(run),
      runSpecSha256: run.specSha256,
    };
  }

  /** Over-selected stragglers once the round has its updates: their tasks end, and their sites are told to drop them. */
  private async cancelTasks(runId: string, tasks: TaskEntity[], reason: string): Promise<void> {
    const now = this.clock.iso();
    await this.repos.transaction(async (tx) => {
      for (const task of tasks) {
        if (await tx.tasks.transition(task.id, 'sent', { status: 'cancelled', finishedAt: now, reason })) {
          await tx.audit.append({ actor: 'system', action: 'task.cancelled', subjects: { runId, siteId: task.siteId, taskId: task.id }, payload: { round: task.roundNumber, reason } }, now);
        }
      }
    });
    for (const task of tasks) this.sessions.cancel(task.siteId, task.id, reason);
  }

  private async isCancelled(runId: string): Promise<boolean> {
    return (await this.repos.runs.get(runId))?.status === 'cancelled';
  }

  /**
   * Stops a pending or running run: its open round and tasks are cancelled,
   * sites are told to drop their tasks, and the driver returns at its next wake-up.
   */
  async cancel(runId: string, actor: AuditActor): Promise<RunEntity> {
    const run = await this.repos.runs.get(runId);
    if (!run) throw new ConsiliumError('NOT_FOUND', `run ${runId} does not exist`);
    if (run.status !== 'pending' && run.status !== 'running') {
      throw new ConsiliumError('FAILED_PRECONDITION', `run ${runId} is ${run.status}; only pending or running runs can be cancelled`);
    }
    const now = this.clock.iso();
    const open = (await this.repos.rounds.forRun(runId)).find((r) => r.status === 'collecting');
    const tasks = open ? (await this.repos.tasks.forRound(open.id)).filter((t) => t.status === 'sent') : [];
    await this.repos.transaction(async (tx) => {
      await tx.runs.update(runId, { status: 'cancelled', updatedAt: now, error: `cancelled by ${actor}` });
      if (open) await tx.rounds.update(open.id, { status: 'cancelled', completedAt: now, error: 'run cancelled' });
      for (const task of tasks) await tx.tasks.transition(task.id, 'sent', { status: 'cancelled', finishedAt: now, reason: 'run cancelled' });
      await tx.audit.append({ actor, action: 'run.cancelled', subjects: { runId }, payload: { round: open?.number ?? null, tasks: tasks.map((t) => t.id) } }, now);
    });
    for (const task of tasks) this.sessions.cancel(task.siteId, task.id, `run ${runId} was cancelled by ${actor}`);
    const cancelled = { ...run, status: 'cancelled' as const };
    this.offers.toOnlineSites(cancelled);
    this.signals.emit('sites');
    if (open) this.signals.emit(open.id);
    await this.audit.checkpoint(`run ${runId} cancelled`);
    return cancelled;
  }

  /** A site that reconnects gets again the tasks it still owes, so an agent restart does not stall a round. */
  private async resendOpenTasks(siteId: string): Promise<void> {
    for (const run of await this.repos.runs.withStatus(['running'])) {
      const round = (await this.repos.rounds.forRun(run.id)).find((r) => r.status === 'collecting');
      if (!round) continue;
      const task = (await this.repos.tasks.forRound(round.id)).find((t) => t.siteId === siteId && t.status === 'sent');
      if (!task) continue;
      const base = await this.catalog.get(round.baseModelVersionId);
      this.sessions.send(siteId, this.orderFor(run, round, task, base.sha256, base.bytes));
    }
  }

  private waitFor(signal: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        cancel();
        this.signals.off(signal, done);
        this.signals.off('stop', done);
        resolve();
      };
      const cancel = this.clock.after(ms, done);
      this.signals.once(signal, done);
      this.signals.once('stop', done);
    });
  }

  private async fail(runId: string, error: unknown): Promise<void> {
    const message = error instanceof RunFailure || error instanceof ConsiliumError ? error.message : `internal error: ${describeError(error)}`;
    this.logger.error(`run ${runId} failed: ${message}`);
    try {
      await this.setStatus(runId, 'failed', 'run.failed', { error: message }, { error: message });
      const run = await this.repos.runs.get(runId);
      if (run) this.offers.toOnlineSites(run);
      await this.audit.checkpoint(`run ${runId} failed`);
    } catch (error) {
      this.logger.error(`recording the failure of run ${runId}: ${describeError(error)}`);
    }
  }
}

function pickEvaluation(metrics: Record<string, number>): Record<string, number> {
  const evaluation: Record<string, number> = {};
  for (const [name, value] of Object.entries(metrics)) {
    if (name === 'val_samples' || (name.startsWith('val_') && !name.startsWith('val_local_'))) evaluation[name] = value;
  }
  return evaluation;
}

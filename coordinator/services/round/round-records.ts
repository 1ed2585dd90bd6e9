import type { Clock } from '../../../common/clock.js';
import type { AuditActor } from '../../domain/audit-chain.js';
import type { Round, Run, Task } from '../../domain/records.js';
import type { RoundEffect } from '../../domain/round/round-phase.js';
import type { Repositories } from '../../persistence/repositories/index.js';
import type { CoordinatorMetrics } from '../metrics.js';

type Write = Extract<RoundEffect, { type: 'start-run' | 'expire-tasks' | 'cancel-tasks' | 'fail-round' | 'fail-run' | 'complete-run' }>;
const WRITES = new Set<RoundEffect['type']>(['start-run', 'expire-tasks', 'cancel-tasks', 'fail-round', 'fail-run', 'complete-run']);

/**
 * Every status the round machine writes, each with its audit event, in one
 * transaction per step: a crash leaves either the whole step or none of it,
 * and the driver resumes from what is stored.
 */
export class RoundRecords {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly metrics: CoordinatorMetrics,
    /** Throws, inside the transaction, when this process no longer drives the run (see RoundEngine.fence). */
    private readonly fence: (tx: Repositories, runId: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Commits the writes among a step's effects; the other effects are the driver's to perform. */
  async commit(runId: string, effects: readonly RoundEffect[]): Promise<void> {
    const writes = effects.filter((e): e is Write => WRITES.has(e.type));
    if (writes.length === 0) return;
    const now = this.clock.iso();
    const failedRounds: Round[] = [];
    await this.repos.transaction(async (tx) => {
      await this.fence(tx, runId);
      for (const write of writes) await this.write(tx, runId, write, now, failedRounds);
    });
    for (const round of failedRounds) this.metrics.roundClosed(round.kind, 'failed', round.startedAt, new Date(now));
  }

  /** `failedRounds`: where a failed round is put, to be counted once the transaction commits. */
  private async write(tx: Repositories, runId: string, write: Write, now: string, failedRounds: Round[]): Promise<void> {
    const event = (action: string, payload: Record<string, unknown>, subjects: Record<string, string> = {}): Promise<unknown> =>
      tx.audit.append({ actor: 'system', action, subjects: { runId, ...subjects }, payload }, now);
    switch (write.type) {
      case 'start-run':
        await tx.runs.update(runId, { status: 'running', updatedAt: now });
        await event('run.started', {});
        return;
      case 'expire-tasks':
      case 'cancel-tasks': {
        const [status, action] = write.type === 'expire-tasks' ? (['expired', 'task.expired'] as const) : (['cancelled', 'task.cancelled'] as const);
        for (const id of write.taskIds) {
          const task = await tx.tasks.get(id);
          // A task answered between the look and this write keeps its answer, and no event is written for it.
          if (!task || !(await tx.tasks.transition(id, 'sent', { status, finishedAt: now, reason: write.reason }))) continue;
          await event(action, write.type === 'expire-tasks' ? { round: task.roundNumber } : { round: task.roundNumber, reason: write.reason }, {
            siteId: task.siteId,
            taskId: id,
          });
        }
        return;
      }
      case 'fail-round': {
        const round = await tx.rounds.get(write.roundId);
        await tx.rounds.update(write.roundId, { status: 'failed', completedAt: now, error: write.error });
        if (round) failedRounds.push(round);
        return;
      }
      case 'fail-run':
        await tx.runs.update(runId, { status: 'failed', updatedAt: now, error: write.error });
        await event('run.failed', { error: write.error });
        return;
      case 'complete-run': {
        const run = await tx.runs.get(runId);
        await tx.runs.update(runId, { status: 'completed', updatedAt: now });
        await event('run.completed', {
          rounds: run?.completedRounds,
          plannedRounds: run?.spec.rounds,
          latestModelVersionId: run?.latestModelVersionId,
          ...(run?.selection ? { bestModelVersionId: run.selection.modelVersionId } : {}),
          ...(run?.stoppedEarly ? { stoppedEarly: run.stoppedEarly.reason } : {}),
        });
        return;
      }
    }
  }

  /** A new round and its tasks, as the strategy planned them, with the `round.opened` event. */
  async openRound(
    tx: Repositories,
    round: Omit<Round, 'status' | 'resultModelVersionId' | 'completedAt' | 'metrics' | 'error'>,
    tasks: Omit<Task, 'status' | 'finishedAt' | 'reason'>[],
  ): Promise<{ round: Round; tasks: Task[] }> {
    await this.fence(tx, round.runId);
    const opened = await tx.rounds.save({ ...round, status: 'collecting', resultModelVersionId: null, completedAt: null, metrics: null, error: null });
    const sent: Task[] = tasks.map((t) => ({ ...t, status: 'sent', finishedAt: null, reason: null }));
    await tx.tasks.saveMany(sent);
    await tx.audit.append(
      {
        actor: 'system',
        action: 'round.opened',
        subjects: { runId: round.runId, roundId: round.id },
        payload: {
          round: round.number,
          kind: round.kind,
          baseModelVersionId: round.baseModelVersionId,
          tasks: sent.map((t) => ({ taskId: t.id, siteId: t.siteId, instructions: t.instructions })),
        },
      },
      round.startedAt,
    );
    return { round: opened, tasks: sent };
  }

  /** Closes a round with its metrics; a training round also moves the run on to its new model version. */
  async completeRound(tx: Repositories, round: Round, metrics: Record<string, number>, result: { modelVersionId: string } | null): Promise<void> {
    await this.fence(tx, round.runId);
    const now = this.clock.iso();
    await tx.rounds.update(round.id, { status: 'completed', completedAt: now, metrics, ...(result ? { resultModelVersionId: result.modelVersionId } : {}) });
    if (result) await tx.runs.update(round.runId, { completedRounds: round.number, latestModelVersionId: result.modelVersionId, updatedAt: now });
  }

  /** A researcher stops a run: the run, its open round and the round's unanswered tasks are cancelled together. */
  async cancelRun(run: Run, open: Round | null, tasks: readonly Task[], actor: AuditActor): Promise<void> {
    const now = this.clock.iso();
    await this.repos.transaction(async (tx) => {
      await tx.runs.update(run.id, { status: 'cancelled', updatedAt: now, error: `cancelled by ${actor}` });
      if (open) await tx.rounds.update(open.id, { status: 'cancelled', completedAt: now, error: 'run cancelled' });
      for (const task of tasks) await tx.tasks.transition(task.id, 'sent', { status: 'cancelled', finishedAt: now, reason: 'run cancelled' });
      await tx.audit.append(
        { actor, action: 'run.cancelled', subjects: { runId: run.id }, payload: { round: open?.number ?? null, tasks: tasks.map((t) => t.id) } },
        now,
      );
    });
    if (open) this.metrics.roundClosed(open.kind, 'cancelled', open.startedAt, new Date(now));
  }

  /** A site left out of a run, once per reason, on record. */
  async exclude(runId: string, siteId: string, reason: string): Promise<boolean> {
    const exclusions = (await this.repos.runs.get(runId))?.exclusions ?? [];
    if (exclusions.some((e) => e.siteId === siteId && e.reason === reason)) return false;
    const now = this.clock.iso();
    await this.repos.transaction(async (tx) => {
      await tx.runs.update(runId, { exclusions: [...exclusions, { siteId, reason, at: now }] });
      await tx.audit.append({ actor: 'system', action: 'site.excluded', subjects: { runId, siteId }, payload: { reason } }, now);
    });
    return true;
  }
}

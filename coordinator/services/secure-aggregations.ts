import type { Cancel, Clock } from '../../common/clock.js';
import { ConsiliumError, describeError } from '../../common/errors.js';
import { fixedPointFor } from '../../common/secure-aggregation/fixed-point.js';
import type { MaskedInput } from '../../common/secure-aggregation/secagg-messages.js';
import type { SecAggUpMessage } from '../../common/secure-aggregation/secagg-wire.js';
import { clippingRangeOf, weightedMean } from '../../common/secure-aggregation/weighted-input.js';
import type { SecureAggregationOrder } from '../../common/task-order.js';
import type { Round, Run, Task } from '../domain/records.js';
import { SecAggRound } from '../domain/secure-aggregation/secagg-round.js';
import { flatLength } from '../domain/strategies/flat-vector.js';
import { AggregationRefused } from '../domain/strategies/strategy.js';
import { sharedLayout } from '../domain/update-validation.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { ServiceLogger } from './logger.js';
import type { ModelCatalog } from './model-catalog.js';
import type { SiteSessions } from './site-sessions.js';

/** One round's protocol in progress: the pure machine, the tasks it serves, and the timer of its current phase. */
interface OpenAggregation {
  run: Run;
  roundId: string;
  roundNumber: number;
  order: SecureAggregationOrder;
  protocol: SecAggRound;
  /** Each taking part site's task. */
  tasks: Map<string, string>;
  timer: Cancel | null;
  /** Wakes the unmasking when the last survivor answered. */
  revealed: (() => void) | null;
}

/**
 * Secure aggregation for the rounds of runs that ask for it: the explicit
 * phases of SecAgg+ (advertise keys → share keys → collect masked → unmask)
 * over the sites' streams, each phase closed when every awaited site
 * answered or its `phaseSeconds` passed, each close on record in the audit
 * trail. A site that misses a phase, or is caught lying, has its task failed
 * with the reason, so the round machine does not wait for it. The protocol's
 * state lives in memory, as the sites' secrets do: a coordinator restarted
 * during a secure round cannot unmask it, and the round fails with that
 * reason.
 */
export class SecureAggregations {
  private readonly open = new Map<string, OpenAggregation>();

  constructor(
    private readonly repos: Repositories,
    private readonly catalog: ModelCatalog,
    private readonly sessions: SiteSessions,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
    private readonly notify: (roundId: string) => void,
  ) {}

  /** The settings a task of this round carries, the protocol opened with the round's first orders; null for a plain round. */
  async orderFor(run: Run, round: Round): Promise<SecureAggregationOrder | null> {
    const secure = run.spec.secureAggregation;
    if (!secure || round.kind !== 'train') return null;
    const existing = this.open.get(round.id);
    if (existing) return existing.order;
    const tasks = await this.repos.tasks.forRound(round.id);
    const layout = sharedLayout(await this.catalog.layoutOf(run.id, run.spec.model), tasks[0]?.instructions ?? null);
    const n = tasks.length;
    const degree = secure.neighbours ?? null;
    const holders = degree === null || degree >= n - 1 ? n : degree + 1;
    const order: SecureAggregationOrder = {
      roundId: round.id,
      threshold: secure.threshold,
      // Asked for more shares than a neighbourhood holds, the protocol fails with the reason rather than weakening.
      reconstruction: secure.reconstruction ?? Math.max(2, Math.floor(holders / 2) + 1),
      vectorLength: flatLength(layout) + 1,
      fixedPoint: fixedPointFor(n, clippingRangeOf(run.spec)),
      maxWeight: secure.maxWeight,
      phaseSeconds: secure.phaseSeconds,
    };
    const entry: OpenAggregation = {
      run,
      roundId: round.id,
      roundNumber: round.number,
      order,
      protocol: new SecAggRound(
        order,
        tasks.map((t) => t.siteId),
        degree,
      ),
      tasks: new Map(tasks.map((t) => [t.siteId, t.id])),
      timer: null,
      revealed: null,
    };
    this.open.set(round.id, entry);
    this.startTimer(entry);
    return order;
  }

  /**
   * A site's protocol message. A message the protocol refuses (out of phase,
   * malformed, from a site caught lying) fails the site's task with the
   * reason; the stream stays open. Returns the masked input to record, once
   * the protocol accepted it.
   */
  async receive(siteId: string, task: Task, message: SecAggUpMessage): Promise<MaskedInput | null> {
    const entry = this.open.get(task.roundId);
    if (!entry) {
      await this.failTasks([[siteId, task.id]], `no secure aggregation is open for round ${task.roundNumber} (a restarted coordinator lost it, or it ended)`);
      return null;
    }
    const { protocol } = entry;
    try {
      switch (message.kind) {
        case 'advert':
          protocol.receiveAdvert(message.advert);
          break;
        case 'shares':
          protocol.receiveShares(message.bundle);
          break;
        case 'masked':
          protocol.receiveMasked(message.input);
          return message.input;
        case 'reveal':
          protocol.receiveReveal(message.reveal);
          if (protocol.waitingFor().length === 0) entry.revealed?.();
          return null;
      }
      if (protocol.waitingFor().length === 0) await this.closePhase(entry);
    } catch (error) {
      if (!(error instanceof ConsiliumError)) throw error;
      this.logger.warn(`run ${entry.run.id} round ${entry.roundNumber}: ${error.message}`, { runId: entry.run.id, round: entry.roundNumber, siteId });
      await this.failTasks([[siteId, task.id]], error.message);
    }
    return null;
  }

  /**
   * Ends the collection of masked inputs, asks the survivors for their shares,
   * waits for them (at most phaseSeconds) and removes the masks: the weighted
   * mean of the surviving updates, never one of them. A round that cannot be
   * unmasked is refused with the reason; nothing partial is revealed.
   */
  async unmask(roundId: string): Promise<{ mean: Float32Array; included: string[] }> {
    const entry = this.open.get(roundId);
    if (!entry)
      throw new AggregationRefused('its secure aggregation is gone (the coordinator restarted during the round), so the masked updates cannot be unmasked');
    const { protocol } = entry;
    try {
      const request = protocol.closeCollecting();
      await this.record(entry, 'secagg.phase', { phase: 'collect-masked', survivors: request.survivors, dropped: request.dropped });
      await new Promise<void>((resolve) => {
        entry.revealed = resolve;
        entry.timer = this.clock.after(entry.order.phaseSeconds * 1000, resolve);
        for (const site of request.survivors) this.sessions.secAgg(site, entry.tasks.get(site)!, { kind: 'unmask', request });
      });
      entry.timer?.();
      const outcome = await protocol.closeUnmasking();
      await this.record(entry, 'secagg.unmasked', { included: outcome.included, dropped: outcome.dropped, culprits: outcome.culprits });
      return { mean: weightedMean(outcome.sum), included: outcome.included };
    } catch (error) {
      if (!(error instanceof ConsiliumError)) throw error;
      await this.record(entry, 'secagg.failed', { phase: 'unmask', reason: error.message, culprits: protocol.culprits });
      throw new AggregationRefused(error.message);
    } finally {
      this.open.delete(roundId);
    }
  }

  /** Forgets a round that ended another way (failed, cancelled). */
  forget(roundId: string): void {
    this.open.get(roundId)?.timer?.();
    this.open.delete(roundId);
  }

  private startTimer(entry: OpenAggregation): void {
    entry.timer?.();
    const phase = entry.protocol.phase;
    entry.timer = this.clock.after(entry.order.phaseSeconds * 1000, () => {
      if (entry.protocol.phase !== phase || !this.open.has(entry.roundId)) return;
      this.closePhase(entry).catch((error: unknown) =>
        this.logger.error(`closing phase ${phase} of round ${entry.roundNumber}: ${describeError(error)}`, { runId: entry.run.id, round: entry.roundNumber }),
      );
    });
  }

  /** Closes the key-advertising or key-sharing phase: the missing sites' tasks fail, the others get what the next phase needs. */
  private async closePhase(entry: OpenAggregation): Promise<void> {
    entry.timer?.();
    entry.timer = null;
    const { protocol } = entry;
    const phase = protocol.phase;
    if (phase !== 'advertise-keys' && phase !== 'share-keys') return;
    // A round that ended another way (failed, cancelled) is forgotten, not carried on.
    if ((await this.repos.rounds.get(entry.roundId))?.status !== 'collecting') return this.forget(entry.roundId);
    const missing = protocol.waitingFor();
    try {
      if (phase === 'advertise-keys') {
        for (const [site, roster] of protocol.closeAdvertising()) this.sessions.secAgg(site, entry.tasks.get(site)!, { kind: 'roster', roster });
        this.startTimer(entry);
      } else {
        for (const [site, inbox] of protocol.closeSharing()) this.sessions.secAgg(site, entry.tasks.get(site)!, { kind: 'inbox', inbox });
      }
      await this.record(entry, 'secagg.phase', { phase, missing, culprits: protocol.culprits });
      await this.failTasks(
        missing.map((site) => [site, entry.tasks.get(site)!]),
        `did not answer the secure aggregation's ${phase} phase within ${entry.order.phaseSeconds} s`,
      );
    } catch (error) {
      if (!(error instanceof ConsiliumError)) throw error;
      await this.record(entry, 'secagg.failed', { phase, reason: error.message, culprits: protocol.culprits });
      this.open.delete(entry.roundId);
      await this.failTasks([...entry.tasks], error.message);
    }
  }

  private async record(entry: OpenAggregation, action: string, payload: Record<string, unknown>): Promise<void> {
    await this.repos.audit.append(
      { actor: 'system', action, subjects: { runId: entry.run.id }, payload: { round: entry.roundNumber, ...payload } },
      this.clock.iso(),
    );
  }

  /** Fails the tasks still open (a task already answered keeps its state), on record, and wakes the round. */
  private async failTasks(tasks: [siteId: string, taskId: string][], reason: string): Promise<void> {
    let roundId: string | null = null;
    for (const [siteId, taskId] of tasks) {
      const task = await this.repos.tasks.get(taskId);
      if (!task) continue;
      roundId = task.roundId;
      await this.repos.transaction(async (tx) => {
        if (!(await tx.tasks.transition(taskId, 'sent', { status: 'failed', finishedAt: this.clock.iso(), reason: `secure aggregation: ${reason}` }))) return;
        await tx.audit.append(
          {
            actor: 'system',
            action: 'task.failed',
            subjects: { runId: task.runId, siteId, taskId },
            payload: { round: task.roundNumber, reason: `secure aggregation: ${reason}` },
          },
          this.clock.iso(),
        );
      });
    }
    if (roundId) this.notify(roundId);
  }
}

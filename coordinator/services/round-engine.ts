import type { Clock } from '../../common/clock.js';
import { ConsiliumError, describeError } from '../../common/errors.js';
import type { AuditActor } from '../domain/audit-chain.js';
import type { Run } from '../domain/records.js';
import { advance } from '../domain/round/advance.js';
import { phaseOf } from '../domain/round/phase-of.js';
import type { RoundEvent } from '../domain/round/round-phase.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { BlobStore } from '../persistence/storage.port.js';
import type { AuditLog } from './audit-log.js';
import type { ServiceLogger } from './logger.js';
import type { CoordinatorMetrics } from './metrics.js';
import type { ModelCatalog } from './model-catalog.js';
import { RoundCloser } from './round/round-closer.js';
import { DriverStopped, RoundEffects } from './round/round-effects.js';
import { RoundOpener } from './round/round-opener.js';
import { RoundRecords } from './round/round-records.js';
import { RoundSignals } from './round/round-signals.js';
import { TaskOrders } from './round/task-orders.js';
import { RunOffers } from './run-offers.js';
import { SecureAggregations } from './secure-aggregations.js';
import type { SiteSessions } from './site-sessions.js';

/**
 * Drives each run through its rounds: loads the run's state from the
 * database, lets the pure round machine (`domain/round/advance`) decide,
 * commits the step's writes with their audit events, and performs the rest
 * (waiting, opening a round, aggregating), whose outcome is the next event.
 * Nothing but wake-up signals lives in memory, so a restarted coordinator
 * calls resume() and each run continues from its last committed step.
 */
export class RoundEngine {
  private readonly drivers = new Map<string, Promise<void>>();
  private stopping = false;
  private readonly signals: RoundSignals;
  private readonly records: RoundRecords;
  private readonly effects: RoundEffects;
  /** The secure-aggregation protocol of the rounds of runs that ask for it. */
  readonly secureAggregations: SecureAggregations;

  constructor(
    private readonly repos: Repositories,
    catalog: ModelCatalog,
    blobs: BlobStore,
    private readonly sessions: SiteSessions,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
    private readonly audit: AuditLog,
    metrics: CoordinatorMetrics,
    private readonly offers = new RunOffers(repos, sessions),
  ) {
    this.signals = new RoundSignals(clock);
    this.records = new RoundRecords(repos, clock, metrics);
    this.secureAggregations = new SecureAggregations(repos, catalog, sessions, clock, logger, (roundId) => this.notify(roundId));
    const orders = new TaskOrders(repos, catalog, sessions, this.secureAggregations);
    const opener = new RoundOpener(repos, this.records, catalog, sessions, orders, clock, logger, metrics);
    const closer = new RoundCloser(repos, this.records, catalog, blobs, logger, clock, metrics, this.secureAggregations);
    this.effects = new RoundEffects(repos, opener, closer, this.signals, sessions, offers, audit, clock, logger, () => this.stopping);
    sessions.events.on('online', (siteId: string) => {
      this.signals.emit('sites');
      void this.offers
        .toSite(siteId)
        .then(() => orders.resendOpen(siteId))
        .catch((error) => this.logger.error(`re-sending offers and tasks to ${siteId}: ${describeError(error)}`, { siteId }));
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
      this.logger.log(`resuming run ${run.id} (${run.name}) after ${run.completedRounds} completed rounds`, { runId: run.id });
      this.start(run.id);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signals.emit('stop');
    await Promise.allSettled([...this.drivers.values()]);
  }

  /**
   * Stops a pending or running run: its open round and tasks are cancelled,
   * sites are told to drop their tasks, and the driver returns at its next wake-up.
   */
  async cancel(runId: string, actor: AuditActor): Promise<Run> {
    const run = await this.repos.runs.get(runId);
    if (!run) throw new ConsiliumError('NOT_FOUND', `run ${runId} does not exist`);
    if (run.status !== 'pending' && run.status !== 'running') {
      throw new ConsiliumError('FAILED_PRECONDITION', `run ${runId} is ${run.status}; only pending or running runs can be cancelled`);
    }
    const open = (await this.repos.rounds.forRun(runId)).find((r) => r.status === 'collecting') ?? null;
    const tasks = open ? (await this.repos.tasks.forRound(open.id)).filter((t) => t.status === 'sent') : [];
    await this.records.cancelRun(run, open, tasks, actor);
    for (const task of tasks) this.sessions.cancel(task.siteId, task.id, `run ${runId} was cancelled by ${actor}`);
    const cancelled = { ...run, status: 'cancelled' as const };
    this.offers.toOnlineSites(cancelled);
    this.signals.emit('sites');
    if (open) this.signals.emit(open.id);
    await this.audit.checkpoint(`run ${runId} cancelled`);
    return cancelled;
  }

  private async drive(runId: string): Promise<void> {
    const run = await this.repos.runs.get(runId);
    if (!run) return;
    const rounds = await this.repos.rounds.forRun(runId);
    const open = rounds.find((r) => r.status === 'collecting');
    let state = phaseOf(run, rounds, open ? await this.repos.tasks.forRound(open.id) : [], this.now());
    let event: RoundEvent | null = { type: 'resumed', at: this.now() };
    while (event && !this.stopping) {
      const step = advance(state, event);
      await this.records.commit(runId, step.effects);
      state = step.state;
      event = await this.effects.perform(runId, state, step.effects);
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  /** An error the round machine did not decide on (a storage failure, a bug): the run fails with it, on record. */
  private async fail(runId: string, error: unknown): Promise<void> {
    if (error instanceof DriverStopped) return;
    const message = error instanceof ConsiliumError ? error.message : `internal error: ${describeError(error)}`;
    try {
      await this.records.commit(runId, [{ type: 'fail-run', error: message }]);
      const run = await this.repos.runs.get(runId);
      if (run) await this.effects.ended(run, `run ${runId} failed`, () => this.logger.error(`run ${runId} failed: ${message}`, { runId }));
    } catch (error) {
      this.logger.error(`recording the failure of run ${runId}: ${describeError(error)}`, { runId });
    }
  }
}

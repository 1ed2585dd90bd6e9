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
import type { Cluster } from './cluster/cluster.js';
import { SoloCluster } from './cluster/solo-cluster.js';
import type { ServiceLogger } from './logger.js';
import type { CoordinatorMetrics } from './metrics.js';
import type { ModelCatalog } from './model-catalog.js';
import { RoundCloser } from './round/round-closer.js';
import { DriverStopped, LeaseLost, RoundEffects } from './round/round-effects.js';
import { RoundOpener } from './round/round-opener.js';
import { RoundRecords } from './round/round-records.js';
import { RoundSignals } from './round/round-signals.js';
import { TaskOrders } from './round/task-orders.js';
import { RunOffers } from './run-offers.js';
import { SecureAggregations } from './secure-aggregations.js';
import type { SiteSessions } from './site-sessions.js';

const RUN_LEASE = 'run:';

/**
 * Drives each run through its rounds: loads the run's state from the
 * database, lets the pure round machine (`domain/round/advance`) decide,
 * commits the step's writes with their audit events, and performs the rest
 * (waiting, opening a round, aggregating), whose outcome is the next event.
 * Nothing but wake-up signals lives in memory, so a restarted coordinator
 * calls resume() and each run continues from its last committed step.
 *
 * Each run is driven by the one coordinator process holding its lease
 * (`run:<id>`). Sharing a database with other processes, this one looks for
 * unheld runs every tenth of a lease, so a run whose process died is taken
 * over one lease after that process last renewed; every write of a driver is
 * fenced by the lease, so a process that stalled past it cannot write again.
 */
export class RoundEngine {
  private readonly drivers = new Map<string, Promise<void>>();
  /** Runs whose lease this process lost while driving them. */
  private readonly lost = new Set<string>();
  private stopping = false;
  private stopScanning: (() => void) | null = null;
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
    private readonly cluster: Cluster = new SoloCluster(),
    private readonly offers = new RunOffers(repos, sessions),
  ) {
    this.signals = new RoundSignals(clock);
    this.records = new RoundRecords(repos, clock, metrics, (tx, runId) => this.fence(tx, runId));
    this.secureAggregations = new SecureAggregations(repos, catalog, sessions, clock, logger, (roundId) => this.notify(roundId));
    const orders = new TaskOrders(repos, catalog, sessions, this.secureAggregations);
    const opener = new RoundOpener(repos, this.records, catalog, sessions, orders, clock, logger, metrics);
    const closer = new RoundCloser(repos, this.records, catalog, blobs, logger, clock, metrics, this.secureAggregations);
    this.effects = new RoundEffects(
      repos,
      opener,
      closer,
      this.signals,
      sessions,
      offers,
      audit,
      clock,
      logger,
      (runId) => this.stopping || this.lost.has(runId),
    );
    // The offers and open tasks a site gets again whenever its stream (re)starts here.
    const reachOut = (siteId: string): void =>
      void this.offers
        .toSite(siteId)
        .then(() => orders.resendOpen(siteId))
        .catch((error) => this.logger.error(`re-sending offers and tasks to ${siteId}: ${describeError(error)}`, { siteId }));
    sessions.events.on('online', (siteId: string) => {
      this.signal('sites');
      reachOut(siteId);
    });
    // A site approved, refused or revoked a run: a round waiting for sites looks again.
    sessions.events.on('consent', () => this.signal('sites'));
    cluster.subscribe((message) => {
      if (message.kind === 'signal') this.signals.emit(message.signal);
      else if (message.kind === 'resync') {
        this.signals.emit('everything');
        for (const siteId of sessions.local()) reachOut(siteId);
      }
    });
    cluster.onLost((name) => {
      if (!name.startsWith(RUN_LEASE)) return;
      this.lost.add(name.slice(RUN_LEASE.length));
      this.signals.emit(name);
    });
  }

  /** Wakes whoever waits on this round, in whichever process drives it: an update arrived or a task failed. */
  notify(roundId: string): void {
    this.signal(roundId);
  }

  /** Drives the run here, unless another coordinator process holds its lease. `onTaken` runs once this process holds it. */
  start(runId: string, onTaken?: () => void): void {
    if (this.drivers.has(runId) || this.stopping) return;
    const lease = RUN_LEASE + runId;
    const driver = this.cluster
      .acquire(lease)
      .then(async (taken) => {
        if (!taken) return;
        this.lost.delete(runId);
        onTaken?.();
        await this.drive(runId)
          .catch((error: unknown) => this.fail(runId, error))
          .finally(() => this.cluster.release(lease));
      })
      .catch((error: unknown) => this.logger.error(`taking the lease of run ${runId}: ${describeError(error)}`, { runId }))
      .finally(() => {
        this.drivers.delete(runId);
        this.signals.forget(runId);
      });
    this.drivers.set(runId, driver);
  }

  /** Drives every unfinished run that no process drives; sharing a database, looks again every tenth of a lease. */
  async resume(): Promise<void> {
    await this.takeUnheld();
    if (this.cluster.shared && !this.stopScanning && !this.stopping) {
      this.stopScanning = this.clock.every(
        this.cluster.leaseMs / 10,
        () => void this.takeUnheld().catch((error: unknown) => this.logger.warn(`looking for runs to take over: ${describeError(error)}`)),
      );
    }
  }

  private async takeUnheld(): Promise<void> {
    const held = new Set(await this.cluster.live(RUN_LEASE));
    for (const run of await this.repos.runs.withStatus(['pending', 'running'])) {
      if (held.has(run.id) || this.drivers.has(run.id)) continue;
      this.start(run.id, () =>
        this.logger.log(`resuming run ${run.id} (${run.name}) after ${run.completedRounds} completed rounds`, { runId: run.id, node: this.cluster.nodeId }),
      );
    }
  }

  /** Ends every drive here and gives their leases up, so another coordinator process takes the runs over at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopScanning?.();
    this.signals.emit('stop');
    await Promise.allSettled([...this.drivers.values()]);
  }

  /** A driver's writes commit only while this process holds the run's lease. */
  private async fence(tx: Repositories, runId: string): Promise<void> {
    if (await this.cluster.holds(tx, RUN_LEASE + runId)) return;
    this.lost.add(runId);
    throw new LeaseLost(`run ${runId}: this coordinator process no longer holds its lease; another one drives it`);
  }

  /** Tells every coordinator process's waiting drivers to look again. */
  private signal(name: string): void {
    void this.cluster.publish({ kind: 'signal', signal: name });
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
    await this.offers.toOnlineSites(cancelled);
    this.signal('sites');
    if (open) this.signal(open.id);
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
    if (error instanceof LeaseLost) this.logger.warn(error.message, { runId });
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

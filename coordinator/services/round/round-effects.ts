import type { Clock } from '../../../common/clock.js';
import type { Run } from '../../domain/records.js';
import { taskView } from '../../domain/round/phase-of.js';
import type { RoundEffect, RoundEvent, RoundState } from '../../domain/round/round-phase.js';
import type { Repositories } from '../../persistence/repositories/index.js';
import type { AuditLog } from '../audit-log.js';
import type { ServiceLogger } from '../logger.js';
import type { RunOffers } from '../run-offers.js';
import type { SiteSessions } from '../site-sessions.js';
import type { RoundCloser } from './round-closer.js';
import type { RoundOpener } from './round-opener.js';
import type { RoundSignals } from './round-signals.js';

/** The coordinator is stopping: the driver leaves the run as stored, to be resumed. */
export class DriverStopped extends Error {}

/** Another coordinator process took the run's lease over: this one stops driving it, leaving the run as stored. */
export class LeaseLost extends DriverStopped {}

/**
 * The I/O a round step asks for once its writes are committed: waiting for
 * sites or updates, opening a round, closing or aggregating it, telling the
 * sites. What comes of it is the driver's next event.
 */
export class RoundEffects {
  constructor(
    private readonly repos: Repositories,
    private readonly opener: RoundOpener,
    private readonly closer: RoundCloser,
    private readonly signals: RoundSignals,
    private readonly sessions: SiteSessions,
    private readonly offers: RunOffers,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
    /** Whether this process must stop driving the run: it is shutting down, or lost the run's lease. */
    private readonly isStopping: (runId: string) => boolean,
  ) {}

  /** Performs a step's effects after its writes are committed; the one whose outcome matters returns the next event. */
  async perform(runId: string, state: RoundState, effects: readonly RoundEffect[]): Promise<RoundEvent | null> {
    let next: RoundEvent | null = null;
    const run = (await this.repos.runs.get(runId))!;
    const { phase } = state;
    for (const effect of effects) {
      switch (effect.type) {
        case 'start-run':
          await this.offers.toOnlineSites(run);
          break;
        case 'cancel-tasks':
          if (phase.name === 'training' || phase.name === 'evaluating') {
            for (const task of phase.tasks.filter((t) => effect.taskIds.includes(t.id))) this.sessions.cancel(task.siteId, task.id, effect.reason);
          }
          break;
        case 'check-sites':
          next = (await this.wake('sites', effect.until, run)) ?? { type: 'sites', at: this.now(), availability: await this.opener.availability(run) };
          break;
        case 'open-round':
          next = { type: 'opened', at: this.now(), open: await this.opener.open(run, effect.round, effect.kind, effect.ready) };
          break;
        case 'check-tasks':
          next = (await this.wake(effect.roundId, effect.until, run)) ?? {
            type: 'tasks',
            at: this.now(),
            tasks: (await this.repos.tasks.forRound(effect.roundId)).map(taskView),
          };
          break;
        case 'close-evaluation':
          await this.closer.closeEvaluation(run, effect.roundId);
          next = { type: 'evaluated', at: this.now() };
          break;
        case 'aggregate':
          next = { ...(await this.closer.aggregate(run, effect.roundId)), at: this.now() };
          break;
        case 'fail-run':
          await this.ended(run, `run ${runId} failed`, () => this.logger.error(`run ${runId} failed: ${effect.error}`, { runId }));
          break;
        case 'complete-run':
          await this.ended(run, `run ${runId} completed`, () => this.logger.log(`run ${runId} completed after ${run.completedRounds} rounds`, { runId }));
          break;
      }
    }
    return next;
  }

  /**
   * Waits for `signal` until `until` (not at all when null). Returns null to
   * go on, a `cancelled` event when the run was cancelled meanwhile, and
   * ends the drive (an event-less stop) when the coordinator is stopping.
   */
  private async wake(signal: string, until: number | null, run: Run): Promise<RoundEvent | null> {
    if (until !== null) await this.signals.wait(run.id, [signal, `run:${run.id}`], until - this.now());
    if (this.isStopping(run.id)) throw new DriverStopped();
    if ((await this.repos.runs.get(run.id))?.status === 'cancelled') return { type: 'cancelled', at: this.now() };
    return null;
  }

  /** A run that ended: the sites are told, the audit head is signed, and the log says why. */
  async ended(run: Run, checkpoint: string, log: () => void): Promise<void> {
    log();
    const stored = await this.repos.runs.get(run.id);
    if (stored) await this.offers.toOnlineSites(stored);
    await this.audit.checkpoint(checkpoint);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

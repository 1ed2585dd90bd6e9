import { ConsiliumError } from '../../../common/errors.js';
import type { OpenRound, RoundEffect, RoundEvent, RoundPhase, RoundState, RunFacts, SiteAvailability, Step, TaskView } from './round-phase.js';

type Collecting = Extract<RoundPhase, { name: 'training' | 'evaluating' }>;
type Selecting = Extract<RoundPhase, { name: 'selecting' }>;

/** The reason recorded on a task that had not answered when its round's deadline passed. */
export const DEADLINE_REASON = 'no update before the round deadline';

/**
 * The round machine: one pure step from a state and what just happened to the
 * next state and what the driver must do. The driver only loads, commits and
 * performs; every decision about a round is made here.
 *
 *   selecting → training → aggregating → selecting … → evaluating → done
 *   any phase → failed (quorum out of reach) | cancelled (by a researcher)
 */
export function advance(state: RoundState, event: RoundEvent): Step {
  const { run, phase } = state;
  if (event.type === 'cancelled') return to({ ...run, status: 'cancelled' }, { name: 'cancelled' });
  if (event.type === 'resumed') return resumed(state);
  if (phase.name === 'selecting' && event.type === 'sites') return sitesSeen(run, phase, event.at, event.availability);
  if (phase.name === 'selecting' && event.type === 'opened')
    return to(run, collectingPhase(event.open), { type: 'check-tasks', roundId: event.open.roundId, until: null });
  if ((phase.name === 'training' || phase.name === 'evaluating') && event.type === 'tasks') return tasksSeen(run, { ...phase, tasks: event.tasks }, event.at);
  if (phase.name === 'evaluating' && event.type === 'evaluated') return to({ ...run, status: 'completed' }, { name: 'done' }, { type: 'complete-run' });
  if (phase.name === 'aggregating' && event.type === 'aggregated') {
    // Stopping early makes this the last training round: the closing evaluation comes next.
    const progressed = { ...run, completedRounds: event.completedRounds, ...(event.stopEarly ? { rounds: event.completedRounds } : {}) };
    return to(progressed, nextSelection(progressed, event.at), { type: 'check-sites', until: null });
  }
  if (phase.name === 'aggregating' && event.type === 'aggregation-refused') return failRound(run, phase.roundId, `round ${phase.round}: ${event.reason}`);
  throw new ConsiliumError('INTERNAL', `round machine of run ${run.runId}: event ${event.type} cannot happen in phase ${phase.name}`);
}

/** The phase a run is in after its last completed round: the next training round, or the closing evaluation. */
export function nextSelection(run: RunFacts, at: number): Selecting {
  const kind = run.completedRounds < run.rounds ? 'train' : 'evaluate';
  return { name: 'selecting', round: kind === 'train' ? run.completedRounds + 1 : run.rounds + 1, kind, waitUntil: at + run.siteWaitMs };
}

export function collectingPhase(open: OpenRound): Collecting {
  const { roundId, round, kind, quorum, target, deadline, tasks } = open;
  return { name: kind === 'evaluate' ? 'evaluating' : 'training', round, roundId, quorum, target, deadline, tasks };
}

/** Whatever phase the driver finds a run in, it looks again at once. */
function resumed({ run, phase }: RoundState): Step {
  switch (phase.name) {
    case 'selecting':
      return run.status === 'pending'
        ? to({ ...run, status: 'running' }, phase, { type: 'start-run' }, { type: 'check-sites', until: null })
        : to(run, phase, { type: 'check-sites', until: null });
    case 'training':
    case 'evaluating':
      return to(run, phase, { type: 'check-tasks', roundId: phase.roundId, until: null });
    case 'aggregating':
      return to(run, phase, { type: 'aggregate', roundId: phase.roundId });
    case 'done':
      // Every round is stored as completed but the run is not yet: the crash fell between the two.
      return run.status === 'completed' ? to(run, phase) : to({ ...run, status: 'completed' }, phase, { type: 'complete-run' });
    default:
      return to(run, phase);
  }
}

function sitesSeen(run: RunFacts, phase: Selecting, at: number, sites: SiteAvailability): Step {
  if (sites.ready.length >= run.needed) return to(run, phase, { type: 'open-round', round: phase.round, kind: phase.kind, ready: sites.ready });
  const waited = at >= phase.waitUntil;
  // Sites that refused by policy will not change their minds by waiting: fail now when the quorum is out of reach.
  const refused = sites.unwilling.filter((c) => c.state === 'refused' || c.state === 'revoked').length;
  const reachable = run.listedSites === null ? Infinity : run.listedSites - refused;
  if (!waited && reachable >= run.needed) return to(run, phase, { type: 'check-sites', until: phase.waitUntil });
  const error =
    `round ${phase.round}: ${sites.ready.length} of the ${run.needed} sites needed were online, passed the quality gate and approved the run` +
    (waited ? ` after waiting ${run.siteWaitMs / 1000} s` : '') +
    ` (online: ${sites.online.join(', ') || 'none'}` +
    (sites.excluded.length ? `; left out: ${sites.excluded.map((e) => `${e.siteId} (${e.reason})`).join('; ')}` : '') +
    (sites.unwilling.length ? `; sites: ${sites.unwilling.map((c) => `${c.siteId} ${c.state}${c.reason ? ` (${c.reason})` : ''}`).join('; ')}` : '') +
    '); start the site agents, ask the sites to approve the spec, or lower minSites';
  return to({ ...run, status: 'failed' }, { name: 'failed', error }, { type: 'fail-run', error });
}

function tasksSeen(run: RunFacts, phase: Collecting, at: number): Step {
  const pending = phase.tasks.filter((t) => t.status === 'sent');
  const accepted = phase.tasks.filter((t) => t.status === 'accepted').length;
  const ids = (tasks: TaskView[]): string[] => tasks.map((t) => t.id);
  if (pending.length > 0) {
    // Over-selection: the round has what it waits for, so the stragglers are let go and the tasks read again.
    if (phase.target !== null && accepted >= phase.target) {
      return to(
        run,
        phase,
        { type: 'cancel-tasks', taskIds: ids(pending), reason: `round ${phase.round} has the ${phase.target} updates it waits for` },
        { type: 'check-tasks', roundId: phase.roundId, until: null },
      );
    }
    if (at < phase.deadline) return to(run, phase, { type: 'check-tasks', roundId: phase.roundId, until: phase.deadline });
    // An update may land between this look and the expiry, so the tasks are read again rather than assumed expired.
    return to(
      run,
      phase,
      { type: 'expire-tasks', taskIds: ids(pending), reason: DEADLINE_REASON },
      { type: 'check-tasks', roundId: phase.roundId, until: null },
    );
  }
  if (accepted < phase.quorum) {
    const failures = phase.tasks.filter((t) => t.status !== 'accepted').map((t) => `${t.siteId}: ${t.reason ?? t.status}`);
    return failRound(run, phase.roundId, `round ${phase.round}: ${accepted} accepted updates, ${phase.quorum} needed (${failures.join('; ')})`);
  }
  if (phase.name === 'evaluating') return to(run, phase, { type: 'close-evaluation', roundId: phase.roundId });
  return to(run, { name: 'aggregating', round: phase.round, roundId: phase.roundId }, { type: 'aggregate', roundId: phase.roundId });
}

function failRound(run: RunFacts, roundId: string, error: string): Step {
  return to({ ...run, status: 'failed' }, { name: 'failed', error }, { type: 'fail-round', roundId, error }, { type: 'fail-run', error });
}

function to(run: RunFacts, phase: RoundPhase, ...effects: RoundEffect[]): Step {
  return { state: { run, phase }, effects };
}

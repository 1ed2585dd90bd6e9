import { describe, expect, it } from 'vitest';

import { runSpecSchema } from '../../common/run-spec.schema.js';
import type { Round, Run, Task } from '../../coordinator/domain/records.js';
import { advance, DEADLINE_REASON } from '../../coordinator/domain/round/advance.js';
import { phaseOf } from '../../coordinator/domain/round/phase-of.js';
import type { RoundState, RunFacts, SiteAvailability, TaskView } from '../../coordinator/domain/round/round-phase.js';

/** A fake clock: milliseconds since the run started. */
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (seconds: number): number => T0 + seconds * 1000;

const facts: RunFacts = { runId: 'run-1', status: 'running', rounds: 2, completedRounds: 0, quorum: 2, needed: 2, siteWaitMs: 60_000, listedSites: 3 };
const selecting = (overrides: Partial<RunFacts> = {}): RoundState => ({
  run: { ...facts, ...overrides },
  phase: { name: 'selecting', round: 1, kind: 'train', waitUntil: at(60) },
});
const task = (id: string, status: TaskView['status'], reason: string | null = null): TaskView => ({ id, siteId: `site-${id}`, status, reason });
const training = (tasks: TaskView[], target: number | null = 2): RoundState => ({
  run: facts,
  phase: { name: 'training', round: 1, roundId: 'round-1', quorum: 2, target, deadline: at(600), tasks },
});
const sites = (ready: string[], more: Partial<SiteAvailability> = {}): SiteAvailability => ({ ready, online: ready, excluded: [], unwilling: [], ...more });

describe('the round machine', () => {
  it('starts a pending run and looks for sites at once', () => {
    expect(advance(selecting({ status: 'pending' }), { type: 'resumed', at: at(0) })).toEqual({
      state: { run: { ...facts, status: 'running' }, phase: { name: 'selecting', round: 1, kind: 'train', waitUntil: at(60) } },
      effects: [{ type: 'start-run' }, { type: 'check-sites', until: null }],
    });
  });

  it('opens the round once enough sites are ready, and waits until the site deadline while they are not', () => {
    expect(advance(selecting(), { type: 'sites', at: at(1), availability: sites(['a', 'b']) }).effects).toEqual([
      { type: 'open-round', round: 1, kind: 'train', ready: ['a', 'b'] },
    ]);
    expect(advance(selecting(), { type: 'sites', at: at(1), availability: sites(['a']) }).effects).toEqual([{ type: 'check-sites', until: at(60) }]);
  });

  it('fails the run when the site wait passes, saying who was online, left out and unwilling', () => {
    const step = advance(selecting(), {
      type: 'sites',
      at: at(60),
      availability: sites(['a'], {
        online: ['a', 'c'],
        excluded: [{ siteId: 'c', reason: 'label noise 0.4' }],
        unwilling: [{ siteId: 'b', state: 'pending', reason: null }],
      }),
    });
    const error =
      'round 1: 1 of the 2 sites needed were online, passed the quality gate and approved the run after waiting 60 s (online: a, c; left out: c (label noise 0.4); sites: b pending); start the site agents, ask the sites to approve the spec, or lower minSites';
    expect(step).toEqual({ state: { run: { ...facts, status: 'failed' }, phase: { name: 'failed', error } }, effects: [{ type: 'fail-run', error }] });
  });

  it('fails at once, without waiting, when sites that refused put the quorum out of reach', () => {
    const step = advance(selecting(), {
      type: 'sites',
      at: at(1),
      availability: sites(['a'], {
        unwilling: [
          { siteId: 'b', state: 'refused', reason: 'policy' },
          { siteId: 'c', state: 'revoked', reason: null },
        ],
      }),
    });
    expect(step.effects).toEqual([
      {
        type: 'fail-run',
        error:
          'round 1: 1 of the 2 sites needed were online, passed the quality gate and approved the run (online: a; sites: b refused (policy); c revoked); start the site agents, ask the sites to approve the spec, or lower minSites',
      },
    ]);
  });

  it('moves to training when the round is opened, and reads its tasks at once', () => {
    const step = advance(selecting(), {
      type: 'opened',
      at: at(2),
      open: { roundId: 'round-1', round: 1, kind: 'train', quorum: 2, target: 2, deadline: at(600), tasks: [task('1', 'sent')] },
    });
    expect(step).toEqual({ state: training([task('1', 'sent')]), effects: [{ type: 'check-tasks', roundId: 'round-1', until: null }] });
  });

  it('waits for updates until the round deadline', () => {
    expect(
      advance(training([task('1', 'accepted'), task('2', 'sent')]), { type: 'tasks', at: at(10), tasks: [task('1', 'accepted'), task('2', 'sent')] }).effects,
    ).toEqual([{ type: 'check-tasks', roundId: 'round-1', until: at(600) }]);
  });

  it('aggregates when the quorum is reached and no task is pending', () => {
    const tasks = [task('1', 'accepted'), task('2', 'accepted')];
    expect(advance(training(tasks), { type: 'tasks', at: at(10), tasks })).toEqual({
      state: { run: facts, phase: { name: 'aggregating', round: 1, roundId: 'round-1' } },
      effects: [{ type: 'aggregate', roundId: 'round-1' }],
    });
  });

  it('cancels the over-selected stragglers once the target is met, then reads the tasks again', () => {
    const tasks = [task('1', 'accepted'), task('2', 'accepted'), task('3', 'sent')];
    expect(advance(training(tasks), { type: 'tasks', at: at(10), tasks }).effects).toEqual([
      { type: 'cancel-tasks', taskIds: ['3'], reason: 'round 1 has the 2 updates it waits for' },
      { type: 'check-tasks', roundId: 'round-1', until: null },
    ]);
  });

  it('expires the unanswered tasks when the deadline passes, then reads the tasks again', () => {
    const tasks = [task('1', 'accepted'), task('2', 'sent')];
    expect(advance(training(tasks, null), { type: 'tasks', at: at(600), tasks }).effects).toEqual([
      { type: 'expire-tasks', taskIds: ['2'], reason: DEADLINE_REASON },
      { type: 'check-tasks', roundId: 'round-1', until: null },
    ]);
  });

  it('fails the round and the run when a site failed and the quorum cannot be met', () => {
    const tasks = [task('1', 'accepted'), task('2', 'failed', 'site reported: out of memory')];
    const error = 'round 1: 1 accepted updates, 2 needed (site-2: site reported: out of memory)';
    expect(advance(training(tasks), { type: 'tasks', at: at(20), tasks })).toEqual({
      state: { run: { ...facts, status: 'failed' }, phase: { name: 'failed', error } },
      effects: [
        { type: 'fail-round', roundId: 'round-1', error },
        { type: 'fail-run', error },
      ],
    });
  });

  it('selects the next round after aggregating, and the closing evaluation after the last', () => {
    const aggregating: RoundState = { run: facts, phase: { name: 'aggregating', round: 1, roundId: 'round-1' } };
    expect(advance(aggregating, { type: 'aggregated', at: at(30), completedRounds: 1 })).toEqual({
      state: { run: { ...facts, completedRounds: 1 }, phase: { name: 'selecting', round: 2, kind: 'train', waitUntil: at(90) } },
      effects: [{ type: 'check-sites', until: null }],
    });
    const last: RoundState = { run: { ...facts, completedRounds: 1 }, phase: { name: 'aggregating', round: 2, roundId: 'round-2' } };
    expect(advance(last, { type: 'aggregated', at: at(40), completedRounds: 2 }).state.phase).toEqual({
      name: 'selecting',
      round: 3,
      kind: 'evaluate',
      waitUntil: at(100),
    });
  });

  it('goes to the closing evaluation after the round that stopped early, whatever rounds were planned', () => {
    const aggregating: RoundState = { run: { ...facts, rounds: 10 }, phase: { name: 'aggregating', round: 4, roundId: 'round-4' } };
    expect(advance(aggregating, { type: 'aggregated', at: at(30), completedRounds: 4, stopEarly: true }).state).toEqual({
      run: { ...facts, rounds: 4, completedRounds: 4 },
      phase: { name: 'selecting', round: 5, kind: 'evaluate', waitUntil: at(90) },
    });
  });

  it('fails the round when the strategy refuses to aggregate', () => {
    const aggregating: RoundState = { run: facts, phase: { name: 'aggregating', round: 1, roundId: 'round-1' } };
    expect(advance(aggregating, { type: 'aggregation-refused', at: at(30), reason: 'Krum needs at least 4 updates' }).effects).toEqual([
      { type: 'fail-round', roundId: 'round-1', error: 'round 1: Krum needs at least 4 updates' },
      { type: 'fail-run', error: 'round 1: Krum needs at least 4 updates' },
    ]);
  });

  it('closes the evaluation round with its metrics and then completes the run', () => {
    const evaluating: RoundState = {
      run: { ...facts, completedRounds: 2 },
      phase: { name: 'evaluating', round: 3, roundId: 'round-3', quorum: 2, target: 2, deadline: at(900), tasks: [] },
    };
    const tasks = [task('1', 'accepted'), task('2', 'accepted')];
    expect(advance(evaluating, { type: 'tasks', at: at(50), tasks }).effects).toEqual([{ type: 'close-evaluation', roundId: 'round-3' }]);
    expect(advance(evaluating, { type: 'evaluated', at: at(51) })).toEqual({
      state: { run: { ...facts, completedRounds: 2, status: 'completed' }, phase: { name: 'done' } },
      effects: [{ type: 'complete-run' }],
    });
  });

  it('stops in any phase when the run is cancelled, with nothing left to do', () => {
    for (const state of [selecting(), training([task('1', 'sent')])]) {
      expect(advance(state, { type: 'cancelled', at: at(5) })).toEqual({
        state: { run: { ...state.run, status: 'cancelled' }, phase: { name: 'cancelled' } },
        effects: [],
      });
    }
  });

  it('refuses an event that cannot happen in the phase', () => {
    expect(() => advance(selecting(), { type: 'aggregated', at: at(1), completedRounds: 1 })).toThrow(
      'round machine of run run-1: event aggregated cannot happen in phase selecting',
    );
  });
});

describe('a resumed coordinator', () => {
  const spec = runSpecSchema.parse({
    name: 'resume',
    model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 2, batch_input_shape: [null, 4] } }] } },
    classes: ['a', 'b'],
    rounds: 2,
    minSites: 2,
    siteWaitSeconds: 60,
  });
  const run: Run = {
    id: 'run-1',
    name: 'resume',
    spec,
    specSha256: 'x',
    status: 'running',
    completedRounds: 1,
    latestModelVersionId: 'v1',
    error: null,
    exclusions: null,
    createdAt: '',
    updatedAt: '',
  };
  const round = (number: number, kind: Round['kind'], status: Round['status']): Round => ({
    id: `round-${number}`,
    runId: run.id,
    number,
    kind,
    status,
    baseModelVersionId: 'v',
    resultModelVersionId: null,
    quorum: 2,
    target: 2,
    startedAt: '',
    deadlineAt: '2026-01-01T00:10:00.000Z',
    completedAt: null,
    metrics: null,
    error: null,
  });
  const stored = (id: string, roundId: string, status: Task['status']): Task => ({
    id,
    runId: run.id,
    roundId,
    roundNumber: 2,
    siteId: `site-${id}`,
    status,
    sentAt: '',
    finishedAt: null,
    reason: null,
    instructions: null,
  });

  it('goes on collecting an open round, reading its tasks at once', () => {
    const state = phaseOf(
      run,
      [round(1, 'train', 'completed'), round(2, 'train', 'collecting')],
      [stored('1', 'round-2', 'accepted'), stored('2', 'round-2', 'sent')],
      at(0),
    );
    expect(state.phase).toEqual({
      name: 'training',
      round: 2,
      roundId: 'round-2',
      quorum: 2,
      target: 2,
      deadline: at(600),
      tasks: [task('1', 'accepted'), task('2', 'sent')],
    });
    expect(advance(state, { type: 'resumed', at: at(0) }).effects).toEqual([{ type: 'check-tasks', roundId: 'round-2', until: null }]);
  });

  it('selects the next round, or the closing evaluation, when no round is open', () => {
    expect(phaseOf(run, [round(1, 'train', 'completed')], [], at(0)).phase).toEqual({ name: 'selecting', round: 2, kind: 'train', waitUntil: at(60) });
    expect(phaseOf({ ...run, completedRounds: 2 }, [round(1, 'train', 'completed'), round(2, 'train', 'completed')], [], at(0)).phase).toEqual({
      name: 'selecting',
      round: 3,
      kind: 'evaluate',
      waitUntil: at(60),
    });
  });

  it('resumes a run that stopped early at its closing evaluation, not at its next planned round', () => {
    const stopped = { ...run, completedRounds: 1, stoppedEarly: { afterRound: 1, reason: 'patience' } };
    expect(phaseOf(stopped, [round(1, 'train', 'completed')], [], at(0)).phase).toEqual({ name: 'selecting', round: 2, kind: 'evaluate', waitUntil: at(60) });
  });

  it('completes a run whose rounds were all stored before the crash, and leaves ended runs alone', () => {
    const all = [round(1, 'train', 'completed'), round(2, 'train', 'completed'), round(3, 'evaluate', 'completed')];
    expect(advance(phaseOf({ ...run, completedRounds: 2 }, all, [], at(0)), { type: 'resumed', at: at(0) }).effects).toEqual([{ type: 'complete-run' }]);
    for (const status of ['completed', 'failed', 'cancelled'] as const) {
      expect(advance(phaseOf({ ...run, status, error: 'x' }, all, [], at(0)), { type: 'resumed', at: at(0) }).effects).toEqual([]);
    }
  });
});

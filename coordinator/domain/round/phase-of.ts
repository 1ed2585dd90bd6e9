import { quorumOf } from '../../../common/run-spec.schema.js';
import type { Round, Run, Task } from '../records.js';
import { collectingPhase, nextSelection } from './advance.js';
import type { RoundState, RunFacts, TaskView } from './round-phase.js';

export function runFacts(run: Run): RunFacts {
  const { spec } = run;
  const quorum = quorumOf(spec);
  return {
    runId: run.id,
    status: run.status,
    rounds: run.stoppedEarly?.afterRound ?? spec.rounds,
    completedRounds: run.completedRounds,
    quorum,
    needed: Math.max(quorum, spec.roundPolicy.minSitesToStart ?? quorum),
    siteWaitMs: spec.siteWaitSeconds * 1000,
    listedSites: spec.sites?.length ?? null,
  };
}

export function taskView(task: Pick<Task, 'id' | 'siteId' | 'status' | 'reason'>): TaskView {
  return { id: task.id, siteId: task.siteId, status: task.status, reason: task.reason };
}

/**
 * The state of a run as its stored rows say, so a restarted coordinator
 * continues where it stopped: an open (collecting) round goes on collecting,
 * otherwise the next round or the closing evaluation is selected.
 */
export function phaseOf(run: Run, rounds: readonly Round[], openTasks: readonly Task[], at: number): RoundState {
  const facts = runFacts(run);
  if (run.status === 'completed') return { run: facts, phase: { name: 'done' } };
  if (run.status === 'failed') return { run: facts, phase: { name: 'failed', error: run.error ?? 'failed' } };
  if (run.status === 'cancelled') return { run: facts, phase: { name: 'cancelled' } };
  const open = rounds.find((r) => r.status === 'collecting');
  if (open) {
    const tasks = openTasks.filter((t) => t.roundId === open.id).map(taskView);
    const phase = collectingPhase({
      roundId: open.id,
      round: open.number,
      kind: open.kind,
      quorum: open.quorum,
      target: open.target,
      deadline: new Date(open.deadlineAt).getTime(),
      tasks,
    });
    return { run: facts, phase };
  }
  const evaluated = rounds.some((r) => r.kind === 'evaluate');
  if (facts.completedRounds >= facts.rounds && evaluated) return { run: facts, phase: { name: 'done' } };
  return { run: facts, phase: nextSelection(facts, at) };
}

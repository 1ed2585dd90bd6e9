import type { RoundKind, RunStatus, TaskStatus } from '../records.js';

/** What the round machine needs to know about one task. */
export interface TaskView {
  id: string;
  siteId: string;
  status: TaskStatus;
  reason: string | null;
}

/** The facts about a run that every transition reads; fixed by the spec, except status and progress. */
export interface RunFacts {
  runId: string;
  status: RunStatus;
  /** Training rounds the spec asks for, or fewer when early stopping ended training. */
  rounds: number;
  completedRounds: number;
  /** Updates a round needs before it may aggregate. */
  quorum: number;
  /** Sites that must be ready before a round opens. */
  needed: number;
  /** How long a round waits for enough ready sites (`siteWaitSeconds`). */
  siteWaitMs: number;
  /** How many sites the spec lists, or null when any enrolled site may join. */
  listedSites: number | null;
}

/**
 * Where a run stands. Each phase carries what it decides on; the phase of a
 * restarted coordinator is read back from the stored rows (`phaseOf`).
 * Secure aggregation adds its phases (advertise keys, share keys, collect
 * masked, unmask) between the collecting phases and aggregating.
 */
export type RoundPhase =
  | { name: 'selecting'; round: number; kind: RoundKind; waitUntil: number }
  | { name: 'training' | 'evaluating'; round: number; roundId: string; quorum: number; target: number | null; deadline: number; tasks: TaskView[] }
  | { name: 'aggregating'; round: number; roundId: string }
  | { name: 'done' }
  | { name: 'failed'; error: string }
  | { name: 'cancelled' };

export interface RoundState {
  run: RunFacts;
  phase: RoundPhase;
}

/** Why the ready sites fall short, for the researcher: who is online, left out, or has not approved. */
export interface SiteAvailability {
  ready: string[];
  online: string[];
  excluded: { siteId: string; reason: string }[];
  /** Sites that have not approved this spec, with their consent state. */
  unwilling: { siteId: string; state: string; reason: string | null }[];
}

/** The round a collecting phase runs, as opened or as stored. */
export interface OpenRound {
  roundId: string;
  round: number;
  kind: RoundKind;
  quorum: number;
  target: number | null;
  deadline: number;
  tasks: TaskView[];
}

export type RoundEvent =
  /** The driver starts on a run (first start or after a coordinator restart). */
  | { type: 'resumed'; at: number }
  /** The sites that could take part now. */
  | { type: 'sites'; at: number; availability: SiteAvailability }
  | { type: 'opened'; at: number; open: OpenRound }
  /** The round's tasks as they stand now (an update accepted, a site failed, time passed). */
  | { type: 'tasks'; at: number; tasks: TaskView[] }
  | { type: 'evaluated'; at: number }
  /** `stopEarly`: the selection metric stopped improving, so this round is the last to train. */
  | { type: 'aggregated'; at: number; completedRounds: number; stopEarly?: boolean }
  | { type: 'aggregation-refused'; at: number; reason: string }
  | { type: 'cancelled'; at: number };

/**
 * What the driver must do after a transition. Writes (`start-run`,
 * `expire-tasks`, `cancel-tasks`, `fail-round`, `fail-run`, `complete-run`)
 * are committed in one transaction with their audit events; the others are
 * I/O whose outcome comes back as the next event.
 */
export type RoundEffect =
  | { type: 'start-run' }
  | { type: 'check-sites'; until: number | null }
  | { type: 'open-round'; round: number; kind: RoundKind; ready: string[] }
  | { type: 'check-tasks'; roundId: string; until: number | null }
  | { type: 'cancel-tasks'; taskIds: string[]; reason: string }
  | { type: 'expire-tasks'; taskIds: string[]; reason: string }
  | { type: 'close-evaluation'; roundId: string }
  | { type: 'aggregate'; roundId: string }
  | { type: 'fail-round'; roundId: string; error: string }
  | { type: 'fail-run'; error: string }
  | { type: 'complete-run' };

export interface Step {
  state: RoundState;
  effects: RoundEffect[];
}

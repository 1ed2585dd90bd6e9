import { createHash } from 'node:crypto';

import { groupBy } from '../../common/group-by.js';

export interface RoundPolicy {
  /** Updates needed to aggregate (the run's minSites, or every listed site). */
  quorum: number;
  /** Sites that must be ready before a round opens. */
  minSitesToStart: number;
  /** Share of the ready sites picked each round. */
  fraction: number;
  /** Extra share picked beyond the target, so stragglers do not hold the round up. */
  overSelection: number;
}

export interface RoundSelection {
  selected: string[];
  /** Updates the round waits for: it closes as soon as this many are accepted. */
  target: number;
}

/**
 * Which ready sites a training round asks, and how many updates it waits for.
 * The target is the larger of the quorum and `fraction` of the ready sites;
 * `overSelection` asks that many more (FedBuff/Flower-style over-provisioning)
 * and the round closes at the target, cancelling the slowest. The pick is a
 * hash of seed, round and site id: reproducible, and fair across rounds.
 */
export function selectSites(ready: readonly string[], policy: RoundPolicy, seed: number, round: number): RoundSelection {
  const target = Math.min(ready.length, Math.max(policy.quorum, Math.ceil(policy.fraction * ready.length)));
  const count = Math.min(ready.length, Math.ceil(target * (1 + policy.overSelection)));
  const rank = (siteId: string): string => createHash('sha256').update(`${seed}:${round}:${siteId}`).digest('hex');
  const selected = [...ready]
    .sort((a, b) => rank(a).localeCompare(rank(b)) || a.localeCompare(b))
    .slice(0, count)
    .sort();
  return { selected, target };
}

export interface TaskOutcome {
  siteId: string;
  roundNumber: number;
  status: string;
}

/**
 * Sites whose last `limit` tasks in the run all failed or expired: they are
 * left out of later rounds. Cancelled tasks (over-selection, a cancelled run)
 * say nothing about a site and are skipped.
 */
export function sitesFailingInARow(tasks: readonly TaskOutcome[], limit: number): Map<string, number> {
  const bySite = groupBy(tasks, (task) => (task.status !== 'cancelled' && task.status !== 'sent' ? task.siteId : null));
  const failing = new Map<string, number>();
  for (const [siteId, outcomes] of bySite) {
    let streak = 0;
    for (const task of [...outcomes].sort((a, b) => b.roundNumber - a.roundNumber)) {
      if (task.status !== 'failed' && task.status !== 'expired') break;
      streak++;
    }
    if (streak >= limit) failing.set(siteId, streak);
  }
  return failing;
}

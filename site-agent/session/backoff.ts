/**
 * The wait before retry `attempt` (0 for the first): doubling from `firstMs`,
 * capped at `maxMs`, and drawn from the upper half so that sites cut off
 * together do not all come back together. Every retry loop of the agent
 * (reconnecting, downloading a model, delivering an update) waits this long.
 */
export function backoffMs(attempt: number, firstMs: number, maxMs = 10_000, random: () => number = Math.random): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 30)) * (0.5 + random() / 2);
}

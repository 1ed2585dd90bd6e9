/**
 * The round whose figures describe a run's final model: its closing
 * evaluation when it ran, else its last completed round.
 */
export function finalRound<T extends { kind: string; status: string }>(rounds: readonly T[]): T | undefined {
  const done = rounds.filter((r) => r.status === 'completed');
  return done.find((r) => r.kind === 'evaluate') ?? done.at(-1);
}

/** The classes whose figures are reported: the positive class (1) of a binary task, every class otherwise. */
export function reportedClasses(classCount: number): number[] {
  return classCount === 2 ? [1] : Array.from({ length: classCount }, (_, c) => c);
}

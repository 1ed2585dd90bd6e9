import type { NamedTensor } from '../../common/tensor-codec.js';

/**
 * Which tensors a round shares. Empty means all: the coordinator names
 * tensors only when some must stay at the site (FedBN's batch norm).
 */
export function isSharedIn(sharedTensors: readonly string[]): (name: string) => boolean {
  if (sharedTensors.length === 0) return () => true;
  const shared = new Set(sharedTensors);
  return (name) => shared.has(name);
}

/**
 * The weights a site trains from: the global values of shared tensors and
 * the site's own values of the others, once it has any (the first round
 * starts every tensor from the global model).
 */
export function withLocalTensors(global: readonly NamedTensor[], local: readonly NamedTensor[] | null, sharedTensors: readonly string[]): NamedTensor[] {
  const isShared = isSharedIn(sharedTensors);
  const own = new Map((local ?? []).map((t) => [t.name, t]));
  return global.map((tensor) => (isShared(tensor.name) ? tensor : (own.get(tensor.name) ?? tensor)));
}

/** After training: the deltas of shared tensors go to the coordinator, the trained values of the others stay. */
export function splitTrained(
  weights: readonly NamedTensor[],
  delta: readonly NamedTensor[],
  sharedTensors: readonly string[],
): { sharedDelta: NamedTensor[]; local: NamedTensor[] } {
  const isShared = isSharedIn(sharedTensors);
  return { sharedDelta: delta.filter((t) => isShared(t.name)), local: weights.filter((t) => !isShared(t.name)) };
}

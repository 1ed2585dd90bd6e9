import { createHash } from 'node:crypto';

import { ConsiliumError } from '../errors.js';

/**
 * Who shares secrets with whom (SecAgg+, Bell et al. 2020): a random Harary
 * graph, the sites placed on a ring in an order drawn from the round's seed,
 * each joined to the `degree / 2` sites on either side. Each site then masks
 * and shares with `degree` others, so its cost grows with the degree (chosen
 * around log n) instead of with n. A degree of null, or one that reaches
 * every other site, is the complete graph of the original protocol.
 * Returns each site's neighbours, sorted.
 */
export function neighbourhoods(siteIds: readonly string[], degree: number | null, seed: string): Map<string, string[]> {
  const n = siteIds.length;
  const result = new Map<string, string[]>();
  if (degree === null || degree >= n - 1) {
    for (const id of siteIds) result.set(id, siteIds.filter((other) => other !== id).sort());
    return result;
  }
  if (degree < 2 || degree % 2 !== 0) {
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `secureAggregation.neighbours: ${degree} is not an even number of at least 2; each site is joined to as many sites on either side of the ring`,
    );
  }
  const ranks = new Map(siteIds.map((id) => [id, rank(seed, id)]));
  const ring = [...siteIds].sort((a, b) => ranks.get(a)!.localeCompare(ranks.get(b)!) || a.localeCompare(b));
  ring.forEach((id, i) => {
    const near = new Set<string>();
    for (let d = 1; d <= degree / 2; d++) {
      near.add(ring[(i + d) % n]!);
      near.add(ring[(i - d + n) % n]!);
    }
    result.set(id, [...near].sort());
  });
  return result;
}

function rank(seed: string, id: string): string {
  return createHash('sha256').update(seed).update('\0').update(id).digest('hex');
}

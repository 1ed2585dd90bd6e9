import { seededNormal, seededRandom } from '../../common/seeded-random.js';

/** Gamma(shape, 1) by Marsaglia and Tsang; shape < 1 through Gamma(shape + 1)·U^(1/shape). */
function gamma(shape: number, random: () => number, normal: () => number): number {
  if (shape < 1) return gamma(shape + 1, random, normal) * Math.pow(Math.max(random(), Number.EPSILON), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Label-skewed split of sample indices over `sites`, the common benchmark of
 * non-IID federated data (Hsu et al. 2019): for each class, the share each
 * site gets is drawn from Dirichlet(α, …, α). Small α gives each site a few
 * dominant classes. Seeded: the same call gives the same split.
 */
export function dirichletPartition(labels: ArrayLike<number>, sites: number, alpha: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const normal = seededNormal(seededRandom(seed ^ 0x9e3779b9));
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const members = byClass.get(labels[i]!) ?? [];
    members.push(i);
    byClass.set(labels[i]!, members);
  }
  const parts: number[][] = Array.from({ length: sites }, () => []);
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    const draws = Array.from({ length: sites }, () => gamma(alpha, random, normal));
    const total = draws.reduce((a, b) => a + b, 0);
    let start = 0;
    let cumulative = 0;
    draws.forEach((draw, site) => {
      cumulative += draw / total;
      const end = site === sites - 1 ? members.length : Math.round(cumulative * members.length);
      parts[site]!.push(...members.slice(start, end));
      start = end;
    });
  }
  return parts.map((p) => p.sort((a, b) => a - b));
}

import erfcx from '@stdlib/math-base-special-erfcx';
import gammaln from '@stdlib/math-base-special-gammaln';

import { ConsiliumError } from './errors.js';

/**
 * Rényi differential privacy of the Poisson-subsampled Gaussian mechanism
 * (Mironov, Talwar, Zhang 2019, "Rényi Differential Privacy of the Sampled
 * Gaussian Mechanism": integer orders by the binomial expansion, fractional
 * ones by the two-sided series of section 3.3), composed over steps, and its
 * conversion to (ε, δ) by Proposition 12 of Canonne, Kamath, Steinke 2020
 * (also Asoodeh et al. 2020, eq. 20), with the KL bound for small RDP. The
 * same computation as Google's dp-accounting RdpAccountant and Opacus; the
 * tests hold it to their published cases.
 */

/** Orders where the best conversion usually lies: fine near 1, then every integer to 63, then a few large ones (Opacus's set, extended). */
export const DEFAULT_ORDERS: readonly number[] = [
  ...Array.from({ length: 99 }, (_, i) => 1 + (i + 1) / 10),
  ...Array.from({ length: 52 }, (_, i) => 12 + i),
  128,
  256,
  512,
];

/** The fractional series stops after this many terms without converging; that order is then left out (infinite). */
const MAX_SERIES_TERMS = 1000;

/** log(e^x + e^y), exact for −∞. */
function logAdd(x: number, y: number): number {
  const [a, b] = x < y ? [x, y] : [y, x];
  if (a === -Infinity) return b;
  return Math.log1p(Math.exp(a - b)) + b;
}

/** log |C(n, k)| for real n (the binomial series of a fractional order). */
function logBinomial(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/** log(erfc(x)), accurate far into both tails: through the scaled erfcx, so erfc's underflow never reaches the logarithm. */
function logErfc(x: number): number {
  if (x > 0) return Math.log(erfcx(x)) - x * x;
  // erfc(x) = 2 − erfc(−x) for x ≤ 0, where erfc(−x) ≤ 1.
  return Math.log(2 - erfcx(-x) * Math.exp(-x * x));
}

/** log A_α for an integer α: the binomial expansion of E[(μ1/μ0)^α]. */
function logAInteger(q: number, sigma: number, alpha: number): number {
  let logA = -Infinity;
  const log1mq = Math.log1p(-q);
  for (let i = 0; i <= alpha; i++) {
    logA = logAdd(logA, logBinomial(alpha, i) + i * Math.log(q) + (alpha - i) * log1mq + (i * i - i) / (2 * sigma * sigma));
  }
  return logA;
}

/**
 * log A_α for a fractional α: the integrals over (−∞, z0] and [z0, ∞) as two series, each term taken with the
 * absolute value of its binomial coefficient (as dp-accounting and TensorFlow Privacy sum them: an upper bound,
 * where Opacus's signed sum is exact and at most a few parts in 10⁵ lower), until both terms fall and lie 30 nats
 * below the total.
 */
function logAFractional(q: number, sigma: number, alpha: number): number {
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  let last0 = -Infinity;
  let last1 = -Infinity;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  const log1mq = Math.log1p(-q);
  for (let i = 0; i < MAX_SERIES_TERMS; i++) {
    const logCoef = logBinomial(alpha, i);
    const j = alpha - i;
    const s0 = logCoef + i * Math.log(q) + j * log1mq + (i * i - i) / (2 * sigma * sigma) + Math.log(0.5) + logErfc((i - z0) / (Math.SQRT2 * sigma));
    const s1 = logCoef + j * Math.log(q) + i * log1mq + (j * j - j) / (2 * sigma * sigma) + Math.log(0.5) + logErfc((z0 - j) / (Math.SQRT2 * sigma));
    logA0 = logAdd(logA0, s0);
    logA1 = logAdd(logA1, s1);
    const total = logAdd(logA0, logA1);
    if (s0 < last0 && s1 < last1 && Math.max(s0, s1) < total - 30) return total;
    last0 = s0;
    last1 = s1;
  }
  return Infinity;
}

/**
 * RDP at each order of `steps` compositions of the Gaussian mechanism with noise multiplier `sigma` (noise
 * standard deviation over the L2 sensitivity) on a Poisson sample of rate `q`.
 */
export function rdpSampledGaussian(q: number, sigma: number, steps: number, orders: readonly number[] = DEFAULT_ORDERS): number[] {
  if (!(q >= 0 && q <= 1)) throw new ConsiliumError('INVALID_ARGUMENT', `sampling rate ${q} must lie in [0, 1]`);
  if (!(sigma >= 0)) throw new ConsiliumError('INVALID_ARGUMENT', `noise multiplier ${sigma} must be 0 or more`);
  if (!(Number.isInteger(steps) && steps >= 0)) throw new ConsiliumError('INVALID_ARGUMENT', `steps ${steps} must be a whole number, 0 or more`);
  return orders.map((alpha) => {
    if (!(alpha > 1)) throw new ConsiliumError('INVALID_ARGUMENT', `Rényi order ${alpha} must be above 1`);
    if (q === 0 || steps === 0) return 0;
    if (alpha === Infinity || sigma === 0) return Infinity;
    const once =
      q === 1 ? alpha / (2 * sigma * sigma) : (Number.isInteger(alpha) ? logAInteger(q, sigma, alpha) : logAFractional(q, sigma, alpha)) / (alpha - 1);
    return once * steps;
  });
}

/** The smallest ε over the orders for which the RDP curve gives (ε, δ)-DP, and the order that gives it. */
export function epsilonFromRdp(orders: readonly number[], rdp: readonly number[], delta: number): { epsilon: number; order: number } {
  if (!(delta >= 0 && delta <= 1)) throw new ConsiliumError('INVALID_ARGUMENT', `δ ${delta} must lie in [0, 1]`);
  if (orders.length !== rdp.length || orders.length === 0)
    throw new ConsiliumError('INVALID_ARGUMENT', 'orders and RDP values must pair up, at least one of each');
  if (delta === 0) return { epsilon: rdp.every((r) => r === 0) ? 0 : Infinity, order: 0 };
  let best = { epsilon: Infinity, order: orders[0]! };
  orders.forEach((a, k) => {
    const r = rdp[k]!;
    // The KL bound δ ≤ √(1 − e^(−r)) already gives ε = 0; below α = 1.01 the RDP bound is unstable and of no use.
    const epsilon = r <= 0 || delta * delta + Math.expm1(-r) > 0 ? 0 : a > 1.01 ? r + Math.log1p(-1 / a) - Math.log(delta * a) / (a - 1) : Infinity;
    if (epsilon < best.epsilon) best = { epsilon, order: a };
  });
  return { epsilon: Math.max(0, best.epsilon), order: best.order };
}

/** The smallest δ over the orders for which the RDP curve gives (ε, δ)-DP, and the order that gives it. */
export function deltaFromRdp(orders: readonly number[], rdp: readonly number[], epsilon: number): { delta: number; order: number } {
  if (!(epsilon >= 0)) throw new ConsiliumError('INVALID_ARGUMENT', `ε ${epsilon} must be 0 or more`);
  if (orders.length !== rdp.length || orders.length === 0)
    throw new ConsiliumError('INVALID_ARGUMENT', 'orders and RDP values must pair up, at least one of each');
  let best = { logDelta: Infinity, order: orders[0]! };
  orders.forEach((a, k) => {
    const r = rdp[k]!;
    let logDelta = r <= 0 ? -Infinity : 0.5 * Math.log1p(-Math.exp(-r));
    if (a > 1.01) logDelta = Math.min(logDelta, (a - 1) * (r - epsilon + Math.log1p(-1 / a)) - Math.log(a));
    if (logDelta < best.logDelta) best = { logDelta, order: a };
  });
  return { delta: Math.min(Math.exp(best.logDelta), 1), order: best.order };
}

/**
 * What runs spent on one dataset: each round either one Gaussian mechanism on
 * the whole dataset (site-level DP, the site's clipped and noised update:
 * sampling rate 1, one step) or a round of DP-SGD steps, each on a Poisson
 * sample of the examples. A site is counted as taking part in every round it
 * could, an upper bound whatever the round policy picks.
 */
export interface DatasetSpend {
  noiseMultiplier: number;
  rounds: number;
  /** Probability that one example is in a step's batch; 1 (or absent) for site-level DP. */
  samplingRate?: number;
  /** Noised steps per round; 1 (or absent) for site-level DP. */
  stepsPerRound?: number;
}

/** ε at δ of every run's rounds together: Rényi divergences add across steps, rounds and runs. */
export function roundsEpsilon(runs: readonly DatasetSpend[], delta: number): number {
  const rdp = DEFAULT_ORDERS.map(() => 0);
  for (const run of runs) {
    rdpSampledGaussian(run.samplingRate ?? 1, run.noiseMultiplier, run.rounds * (run.stepsPerRound ?? 1)).forEach((r, i) => (rdp[i]! += r));
  }
  return epsilonFromRdp(DEFAULT_ORDERS, rdp, delta).epsilon;
}

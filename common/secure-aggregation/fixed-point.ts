import { ConsiliumError } from '../errors.js';

/**
 * Secure aggregation adds integers modulo 2^32, so each site turns its
 * (clipped) update into fixed point first. The scale is the largest at which
 * the sum over every site of the round cannot wrap around: with n sites and
 * each coordinate within ±bound, |Σ q| ≤ n·bound·scale < 2^31, so the masked
 * sum read back as a signed 32-bit integer is exactly the plain sum.
 */
export interface FixedPoint {
  /** Integers per unit: a value v travels as round(v · scale) mod 2^32. */
  scale: number;
  /** Each coordinate is clipped to ±clippingRange before it is scaled. */
  clippingRange: number;
}

const HALF_RING = 2 ** 31;
/** Below this many steps per unit an update loses more than a thousandth of its range to rounding. */
const MIN_SCALE = 1024;

/** The fixed point for a round of `sites` sites; the weight slot lies in [0, 1], so the bound is at least 1. */
export function fixedPointFor(sites: number, clippingRange: number): FixedPoint {
  const bound = Math.max(clippingRange, 1);
  const scale = Math.floor((HALF_RING - 1) / (sites * bound));
  if (!(scale >= MIN_SCALE)) {
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `secureAggregation.clippingRange: ${sites} sites × a range of ±${clippingRange} leave ${scale} fixed-point steps per unit in the 32-bit ring (at least ${MIN_SCALE} needed); lower clippingRange or the number of sites per round`,
    );
  }
  return { scale, clippingRange };
}

/** Clips each value to the range and maps it into the ring (two's complement, so negatives wrap). */
export function quantise(values: ArrayLike<number>, fixed: FixedPoint): Uint32Array {
  const out = new Uint32Array(values.length);
  const c = fixed.clippingRange;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const clipped = v > c ? c : v < -c ? -c : v;
    out[i] = Math.round(clipped * fixed.scale) >>> 0;
  }
  return out;
}

/** The ring sum read as signed integers: exact as long as fixedPointFor's bound held. */
export function signedSum(sum: Uint32Array): Int32Array {
  return new Int32Array(sum.buffer, sum.byteOffset, sum.length);
}

/** Adds b into a in place, modulo 2^32. */
export function addInto(a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = (a[i]! + b[i]!) >>> 0;
}

/** Subtracts b from a in place, modulo 2^32. */
export function subtractFrom(a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = (a[i]! - b[i]!) >>> 0;
}

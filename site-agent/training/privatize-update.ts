import { randomBytes } from 'node:crypto';

import type { NamedTensor } from '../../common/tensor-codec.js';

export interface UpdatePrivacy {
  clipNorm: number;
  noiseMultiplier: number;
}

/**
 * Clips the update to L2 norm `clipNorm` and adds N(0, (noiseMultiplier ×
 * clipNorm)²) to every coordinate. The noise comes from the operating
 * system's CSPRNG: noise a coordinator could predict would protect nothing.
 * Returns new tensors and the norm before clipping.
 */
export function privatizeUpdate(
  tensors: readonly NamedTensor[],
  privacy: UpdatePrivacy,
  uniform: () => number = secureUniform(),
): { tensors: NamedTensor[]; normBefore: number } {
  let squares = 0;
  for (const t of tensors) for (const v of t.values) squares += v * v;
  const normBefore = Math.sqrt(squares);
  const scale = normBefore > privacy.clipNorm ? privacy.clipNorm / normBefore : 1;
  const sigma = privacy.noiseMultiplier * privacy.clipNorm;
  const out = tensors.map((t) => {
    const values = new Float32Array(t.values.length);
    for (let i = 0; i < values.length; i++) values[i] = t.values[i]! * scale + (sigma > 0 ? sigma * gaussian(uniform) : 0);
    return { ...t, values };
  });
  return { tensors: out, normBefore };
}

/** Box–Muller from two uniforms in (0, 1]. */
export function gaussian(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Uniform doubles in (0, 1] from crypto.randomBytes, drawn 8 KiB at a time. */
export function secureUniform(): () => number {
  let pool = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + 4 > pool.length) {
      pool = randomBytes(8192);
      at = 0;
    }
    const value = pool.readUInt32LE(at);
    at += 4;
    return (value + 1) / 4_294_967_296;
  };
}

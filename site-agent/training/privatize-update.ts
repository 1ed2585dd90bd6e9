import { gaussian, secureUniform } from '../../common/secure-random.js';
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

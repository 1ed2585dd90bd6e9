import { randomBytes } from 'node:crypto';

/** Box–Muller from two uniforms in (0, 1]. */
export function gaussian(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Uniform doubles in (0, 1] from crypto.randomBytes, drawn 8 KiB at a time:
 * privacy noise that whoever sees the result could predict would protect nothing.
 */
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

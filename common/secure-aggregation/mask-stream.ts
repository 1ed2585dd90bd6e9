import { createCipheriv, hkdfSync } from 'node:crypto';

/**
 * A mask is AES-256-CTR's keystream under a 32-byte seed, read as
 * little-endian 32-bit words: every site and the coordinator expand the same
 * seed to the same mask. Seeds come from HKDF-SHA-256 over a key agreement or
 * a random self-mask seed, with the round id as salt, so no mask is reused
 * across rounds.
 */
export function maskStream(seed: Uint8Array, length: number): Uint32Array {
  const out = new Uint32Array(length);
  const bytes = new Uint8Array(out.buffer);
  // A zero IV is sound here: each key (seed) encrypts exactly one stream.
  const cipher = createCipheriv('aes-256-ctr', seed, Buffer.alloc(16));
  bytes.set(cipher.update(bytes));
  cipher.final();
  if (!LITTLE_ENDIAN) for (let i = 0; i < length; i++) out[i] = swap(out[i]!);
  return out;
}

/** HKDF-SHA-256 to 32 bytes. */
export function deriveKey(secret: Uint8Array, roundId: string, info: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, Buffer.from(roundId, 'utf8'), Buffer.from(info, 'utf8'), 32));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function swap(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

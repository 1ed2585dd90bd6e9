import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { x25519 } from '@noble/curves/ed25519.js';

import { deriveKey } from './mask-stream.js';

/**
 * Shares of a site's secrets travel through the coordinator, so each is
 * sealed for its recipient: AES-256-GCM under a key from X25519 between the
 * two sites' share keys, bound by the associated data to the round and the
 * direction, so the coordinator can neither read nor redirect one.
 */
export function pairKey(ownSecret: Uint8Array, peerPublic: Uint8Array, roundId: string, from: string, to: string): Uint8Array {
  return deriveKey(x25519.getSharedSecret(ownSecret, peerPublic), roundId, `consilium secagg share ${from} > ${to}`);
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
}

/** The plaintext, or null when the box was not sealed under this key for this associated data. */
export function open(key: Uint8Array, box: Uint8Array, aad: string): Uint8Array | null {
  if (box.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(box.subarray(box.length - TAG_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(box.subarray(IV_BYTES, box.length - TAG_BYTES)), decipher.final()]));
  } catch {
    return null;
  }
}

/** SHA-256 of a labelled byte string, hex: commitments to shares and to self-mask seeds. */
export function commit(label: string, bytes: Uint8Array): string {
  return createHash('sha256').update(label).update('\0').update(bytes).digest('hex');
}

/** What a box from one site to another is bound to. */
export function boxLabel(roundId: string, from: string, to: string): string {
  return `${roundId}|${from}|${to}`;
}

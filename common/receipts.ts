import { type KeyObject, sign, verify } from 'node:crypto';

import { canonicalJson } from './hashing.js';
import type { UpdateReceipt } from './task-order.js';

/** What a receipt's signature covers: every field but the signature and the key id. */
function signedPart(receipt: Omit<UpdateReceipt, 'signature' | 'keyId'>): Buffer {
  const { updateId, sha256, accepted, reason, receivedAtUnixMs, taskId, runId, round, auditSeq } = receipt;
  return Buffer.from(
    `consilium update receipt ${canonicalJson({ updateId, sha256, accepted, reason, receivedAtUnixMs, taskId, runId, round, auditSeq })}`,
    'utf8',
  );
}

/** The coordinator's Ed25519 signature (base64) over a receipt. */
export function signReceipt(privateKey: KeyObject, receipt: Omit<UpdateReceipt, 'signature' | 'keyId'>): string {
  return sign(null, signedPart(receipt), privateKey).toString('base64');
}

/** Whether a receipt was signed, unchanged, by the holder of this key. */
export function verifyReceipt(publicKey: KeyObject, receipt: UpdateReceipt): boolean {
  try {
    return verify(null, signedPart(receipt), publicKey, Buffer.from(receipt.signature, 'base64'));
  } catch {
    return false;
  }
}

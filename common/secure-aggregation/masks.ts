import { x25519 } from '@noble/curves/ed25519.js';

import { addInto, subtractFrom } from './fixed-point.js';
import { deriveKey, maskStream } from './mask-stream.js';
import { pairwiseInfo, SELF_MASK_INFO } from './secagg-messages.js';

export function selfMask(seed: Uint8Array, roundId: string, length: number): Uint32Array {
  return maskStream(deriveKey(seed, roundId, SELF_MASK_INFO), length);
}

/**
 * Applies `self`'s half of the mask it shares with `peer` to `vector`: the
 * site whose id sorts first adds the mask and the other subtracts it, so a
 * pair cancels in the sum. When `self` dropped, the coordinator rebuilds its
 * secret and applies its half in its place, which cancels the peer's.
 */
export function applyPairwiseMask(vector: Uint32Array, ownSecret: Uint8Array, peerPublic: Uint8Array, roundId: string, self: string, peer: string): void {
  const seed = deriveKey(x25519.getSharedSecret(ownSecret, peerPublic), roundId, pairwiseInfo(self, peer));
  const mask = maskStream(seed, vector.length);
  if (self < peer) addInto(vector, mask);
  else subtractFrom(vector, mask);
}

import type { FixedPoint } from './fixed-point.js';

/**
 * The messages of one secure-aggregation round (Bell et al. 2020, SecAgg+),
 * in phase order: advertise keys → share keys → collect masked → unmask.
 * Every message travels through the coordinator; the sites never talk
 * directly, so no hospital opens a port.
 */
export interface SecAggSettings {
  roundId: string;
  /** Fewest sites whose updates may form a sum; below it the round fails and nothing is unmasked. */
  threshold: number;
  /** Shares that rebuild one site's secret, out of its neighbours' and its own. */
  reconstruction: number;
  /** Words in each site's input: the update's values, then its weight. */
  vectorLength: number;
  fixedPoint: FixedPoint;
}

/** Phase 1, site → coordinator: fresh public keys for this round and a commitment to the self-mask seed. */
export interface KeyAdvert {
  siteId: string;
  /** X25519 public key the site's shares are sealed to. */
  shareKey: Uint8Array;
  /** X25519 public key the pairwise masks are agreed with. */
  maskKey: Uint8Array;
  /** SHA-256 (hex) of the self-mask seed, checked when the seed is rebuilt. */
  selfMaskCommitment: string;
}

/** Coordinator → site after phase 1: the adverts of the site's neighbours. */
export interface Roster {
  neighbours: KeyAdvert[];
}

export interface SealedShare {
  from: string;
  to: string;
  /** AES-256-GCM box holding the recipient's share of the sender's mask key, then of its self-mask seed. */
  box: Uint8Array;
}

/** SHA-256 (hex) of each share, published so a share revealed later can be checked against what was sent. */
export interface ShareCommitment {
  from: string;
  to: string;
  keyShare: string;
  selfMaskShare: string;
}

/** Phase 2, site → coordinator: one sealed share per neighbour, and commitments for those and the site's own. */
export interface ShareBundle {
  siteId: string;
  sealed: SealedShare[];
  commitments: ShareCommitment[];
}

/** Coordinator → site after phase 2: the boxes addressed to the site, with their senders' commitments. */
export interface Inbox {
  sealed: SealedShare[];
  commitments: ShareCommitment[];
}

/**
 * A box that did not open or did not match its commitment. The accuser
 * reveals its share-key secret for the round (used for nothing else), so the
 * coordinator can open the box itself and name the liar: the sender, or the
 * accuser when the box was sound.
 */
export interface Complaint {
  accused: string;
  shareSecret: Uint8Array;
}

/** Phase 3, site → coordinator: the masked input. */
export interface MaskedInput {
  siteId: string;
  masked: Uint32Array;
  complaints: Complaint[];
}

/** Coordinator → site for phase 4: whose inputs are in the sum and who dropped. */
export interface UnmaskRequest {
  survivors: string[];
  dropped: string[];
}

export interface RevealedShare {
  of: string;
  share: Uint8Array;
}

/** Phase 4, site → coordinator: self-mask shares of survivors, mask-key shares of the dropped, never both for one site. */
export interface Reveal {
  siteId: string;
  selfMaskShares: RevealedShare[];
  keyShares: RevealedShare[];
}

export const KEY_BYTES = 32;
/** A share of a 32-byte secret: the bytes and its x coordinate (shamir-secret-sharing's layout). */
export const SHARE_BYTES = KEY_BYTES + 1;

export function shareCommitLabel(kind: 'key' | 'self-mask', roundId: string, from: string, to: string): string {
  return `consilium secagg ${kind} share|${roundId}|${from}|${to}`;
}

export function selfMaskCommitLabel(roundId: string, siteId: string): string {
  return `consilium secagg self-mask|${roundId}|${siteId}`;
}

/** The seed of the mask two sites share, from their X25519 agreement. */
export function pairwiseInfo(a: string, b: string): string {
  const [low, high] = a < b ? [a, b] : [b, a];
  return `consilium secagg pairwise ${low} ${high}`;
}

export const SELF_MASK_INFO = 'consilium secagg self-mask';

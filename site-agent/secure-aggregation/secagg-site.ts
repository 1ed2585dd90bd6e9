import { randomBytes } from 'node:crypto';

import { x25519 } from '@noble/curves/ed25519.js';
import { split } from 'shamir-secret-sharing';

import { ConsiliumError } from '../../common/errors.js';
import { addInto, quantise } from '../../common/secure-aggregation/fixed-point.js';
import { applyPairwiseMask, selfMask } from '../../common/secure-aggregation/masks.js';
import {
  type Complaint,
  type Inbox,
  KEY_BYTES,
  type KeyAdvert,
  type MaskedInput,
  type Reveal,
  type RevealedShare,
  type Roster,
  type SecAggSettings,
  selfMaskCommitLabel,
  SHARE_BYTES,
  type ShareBundle,
  shareCommitLabel,
} from '../../common/secure-aggregation/secagg-messages.js';
import { boxLabel, commit, open, pairKey, seal } from '../../common/secure-aggregation/share-box.js';

/** The shares a site holds of one peer's secrets (its own included). */
interface HeldShares {
  keyShare: Uint8Array;
  selfMaskShare: Uint8Array;
}

/**
 * One site's side of a secure-aggregation round. Its keys and seed are made
 * fresh for the round and never leave it, except as shares sealed to its
 * neighbours; it reveals a neighbour's self-mask share only when that
 * neighbour's input is in the sum, its mask-key share only when it is not,
 * and never both.
 */
export class SecAggSite {
  private readonly boxKeys = x25519.keygen();
  private readonly maskKeys = x25519.keygen();
  private readonly selfMaskSeed = new Uint8Array(randomBytes(KEY_BYTES));
  private neighbours = new Map<string, KeyAdvert>();
  private readonly held = new Map<string, HeldShares>();
  /** Neighbours whose shares reached this site, sound or not: the pairwise masks go to them. */
  private partners: string[] = [];
  private complaints: Complaint[] = [];
  private revealed: { request: string; reveal: Reveal } | null = null;

  constructor(
    readonly siteId: string,
    readonly settings: SecAggSettings,
  ) {}

  advertise(): KeyAdvert {
    return {
      siteId: this.siteId,
      shareKey: this.boxKeys.publicKey,
      maskKey: this.maskKeys.publicKey,
      selfMaskCommitment: commit(selfMaskCommitLabel(this.settings.roundId, this.siteId), this.selfMaskSeed),
    };
  }

  /** Splits the mask key and the self-mask seed among the neighbours and this site, each share sealed to its holder. */
  async shareKeys(roster: Roster): Promise<ShareBundle> {
    const { roundId, reconstruction } = this.settings;
    this.neighbours = this.checkedRoster(roster);
    const holders = [...this.neighbours.keys(), this.siteId];
    const [keyShares, selfMaskShares] = await Promise.all([
      split(this.maskKeys.secretKey, holders.length, reconstruction),
      split(this.selfMaskSeed, holders.length, reconstruction),
    ]);
    const bundle: ShareBundle = { siteId: this.siteId, sealed: [], commitments: [] };
    holders.forEach((to, i) => {
      const keyShare = keyShares[i]!;
      const selfMaskShare = selfMaskShares[i]!;
      bundle.commitments.push({
        from: this.siteId,
        to,
        keyShare: commit(shareCommitLabel('key', roundId, this.siteId, to), keyShare),
        selfMaskShare: commit(shareCommitLabel('self-mask', roundId, this.siteId, to), selfMaskShare),
      });
      if (to === this.siteId) {
        this.held.set(to, { keyShare, selfMaskShare });
        return;
      }
      const key = pairKey(this.boxKeys.secretKey, this.neighbours.get(to)!.shareKey, roundId, this.siteId, to);
      const plaintext = new Uint8Array(2 * SHARE_BYTES);
      plaintext.set(keyShare, 0);
      plaintext.set(selfMaskShare, SHARE_BYTES);
      bundle.sealed.push({ from: this.siteId, to, box: seal(key, plaintext, boxLabel(roundId, this.siteId, to)) });
    });
    return bundle;
  }

  /** Opens the shares the neighbours sent; each that does not open or does not match its commitment becomes a complaint. */
  receive(inbox: Inbox): Complaint[] {
    const { roundId } = this.settings;
    const complaints: Complaint[] = [];
    const partners = new Set<string>();
    for (const { from, to, box } of inbox.sealed) {
      const peer = this.neighbours.get(from);
      if (to !== this.siteId || !peer)
        throw new ConsiliumError(
          'INVALID_ARGUMENT',
          `secure aggregation: a share from ${from} to ${to} reached ${this.siteId}, which is not its neighbour or its recipient`,
        );
      if (partners.has(from)) throw new ConsiliumError('INVALID_ARGUMENT', `secure aggregation: two shares from ${from} reached ${this.siteId}`);
      partners.add(from);
      const commitment = inbox.commitments.find((c) => c.from === from && c.to === this.siteId);
      const plaintext = open(pairKey(this.boxKeys.secretKey, peer.shareKey, roundId, from, this.siteId), box, boxLabel(roundId, from, this.siteId));
      const keyShare = plaintext?.subarray(0, SHARE_BYTES);
      const selfMaskShare = plaintext?.subarray(SHARE_BYTES);
      const sound =
        plaintext?.length === 2 * SHARE_BYTES &&
        commitment !== undefined &&
        commit(shareCommitLabel('key', roundId, from, this.siteId), keyShare!) === commitment.keyShare &&
        commit(shareCommitLabel('self-mask', roundId, from, this.siteId), selfMaskShare!) === commitment.selfMaskShare;
      if (sound) this.held.set(from, { keyShare: keyShare!, selfMaskShare: selfMaskShare! });
      else complaints.push({ accused: from, shareSecret: this.boxKeys.secretKey });
    }
    this.partners = [...partners].sort();
    this.complaints = complaints;
    return complaints;
  }

  /** The site's input (update values, then weight) in fixed point, plus its self-mask and its half of each pairwise mask. */
  mask(values: ArrayLike<number>): MaskedInput {
    const { roundId, vectorLength, fixedPoint, reconstruction } = this.settings;
    if (values.length !== vectorLength) {
      throw new ConsiliumError('INVALID_ARGUMENT', `secure aggregation: the input has ${values.length} values, the round expects ${vectorLength}`);
    }
    // With too few partners the pairwise masks would hide too little once the self-mask is removed.
    if (this.partners.length + 1 < reconstruction) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `secure aggregation: only ${this.partners.length} neighbours of ${this.siteId} sent their shares; at least ${reconstruction - 1} are needed to hide its update`,
      );
    }
    const masked = quantise(values, fixedPoint);
    addInto(masked, selfMask(this.selfMaskSeed, roundId, vectorLength));
    for (const peer of this.partners) applyPairwiseMask(masked, this.maskKeys.secretKey, this.neighbours.get(peer)!.maskKey, roundId, this.siteId, peer);
    return { siteId: this.siteId, masked, complaints: this.complaints };
  }

  /**
   * The shares the coordinator needs to unmask the sum. The same request is
   * answered the same way again (a retried call); a different one is refused,
   * since two answers could together reveal both secrets of one site.
   */
  reveal(request: { survivors: readonly string[]; dropped: readonly string[] }): Reveal {
    const key = JSON.stringify([[...request.survivors].sort(), [...request.dropped].sort()]);
    if (this.revealed) {
      if (this.revealed.request === key) return this.revealed.reveal;
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `secure aggregation: ${this.siteId} already revealed shares for another split of survivors and dropped sites`,
      );
    }
    const survivors = new Set(request.survivors);
    const dropped = new Set(request.dropped);
    const both = [...survivors].filter((id) => dropped.has(id));
    if (both.length > 0) throw new ConsiliumError('INVALID_ARGUMENT', `secure aggregation: ${both.join(', ')} listed both as survivor and as dropped`);
    if (!survivors.has(this.siteId))
      throw new ConsiliumError('FAILED_PRECONDITION', `secure aggregation: ${this.siteId} is not among the survivors it is asked to unmask for`);
    if (survivors.size < this.settings.threshold) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `secure aggregation: ${survivors.size} survivors, fewer than the threshold of ${this.settings.threshold}`,
      );
    }
    const near = [this.siteId, ...this.partners];
    const nearSurvivors = near.filter((id) => survivors.has(id));
    if (nearSurvivors.length < this.settings.reconstruction) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `secure aggregation: only ${nearSurvivors.length} of ${this.siteId}'s neighbourhood are survivors, fewer than the ${this.settings.reconstruction} that keep its update hidden`,
      );
    }
    const pick = (ids: string[], which: keyof HeldShares): RevealedShare[] =>
      ids.flatMap((of) => {
        const held = this.held.get(of);
        return held ? [{ of, share: held[which] }] : [];
      });
    const reveal: Reveal = {
      siteId: this.siteId,
      selfMaskShares: pick(nearSurvivors, 'selfMaskShare'),
      keyShares: pick(
        this.partners.filter((id) => dropped.has(id)),
        'keyShare',
      ),
    };
    this.revealed = { request: key, reveal };
    return reveal;
  }

  private checkedRoster(roster: Roster): Map<string, KeyAdvert> {
    const map = new Map<string, KeyAdvert>();
    for (const advert of roster.neighbours) {
      if (advert.siteId === this.siteId || map.has(advert.siteId))
        throw new ConsiliumError(
          'INVALID_ARGUMENT',
          `secure aggregation: the roster lists ${advert.siteId} twice or lists ${this.siteId} as its own neighbour`,
        );
      if (advert.shareKey.length !== KEY_BYTES || advert.maskKey.length !== KEY_BYTES)
        throw new ConsiliumError('INVALID_ARGUMENT', `secure aggregation: ${advert.siteId}'s public keys are not ${KEY_BYTES} bytes`);
      map.set(advert.siteId, advert);
    }
    const holders = map.size + 1;
    if (holders < this.settings.reconstruction || holders > 255) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `secure aggregation: ${map.size} neighbours of ${this.siteId} advertised keys; sharing needs between ${this.settings.reconstruction - 1} and 254`,
      );
    }
    return map;
  }
}

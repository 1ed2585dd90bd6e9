import { x25519 } from '@noble/curves/ed25519.js';
import { combine } from 'shamir-secret-sharing';

import { ConsiliumError } from '../../../common/errors.js';
import { addInto, signedSum, subtractFrom } from '../../../common/secure-aggregation/fixed-point.js';
import { neighbourhoods } from '../../../common/secure-aggregation/harary-graph.js';
import { applyPairwiseMask, selfMask } from '../../../common/secure-aggregation/masks.js';
import {
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
  type ShareCommitment,
} from '../../../common/secure-aggregation/secagg-messages.js';
import { boxLabel, commit, open, pairKey } from '../../../common/secure-aggregation/share-box.js';

export type SecAggPhaseName = 'advertise-keys' | 'share-keys' | 'collect-masked' | 'unmask' | 'done' | 'failed';

/** A site caught sending something the protocol forbids, with what it did. */
export interface Culprit {
  siteId: string;
  phase: SecAggPhaseName;
  reason: string;
}

export interface SecAggOutcome {
  /** Σ of the included sites' fixed-point inputs, read as signed integers. */
  sum: Int32Array;
  included: string[];
  /** Sites that shared keys but whose inputs are not in the sum (dropped, or excluded as culprits). */
  dropped: string[];
  culprits: Culprit[];
}

const HEX_64 = /^[0-9a-f]{64}$/;
const BOX_BYTES = 12 + 2 * SHARE_BYTES + 16;

/**
 * The coordinator's side of one secure-aggregation round: four phases, each
 * closed by the driver when every awaited site answered or its deadline
 * passed. The coordinator routes sealed shares it cannot open, learns only
 * the sum of the surviving inputs, and fails the round (computing nothing)
 * when fewer than `threshold` inputs survive or a secret cannot be rebuilt.
 * Every message is checked: a malformed one is refused with the site and the
 * field named, and a site caught lying is named among the culprits and left
 * out of the sum.
 */
export class SecAggRound {
  phase: SecAggPhaseName = 'advertise-keys';
  failure: string | null = null;
  readonly culprits: Culprit[] = [];
  private readonly adverts = new Map<string, KeyAdvert>();
  private graph = new Map<string, string[]>();
  private readonly bundles = new Map<string, ShareBundle>();
  private readonly inputs = new Map<string, MaskedInput>();
  private request: { survivors: string[]; dropped: string[] } | null = null;
  private readonly reveals = new Map<string, Reveal>();

  constructor(
    readonly settings: SecAggSettings,
    private readonly invited: readonly string[],
    /** Neighbours per site (SecAgg+), or null for every other site. */
    private readonly degree: number | null,
  ) {}

  /** The sites the current phase still waits for. */
  waitingFor(): string[] {
    const missing = (expected: Iterable<string>, got: Map<string, unknown>) => [...expected].filter((id) => !got.has(id));
    switch (this.phase) {
      case 'advertise-keys':
        return missing(this.invited, this.adverts);
      case 'share-keys':
        return missing(this.adverts.keys(), this.bundles);
      case 'collect-masked':
        return missing(this.bundles.keys(), this.inputs);
      case 'unmask':
        return missing(this.request!.survivors, this.reveals);
      default:
        return [];
    }
  }

  receiveAdvert(advert: KeyAdvert): void {
    const site = this.expect('advertise-keys', advert.siteId, this.invited.includes(advert.siteId), this.adverts);
    for (const field of ['shareKey', 'maskKey'] as const) {
      const key = advert[field];
      if (key.length !== KEY_BYTES || !usableKey(key)) this.refuse(site, `${field} is not an X25519 public key of ${KEY_BYTES} bytes that agrees a key`);
    }
    if (!HEX_64.test(advert.selfMaskCommitment)) this.refuse(site, 'selfMaskCommitment is not a SHA-256 in hex');
    this.adverts.set(site, advert);
  }

  /** Ends phase 1: each advertising site gets its neighbours' keys. */
  closeAdvertising(): Map<string, Roster> {
    this.check('advertise-keys');
    const sites = [...this.adverts.keys()].sort();
    this.atLeast(sites.length, 'sites advertised keys');
    this.graph = neighbourhoods(sites, this.degree, this.settings.roundId);
    const rosters = new Map<string, Roster>();
    for (const [site, near] of this.graph) {
      if (near.length + 1 < this.settings.reconstruction) {
        this.fail(
          `${site} has ${near.length} neighbours; rebuilding a secret from ${this.settings.reconstruction} shares needs at least ${this.settings.reconstruction - 1}`,
        );
      }
      rosters.set(site, { neighbours: near.map((id) => this.adverts.get(id)!) });
    }
    this.phase = 'share-keys';
    return rosters;
  }

  receiveShares(bundle: ShareBundle): void {
    const site = this.expect('share-keys', bundle.siteId, this.adverts.has(bundle.siteId), this.bundles);
    const near = this.graph.get(site)!;
    const sealedTo = bundle.sealed.map((s) => s.to).sort();
    if (bundle.sealed.some((s) => s.from !== site || s.box.length !== BOX_BYTES) || !sameList(sealedTo, near)) {
      this.refuse(site, `sealed must hold one box of ${BOX_BYTES} bytes from ${site} to each of its neighbours (${near.join(', ')})`);
    }
    const committedTo = bundle.commitments.map((c) => c.to).sort();
    const holders = [...near, site].sort();
    if (bundle.commitments.some((c) => c.from !== site || !HEX_64.test(c.keyShare) || !HEX_64.test(c.selfMaskShare)) || !sameList(committedTo, holders)) {
      this.refuse(site, `commitments must hold two SHA-256 hex digests for each share holder (${holders.join(', ')})`);
    }
    this.bundles.set(site, bundle);
  }

  /** Ends phase 2: each site that shared gets the boxes its sharing neighbours sealed to it. */
  closeSharing(): Map<string, Inbox> {
    this.check('share-keys');
    this.atLeast(this.bundles.size, 'sites shared their keys');
    const inboxes = new Map<string, Inbox>();
    for (const site of this.bundles.keys()) {
      const senders = this.graph.get(site)!.filter((id) => this.bundles.has(id));
      inboxes.set(site, {
        sealed: senders.map((from) => this.bundles.get(from)!.sealed.find((s) => s.to === site)!),
        commitments: senders.map((from) => this.commitment(from, site)),
      });
    }
    this.phase = 'collect-masked';
    return inboxes;
  }

  receiveMasked(input: MaskedInput): void {
    const site = this.expect('collect-masked', input.siteId, this.bundles.has(input.siteId), this.inputs);
    if (input.masked.length !== this.settings.vectorLength)
      this.refuse(site, `masked has ${input.masked.length} words, the round expects ${this.settings.vectorLength}`);
    const partners = this.partnersOf(site);
    for (const complaint of input.complaints) {
      if (!partners.includes(complaint.accused) || complaint.shareSecret.length !== KEY_BYTES) {
        this.refuse(site, `a complaint must name one of its sharing neighbours (${partners.join(', ')}) and carry its ${KEY_BYTES}-byte share-key secret`);
      }
    }
    this.inputs.set(site, input);
  }

  /** Ends phase 3: settles complaints, then asks the survivors to unmask; fails below the threshold. */
  closeCollecting(): { survivors: string[]; dropped: string[] } {
    this.check('collect-masked');
    const excluded = new Set<string>();
    for (const input of this.inputs.values()) {
      for (const complaint of input.complaints) excluded.add(this.settle(input.siteId, complaint.accused, complaint.shareSecret));
    }
    const survivors = [...this.inputs.keys()].filter((id) => !excluded.has(id)).sort();
    const dropped = [...this.bundles.keys()].filter((id) => !survivors.includes(id)).sort();
    this.atLeast(survivors.length, 'masked updates arrived from sites not caught lying');
    this.request = { survivors, dropped };
    this.phase = 'unmask';
    return this.request;
  }

  receiveReveal(reveal: Reveal): void {
    const { survivors, dropped } = this.request ?? { survivors: [], dropped: [] };
    const site = this.expect('unmask', reveal.siteId, survivors.includes(reveal.siteId), this.reveals);
    const near = new Set([site, ...this.partnersOf(site)]);
    const sound = (shares: RevealedShare[], allowed: string[], kind: 'key' | 'self-mask') => {
      const field = kind === 'key' ? 'keyShares' : 'selfMaskShares';
      if (new Set(shares.map((s) => s.of)).size !== shares.length) this.refuse(site, `${field} names a site twice`);
      return shares.filter(({ of, share }) => {
        if (!allowed.includes(of) || !near.has(of) || share.length !== SHARE_BYTES)
          this.refuse(site, `${field} holds a share of ${of}, which it was not asked for`);
        const committed = this.commitment(of, site)[kind === 'key' ? 'keyShare' : 'selfMaskShare'];
        if (commit(shareCommitLabel(kind, this.settings.roundId, of, site), share) === committed) return true;
        this.blame(site, 'unmask', `revealed a ${kind} share of ${of} that differs from the one ${of} committed to`);
        return false;
      });
    };
    this.reveals.set(site, {
      siteId: site,
      selfMaskShares: sound(reveal.selfMaskShares, survivors, 'self-mask'),
      keyShares: sound(reveal.keyShares, dropped, 'key'),
    });
  }

  /** Ends phase 4: rebuilds every secret the sum needs, checks each against its commitment, and removes the masks. */
  async closeUnmasking(): Promise<SecAggOutcome> {
    this.check('unmask');
    const { survivors, dropped } = this.request!;
    const { roundId, vectorLength } = this.settings;
    const seeds = new Map<string, Uint8Array>();
    for (const site of survivors) {
      const seed = await this.rebuild(site, 'selfMaskShares');
      if (commit(selfMaskCommitLabel(roundId, site), seed) !== this.adverts.get(site)!.selfMaskCommitment) {
        this.blame(site, 'unmask', 'its shares do not rebuild the self-mask seed it committed to');
        this.fail(`${site}'s self-mask cannot be removed: its shares do not rebuild the seed it committed to`);
      }
      seeds.set(site, seed);
    }
    const maskSecrets = new Map<string, Uint8Array>();
    for (const site of dropped) {
      const secret = await this.rebuild(site, 'keyShares');
      if (!sameBytes(x25519.getPublicKey(secret), this.adverts.get(site)!.maskKey)) {
        this.blame(site, 'unmask', 'its shares do not rebuild the mask key it advertised');
        this.fail(`${site}'s pairwise masks cannot be removed: its shares do not rebuild the mask key it advertised`);
      }
      maskSecrets.set(site, secret);
    }
    // Only now, with every secret in hand, is anything summed: a failure above reveals no partial sum.
    const total = new Uint32Array(vectorLength);
    for (const site of survivors) {
      addInto(total, this.inputs.get(site)!.masked);
      subtractFrom(total, selfMask(seeds.get(site)!, roundId, vectorLength));
    }
    for (const [site, secret] of maskSecrets) {
      for (const peer of this.partnersOf(site).filter((id) => survivors.includes(id))) {
        applyPairwiseMask(total, secret, this.adverts.get(peer)!.maskKey, roundId, site, peer);
      }
    }
    this.phase = 'done';
    return { sum: signedSum(total), included: survivors, dropped, culprits: this.culprits };
  }

  /** The sites whose boxes reached `site`: its neighbours that shared. */
  private partnersOf(site: string): string[] {
    return (this.graph.get(site) ?? []).filter((id) => this.bundles.has(id));
  }

  private commitment(from: string, to: string): ShareCommitment {
    return this.bundles.get(from)!.commitments.find((c) => c.to === to)!;
  }

  /** Decides a complaint by opening the box with the accuser's revealed key; returns the site found lying. */
  private settle(accuser: string, accused: string, shareSecret: Uint8Array): string {
    const { roundId } = this.settings;
    if (!sameBytes(x25519.getPublicKey(shareSecret), this.adverts.get(accuser)!.shareKey)) {
      this.blame(accuser, 'collect-masked', `complained about ${accused} with a key that is not its advertised share key`);
      return accuser;
    }
    const box = this.bundles.get(accused)!.sealed.find((s) => s.to === accuser)!.box;
    const plaintext = open(pairKey(shareSecret, this.adverts.get(accused)!.shareKey, roundId, accused, accuser), box, boxLabel(roundId, accused, accuser));
    const committed = this.commitment(accused, accuser);
    const sound =
      plaintext !== null &&
      commit(shareCommitLabel('key', roundId, accused, accuser), plaintext.subarray(0, SHARE_BYTES)) === committed.keyShare &&
      commit(shareCommitLabel('self-mask', roundId, accused, accuser), plaintext.subarray(SHARE_BYTES)) === committed.selfMaskShare;
    if (sound) {
      this.blame(accuser, 'collect-masked', `complained about a share from ${accused} that opens and matches its commitment`);
      return accuser;
    }
    this.blame(accused, 'share-keys', `sent ${accuser} a share that ${plaintext === null ? 'does not open' : 'differs from its commitment'}`);
    return accused;
  }

  private async rebuild(site: string, field: 'selfMaskShares' | 'keyShares'): Promise<Uint8Array> {
    const shares = [...this.reveals.values()].flatMap((r) => r[field].filter((s) => s.of === site).map((s) => s.share));
    const needed = this.settings.reconstruction;
    if (shares.length < needed) {
      const what = field === 'keyShares' ? 'mask key (it dropped out)' : 'self-mask seed';
      this.fail(`${shares.length} sound shares of ${site}'s ${what} were revealed, ${needed} needed to unmask; no sum is revealed`);
    }
    return combine(shares);
  }

  private expect(phase: SecAggPhaseName, siteId: string, member: boolean, seen: Map<string, unknown>): string {
    if (this.phase !== phase)
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `secure aggregation of round ${this.settings.roundId}: a ${phase} message from ${siteId} arrived in phase ${this.phase}`,
      );
    if (!member)
      throw new ConsiliumError('PERMISSION_DENIED', `secure aggregation of round ${this.settings.roundId}: ${siteId} takes no part in phase ${phase}`);
    if (seen.has(siteId))
      throw new ConsiliumError('ALREADY_EXISTS', `secure aggregation of round ${this.settings.roundId}: ${siteId} already answered phase ${phase}`);
    return siteId;
  }

  private refuse(siteId: string, problem: string): never {
    this.blame(siteId, this.phase, problem);
    throw new ConsiliumError('INVALID_ARGUMENT', `secure aggregation of round ${this.settings.roundId}, phase ${this.phase}, from ${siteId}: ${problem}`);
  }

  private blame(siteId: string, phase: SecAggPhaseName, reason: string): void {
    this.culprits.push({ siteId, phase, reason });
  }

  private check(phase: SecAggPhaseName): void {
    if (this.phase !== phase)
      throw new ConsiliumError('FAILED_PRECONDITION', `secure aggregation of round ${this.settings.roundId}: cannot close ${phase} in phase ${this.phase}`);
  }

  private atLeast(count: number, what: string): void {
    if (count < this.settings.threshold) this.fail(`${count} ${what}, fewer than the threshold of ${this.settings.threshold}; nothing is unmasked`);
  }

  private fail(reason: string): never {
    this.phase = 'failed';
    this.failure = reason;
    throw new ConsiliumError('FAILED_PRECONDITION', `secure aggregation of round ${this.settings.roundId} failed: ${reason}`);
  }
}

function usableKey(publicKey: Uint8Array): boolean {
  try {
    x25519.getSharedSecret(x25519.utils.randomSecretKey(), publicKey);
    return true;
  } catch {
    return false;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

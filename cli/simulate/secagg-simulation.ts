import { performance } from 'node:perf_hooks';

import { describeError } from '../../common/errors.js';
import { fixedPointFor } from '../../common/secure-aggregation/fixed-point.js';
import type { Inbox, MaskedInput, Reveal, SecAggSettings, ShareBundle } from '../../common/secure-aggregation/secagg-messages.js';
import { type Culprit, type SecAggOutcome, SecAggRound } from '../../coordinator/domain/secure-aggregation/secagg-round.js';
import { SecAggSite } from '../../site-agent/secure-aggregation/secagg-site.js';

/** What can go wrong with one site, at the phase it happens. */
export type SecAggFault =
  | { site: string; kind: 'drop-before-sharing' | 'drop-before-upload' | 'drop-during-unmask' | 'lie-in-unmask' }
  /** The box the site seals to `to` is corrupted on its way. */
  | { site: string; kind: 'malformed-share'; to: string }
  /** The site complains about `about`'s sound share (its copy is altered before it opens it, the coordinator's is not). */
  | { site: string; kind: 'false-complaint'; about: string };

export interface SecAggSimulationOptions {
  roundId: string;
  /** One input per site, values then weight (see weightedInput), in the order of siteIds. */
  inputs: ArrayLike<number>[];
  siteIds: string[];
  threshold: number;
  reconstruction: number;
  neighbours: number | null;
  clippingRange: number;
  faults?: SecAggFault[];
}

export interface SecAggSimulation {
  outcome: SecAggOutcome | null;
  /** Why the round failed, when it did. */
  failure: string | null;
  culprits: Culprit[];
  settings: SecAggSettings;
  /** Milliseconds: each phase's mean time per site and the coordinator's time. */
  siteMs: Record<'advertise' | 'share' | 'mask' | 'unmask', number>;
  coordinatorMs: Record<'advertise' | 'share' | 'collect' | 'unmask', number>;
  /** Mean bytes one site sends and receives over the round, beyond a plain float32 upload. */
  siteBytes: { sent: number; received: number };
}

/**
 * One secure-aggregation round run in one process, every message passed
 * through the real site and coordinator objects: used by the tests to drive
 * dropouts and lies at each phase, and by the privacy experiment to measure
 * the protocol's cost as the number of sites grows.
 */
export async function simulateSecAgg(options: SecAggSimulationOptions): Promise<SecAggSimulation> {
  const { siteIds, inputs, faults = [] } = options;
  const settings: SecAggSettings = {
    roundId: options.roundId,
    threshold: options.threshold,
    reconstruction: options.reconstruction,
    vectorLength: inputs[0]!.length,
    fixedPoint: fixedPointFor(siteIds.length, options.clippingRange),
  };
  const has = (site: string, kind: SecAggFault['kind']) => faults.some((f) => f.site === site && f.kind === kind);
  const round = new SecAggRound(settings, siteIds, options.neighbours);
  const sites = new Map(siteIds.map((id) => [id, new SecAggSite(id, settings)]));
  const siteMs = { advertise: 0, share: 0, mask: 0, unmask: 0 };
  const coordinatorMs = { advertise: 0, share: 0, collect: 0, unmask: 0 };
  const bytes = { sent: 0, received: 0 };
  const result = (outcome: SecAggOutcome | null, failure: string | null): SecAggSimulation => {
    const n = siteIds.length;
    const mean = <K extends string>(times: Record<K, number>) =>
      Object.fromEntries(Object.entries(times).map(([k, v]) => [k, (v as number) / n])) as Record<K, number>;
    return {
      outcome,
      failure,
      culprits: round.culprits,
      settings,
      siteMs: mean(siteMs),
      coordinatorMs,
      siteBytes: { sent: bytes.sent / n, received: bytes.received / n },
    };
  };
  const timed = async <T>(into: Record<string, number>, key: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await work();
    into[key] = (into[key] ?? 0) + performance.now() - start;
    return value;
  };

  try {
    for (const site of sites.values()) {
      const advert = await timed(siteMs, 'advertise', () => site.advertise());
      bytes.sent += 64 + 32;
      await timed(coordinatorMs, 'advertise', () => round.receiveAdvert(advert));
    }
    const rosters = await timed(coordinatorMs, 'advertise', () => round.closeAdvertising());
    for (const [id, roster] of rosters) {
      bytes.received += roster.neighbours.length * 96;
      if (has(id, 'drop-before-sharing')) continue;
      const bundle: ShareBundle = await timed(siteMs, 'share', () => sites.get(id)!.shareKeys(roster));
      for (const fault of faults) if (fault.kind === 'malformed-share' && fault.site === id) corrupt(bundle.sealed.find((s) => s.to === fault.to)!.box);
      bytes.sent += bundle.sealed.reduce((n, s) => n + s.box.length, 0) + bundle.commitments.length * 64;
      await timed(coordinatorMs, 'share', () => round.receiveShares(bundle));
    }
    const inboxes = await timed(coordinatorMs, 'share', () => round.closeSharing());
    for (const [id, inbox] of inboxes) {
      bytes.received += inbox.sealed.reduce((n, s) => n + s.box.length, 0) + inbox.commitments.length * 64;
      if (has(id, 'drop-before-upload')) continue;
      const site = sites.get(id)!;
      const input: MaskedInput = await timed(siteMs, 'mask', () => {
        site.receive(alteredFor(id, inbox, faults));
        return site.mask(inputs[siteIds.indexOf(id)]!);
      });
      bytes.sent += input.masked.byteLength - (settings.vectorLength - 1) * 4 + input.complaints.length * 32;
      await timed(coordinatorMs, 'collect', () => round.receiveMasked(input));
    }
    const request = await timed(coordinatorMs, 'collect', () => round.closeCollecting());
    for (const id of request.survivors) {
      bytes.received += (request.survivors.length + request.dropped.length) * 8;
      if (has(id, 'drop-during-unmask')) continue;
      const reveal: Reveal = await timed(siteMs, 'unmask', () => sites.get(id)!.reveal(request));
      if (has(id, 'lie-in-unmask')) for (const share of [...reveal.selfMaskShares, ...reveal.keyShares]) share.share = lie(share.share);
      bytes.sent += (reveal.selfMaskShares.length + reveal.keyShares.length) * 33;
      await timed(coordinatorMs, 'unmask', () => round.receiveReveal(reveal));
    }
    const outcome = await timed(coordinatorMs, 'unmask', () => round.closeUnmasking());
    return result(outcome, null);
  } catch (error) {
    return result(null, describeError(error));
  }
}

/** A site told to complain falsely sees a damaged copy of the box, so its complaint is real but the box was sound. */
function alteredFor(site: string, inbox: Inbox, faults: SecAggFault[]): Inbox {
  const about = faults.flatMap((f) => (f.kind === 'false-complaint' && f.site === site ? [f.about] : []));
  if (about.length === 0) return inbox;
  return {
    ...inbox,
    sealed: inbox.sealed.map((s) => {
      if (!about.includes(s.from)) return s;
      const box = s.box.slice();
      corrupt(box);
      return { ...s, box };
    }),
  };
}

function corrupt(box: Uint8Array): void {
  box[box.length - 1]! ^= 0x01;
}

function lie(share: Uint8Array): Uint8Array {
  const out = share.slice();
  out[0]! ^= 0xff;
  return out;
}

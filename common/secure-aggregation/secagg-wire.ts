import { z } from 'zod';

import { ConsiliumError } from '../errors.js';
import type { Inbox, KeyAdvert, MaskedInput, Reveal, Roster, ShareBundle } from './secagg-messages.js';

/** What a site sends in a secure-aggregation round, by phase. */
export type SecAggUpMessage =
  | { kind: 'advert'; advert: KeyAdvert }
  | { kind: 'shares'; bundle: ShareBundle }
  /** The masked input, with the site's guarded sample count and metrics in the clear (as an update header has them). */
  | { kind: 'masked'; input: MaskedInput; sampleCount: number; metrics: Record<string, number> }
  | { kind: 'reveal'; reveal: Reveal };

/** What the coordinator sends a site in a secure-aggregation round, by phase. */
export type SecAggDownMessage =
  { kind: 'roster'; roster: Roster } | { kind: 'inbox'; inbox: Inbox } | { kind: 'unmask'; request: { survivors: string[]; dropped: string[] } };

// Each side checks the other's messages at its edge. Sizes are bounded by the protocol: keys are 32 bytes, a share
// 33, a sealed box 94, a site list no longer than a federation, a masked input no longer than a gRPC message.
const MAX_SITES = 10_000;
const siteId = z.string().min(1).max(128);
const sites = z.array(siteId).max(MAX_SITES);
// Copied into plain Uint8Arrays: the generated code hands out Buffers, which the Shamir library refuses.
const bytes = (max: number) =>
  z
    .instanceof(Uint8Array)
    .refine((b) => b.length <= max, `at most ${max} bytes`)
    .transform((b) => new Uint8Array(b));
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const keys = z.object({ siteId, shareKey: bytes(32), maskKey: bytes(32), selfMaskCommitment: hex64 });
const sealed = z.object({ fromSite: siteId, toSite: siteId, box: bytes(256) });
const commitment = z.object({ fromSite: siteId, toSite: siteId, keyShare: hex64, selfMaskShare: hex64 });
const shares = z.object({ sealed: z.array(sealed).max(MAX_SITES), commitments: z.array(commitment).max(MAX_SITES) });
const revealed = z.array(z.object({ ofSite: siteId, share: bytes(64) })).max(MAX_SITES);
const upSchema = z.object({
  advert: keys.nullish(),
  shares: shares.nullish(),
  masked: z
    .object({
      masked: bytes(256 * 2 ** 20).refine((b) => b.length % 4 === 0, 'a whole number of 32-bit words'),
      complaints: z.array(z.object({ accused: siteId, shareSecret: bytes(32) })).max(MAX_SITES),
      sampleCount: z.number().int().nonnegative(),
      metrics: z.record(z.string().max(128), z.number()),
    })
    .nullish(),
  reveal: z.object({ selfMaskShares: revealed, keyShares: revealed }).nullish(),
});
const downSchema = z.object({
  roster: z.object({ neighbours: z.array(keys).max(MAX_SITES) }).nullish(),
  inbox: shares.nullish(),
  unmask: z.object({ survivors: sites, dropped: sites }).nullish(),
});

type WireShares = z.infer<typeof shares>;
type WireKeys = z.infer<typeof keys>;

/** A site's secure-aggregation message from its wire form (the generated message as a plain object), checked. */
export function secAggUpFromWire(plain: unknown, siteIdOfCaller: string): SecAggUpMessage {
  const parsed = upSchema.safeParse(plain);
  if (!parsed.success) throw ConsiliumError.fromZod('secure aggregation message', parsed.error);
  const { advert, shares: bundle, masked, reveal } = parsed.data;
  // The site's identity is its certificate's, never a field it sends.
  if (advert) return { kind: 'advert', advert: { ...advert, siteId: siteIdOfCaller } };
  if (bundle) return { kind: 'shares', bundle: { siteId: siteIdOfCaller, ...sharesFromWire(bundle) } };
  if (masked) {
    const words = new Uint32Array(masked.masked.length / 4);
    const view = new DataView(masked.masked.buffer, masked.masked.byteOffset, masked.masked.byteLength);
    for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
    return {
      kind: 'masked',
      input: { siteId: siteIdOfCaller, masked: words, complaints: masked.complaints },
      sampleCount: masked.sampleCount,
      metrics: masked.metrics,
    };
  }
  if (reveal) {
    const shares = (list: z.infer<typeof revealed>) => list.map((r) => ({ of: r.ofSite, share: r.share }));
    return { kind: 'reveal', reveal: { siteId: siteIdOfCaller, selfMaskShares: shares(reveal.selfMaskShares), keyShares: shares(reveal.keyShares) } };
  }
  throw new ConsiliumError('INVALID_ARGUMENT', 'secure aggregation message: set one of advert, shares, masked or reveal');
}

export function secAggUpToWire(message: SecAggUpMessage): Record<string, unknown> {
  switch (message.kind) {
    case 'advert':
      return { advert: message.advert };
    case 'shares':
      return { shares: sharesToWire(message.bundle) };
    case 'masked': {
      const { masked, complaints } = message.input;
      return { masked: { masked: maskedBytes(masked), complaints, sampleCount: message.sampleCount, metrics: message.metrics } };
    }
    case 'reveal': {
      const shares = (list: Reveal['keyShares']) => list.map((r) => ({ ofSite: r.of, share: r.share }));
      return { reveal: { selfMaskShares: shares(message.reveal.selfMaskShares), keyShares: shares(message.reveal.keyShares) } };
    }
  }
}

/**
 * A masked input as bytes, little-endian 32-bit words: how it travels, how the coordinator stores it, and what the
 * site's log hashes, so the site's record and the coordinator's blob name the same SHA-256.
 */
export function maskedBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((word, i) => view.setUint32(i * 4, word, true));
  return out;
}

/** A coordinator's secure-aggregation message from its wire form, checked. */
export function secAggDownFromWire(plain: unknown): SecAggDownMessage {
  const parsed = downSchema.safeParse(plain);
  if (!parsed.success) throw ConsiliumError.fromZod('secure aggregation message from the coordinator', parsed.error);
  const { roster, inbox, unmask } = parsed.data;
  if (roster) return { kind: 'roster', roster: { neighbours: roster.neighbours.map((k: WireKeys) => ({ ...k })) } };
  if (inbox) return { kind: 'inbox', inbox: sharesFromWire(inbox) };
  if (unmask) return { kind: 'unmask', request: unmask };
  throw new ConsiliumError('INVALID_ARGUMENT', 'secure aggregation message from the coordinator: set one of roster, inbox or unmask');
}

export function secAggDownToWire(message: SecAggDownMessage): Record<string, unknown> {
  switch (message.kind) {
    case 'roster':
      return { roster: message.roster };
    case 'inbox':
      return { inbox: sharesToWire(message.inbox) };
    case 'unmask':
      return { unmask: message.request };
  }
}

function sharesFromWire(wire: { sealed: { fromSite: string; toSite: string; box: Uint8Array }[]; commitments: WireShares['commitments'] }): Inbox {
  return {
    sealed: wire.sealed.map((s) => ({ from: s.fromSite, to: s.toSite, box: s.box })),
    commitments: wire.commitments.map((c) => ({ from: c.fromSite, to: c.toSite, keyShare: c.keyShare, selfMaskShare: c.selfMaskShare })),
  };
}

function sharesToWire(shares: Inbox): { sealed: { fromSite: string; toSite: string; box: Uint8Array }[]; commitments: WireShares['commitments'] } {
  return {
    sealed: shares.sealed.map((s) => ({ fromSite: s.from, toSite: s.to, box: s.box })),
    commitments: shares.commitments.map((c) => ({ fromSite: c.from, toSite: c.to, keyShare: c.keyShare, selfMaskShare: c.selfMaskShare })),
  };
}

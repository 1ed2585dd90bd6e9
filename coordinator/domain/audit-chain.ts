import { type KeyObject, sign, verify } from 'node:crypto';

import { canonicalJson, sha256Hex } from '../../common/hashing.js';

/** The hash a chain starts from: the first event's prevHash. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who did it: "site:<id>", "user:<name>", or "system" (the coordinator itself). */
export type AuditActor = `site:${string}` | `user:${string}` | 'system';

/** One state change, before it is sealed into the chain. */
export interface AuditEventInput {
  actor: AuditActor;
  /** e.g. "run.created", "update.accepted", "site.excluded". */
  action: string;
  /** Ids of what it concerns: runId, siteId, taskId, updateId, modelVersionId. */
  subjects: Record<string, string>;
  /** A small payload; big things are named by their SHA-256, never inlined. */
  payload: Record<string, unknown>;
}

export interface AuditRecord extends AuditEventInput {
  seq: number;
  at: string;
  payloadSha256: string;
  prevHash: string;
  hash: string;
}

/** SHA-256 over the canonical JSON of everything but the hash itself (the payload enters by its digest). */
export function hashOf(record: Omit<AuditRecord, 'hash' | 'payload'>): string {
  const { seq, at, actor, action, subjects, payloadSha256, prevHash } = record;
  return sha256Hex(canonicalJson({ seq, at, actor, action, subjects, payloadSha256, prevHash }));
}

/** Seals an event as number `seq` after the event whose hash is `prevHash`. */
export function seal(event: AuditEventInput, seq: number, at: string, prevHash: string): AuditRecord {
  const payloadSha256 = sha256Hex(canonicalJson(event.payload));
  const sealed = { ...event, seq, at, payloadSha256, prevHash };
  return { ...sealed, hash: hashOf(sealed) };
}

export type ChainVerdict = { ok: true; events: number; head: { seq: number; hash: string } | null } | { ok: false; seq: number; reason: string };

/**
 * Recomputes every digest and link of a chain given in sequence order and
 * names the first sequence number where it breaks: an edited payload or
 * field, a deleted event (a gap), events swapped or re-linked.
 */
export function verifyChain(records: readonly AuditRecord[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expected = 1;
  for (const record of records) {
    if (record.seq !== expected)
      return {
        ok: false,
        seq: expected,
        reason:
          record.seq > expected
            ? `event ${expected} is missing (the chain goes on at ${record.seq})`
            : `event ${record.seq} is out of order after ${expected - 1}`,
      };
    if (sha256Hex(canonicalJson(record.payload)) !== record.payloadSha256)
      return { ok: false, seq: record.seq, reason: 'its payload does not match its payload digest' };
    if (record.prevHash !== prevHash) return { ok: false, seq: record.seq, reason: `its previous hash is not event ${record.seq - 1}'s hash` };
    if (hashOf(record) !== record.hash) return { ok: false, seq: record.seq, reason: 'its hash does not match its contents' };
    prevHash = record.hash;
    expected += 1;
  }
  const last = records.at(-1);
  return { ok: true, events: records.length, head: last ? { seq: last.seq, hash: last.hash } : null };
}

/** What a checkpoint signs: the chain head at that moment. */
function checkpointMessage(seq: number, hash: string): Buffer {
  return Buffer.from(`consilium audit checkpoint ${seq} ${hash}`, 'utf8');
}

/** An Ed25519 signature (base64) over the chain head. */
export function signCheckpoint(privateKey: KeyObject, seq: number, hash: string): string {
  return sign(null, checkpointMessage(seq, hash), privateKey).toString('base64');
}

export function verifyCheckpoint(publicKey: KeyObject, seq: number, hash: string, signature: string): boolean {
  return verify(null, checkpointMessage(seq, hash), publicKey, Buffer.from(signature, 'base64'));
}

export type SliceVerdict =
  | {
      ok: true;
      events: number;
      first: number;
      last: number;
      /** Stretches of consecutive events whose links were checked, e.g. [[10, 14], [20, 20]]. */
      linked: [number, number][];
      /** The checkpoints in the slice whose signed head is one of its events, by the checkpoint's seq. */
      anchoredBy: number[];
    }
  | { ok: false; seq: number; reason: string };

/**
 * Verifies part of a chain (a per-run export, or a range): every event's
 * digests, every link between consecutive events present, and every
 * checkpoint's signature, anchoring the slice where the head it signed is in
 * it. Events between the stretches are not in the slice, so what lies there
 * is vouched for only by the full chain; the verdict names the stretches.
 */
export function verifySlice(records: readonly AuditRecord[], publicKey: KeyObject): SliceVerdict {
  if (records.length === 0) return { ok: false, seq: 0, reason: 'the file holds no events' };
  const bySeq = new Map<number, AuditRecord>();
  const linked: [number, number][] = [];
  let previous: AuditRecord | null = null;
  for (const record of records) {
    if (previous && record.seq <= previous.seq) return { ok: false, seq: record.seq, reason: `event ${record.seq} is out of order after ${previous.seq}` };
    if (sha256Hex(canonicalJson(record.payload)) !== record.payloadSha256)
      return { ok: false, seq: record.seq, reason: 'its payload does not match its payload digest' };
    if (hashOf(record) !== record.hash) return { ok: false, seq: record.seq, reason: 'its hash does not match its contents' };
    if (record.seq === 1 && record.prevHash !== GENESIS_HASH) return { ok: false, seq: 1, reason: 'the first event does not start from the genesis hash' };
    if (previous && record.seq === previous.seq + 1) {
      if (record.prevHash !== previous.hash) return { ok: false, seq: record.seq, reason: `its previous hash is not event ${previous.seq}'s hash` };
      linked.at(-1)![1] = record.seq;
    } else linked.push([record.seq, record.seq]);
    bySeq.set(record.seq, record);
    previous = record;
  }
  const anchoredBy: number[] = [];
  for (const record of records) {
    if (record.action !== 'audit.checkpoint') continue;
    const { signedSeq, signedHash, signature } = record.payload as { signedSeq: number; signedHash: string; signature: string };
    if (!verifyCheckpoint(publicKey, signedSeq, signedHash, signature))
      return { ok: false, seq: record.seq, reason: `checkpoint signature over event ${signedSeq} does not verify with the coordinator's key` };
    const signed = bySeq.get(signedSeq);
    if (signed && signed.hash !== signedHash) return { ok: false, seq: signedSeq, reason: `its hash is not the one checkpoint ${record.seq} signed` };
    if (signed) anchoredBy.push(record.seq);
  }
  return { ok: true, events: records.length, first: records[0]!.seq, last: previous!.seq, linked, anchoredBy };
}

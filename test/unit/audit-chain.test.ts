import { generateKeyPairSync } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { signReceipt, verifyReceipt } from '../../common/receipts.js';
import { GENESIS_HASH, seal, signCheckpoint, verifyChain, verifyCheckpoint, verifySlice } from '../../coordinator/domain/audit-chain.js';

const chain = () => {
  const records = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= 4; seq++) {
    const record = seal({ actor: 'system', action: 'test', subjects: { runId: 'r' }, payload: { seq, note: 'x' } }, seq, `2026-11-24T00:00:0${seq}.000Z`, prev);
    records.push(record);
    prev = record.hash;
  }
  return records;
};

describe('audit chain', () => {
  it('links each event to the one before and verifies end to end', () => {
    const records = chain();
    expect(records[0]!.prevHash).toBe(GENESIS_HASH);
    expect(records[2]!.prevHash).toBe(records[1]!.hash);
    expect(verifyChain(records)).toEqual({ ok: true, events: 4, head: { seq: 4, hash: records[3]!.hash } });
  });

  it('names the first broken event for an edit, a re-hashed edit, a deletion and a swap', () => {
    const edited = chain();
    edited[1] = { ...edited[1]!, payload: { seq: 2, note: 'y' } };
    expect(verifyChain(edited)).toEqual({ ok: false, seq: 2, reason: 'its payload does not match its payload digest' });
    // Re-sealing the edited event fixes its own digest, but the next event still points at the old hash.
    const resealed = chain();
    resealed[1] = seal(
      { actor: 'system', action: 'test', subjects: { runId: 'r' }, payload: { seq: 2, note: 'y' } },
      2,
      resealed[1]!.at,
      resealed[1]!.prevHash,
    );
    expect(verifyChain(resealed)).toEqual({ ok: false, seq: 3, reason: "its previous hash is not event 2's hash" });
    expect(verifyChain(chain().filter((r) => r.seq !== 3))).toEqual({ ok: false, seq: 3, reason: 'event 3 is missing (the chain goes on at 4)' });
    const swapped = chain();
    [swapped[1], swapped[2]] = [
      { ...swapped[2]!, seq: 2 },
      { ...swapped[1]!, seq: 3 },
    ];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, seq: 2 });
  });

  it('signs checkpoints and receipts with Ed25519; any change or another key fails', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519').publicKey;
    const head = chain()[3]!;
    const signature = signCheckpoint(privateKey, head.seq, head.hash);
    expect(verifyCheckpoint(publicKey, head.seq, head.hash, signature)).toBe(true);
    expect(verifyCheckpoint(publicKey, head.seq - 1, head.hash, signature)).toBe(false);
    expect(verifyCheckpoint(other, head.seq, head.hash, signature)).toBe(false);
    const fields = {
      updateId: 'u1',
      sha256: 'a'.repeat(64),
      accepted: true,
      reason: '',
      receivedAtUnixMs: 1_764_000_000_000,
      taskId: 't1',
      runId: 'r1',
      round: 2,
      auditSeq: 17,
    };
    const receipt = { ...fields, signature: signReceipt(privateKey, fields), keyId: 'k' };
    expect(verifyReceipt(publicKey, receipt)).toBe(true);
    expect(verifyReceipt(publicKey, { ...receipt, sha256: 'b'.repeat(64) })).toBe(false);
    expect(verifyReceipt(publicKey, { ...receipt, accepted: false })).toBe(false);
    expect(verifyReceipt(publicKey, { ...receipt, signature: 'not base64 at all' })).toBe(false);
    expect(verifyReceipt(other, receipt)).toBe(false);
  });
});

describe('audit slices', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  /** Eight events; event 6 is a checkpoint over event 5. */
  const long = () => {
    const records = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 8; seq++) {
      const payload = seq === 6 ? { signedSeq: 5, signedHash: records[4]!.hash, signature: signCheckpoint(privateKey, 5, records[4]!.hash) } : { seq };
      const record = seal(
        { actor: 'system', action: seq === 6 ? 'audit.checkpoint' : 'test', subjects: {}, payload },
        seq,
        `2026-11-24T00:00:0${seq}.000Z`,
        prev,
      );
      records.push(record);
      prev = record.hash;
    }
    return records;
  };

  it('verifies a per-run slice as a slice: stretches of links, anchored to the checkpoint that signs one of its events', () => {
    const records = long();
    const slice = [records[1]!, records[2]!, records[4]!, records[5]!, records[7]!];
    expect(verifySlice(slice, publicKey)).toEqual({
      ok: true,
      events: 5,
      first: 2,
      last: 8,
      linked: [
        [2, 3],
        [5, 6],
        [8, 8],
      ],
      anchoredBy: [6],
    });
    expect(verifySlice([records[1]!, records[2]!], publicKey)).toEqual({ ok: true, events: 2, first: 2, last: 3, linked: [[2, 3]], anchoredBy: [] });
  });

  it('finds an edit, a re-link, a forged checkpoint and a signed event that was swapped', () => {
    const records = long();
    const edited = [records[1]!, { ...records[2]!, payload: { seq: 99 } }];
    expect(verifySlice(edited, publicKey)).toEqual({ ok: false, seq: 3, reason: 'its payload does not match its payload digest' });
    const resealed = seal({ actor: 'system', action: 'test', subjects: {}, payload: { seq: 99 } }, 3, records[2]!.at, records[1]!.hash);
    expect(verifySlice([records[1]!, resealed, records[3]!], publicKey)).toEqual({ ok: false, seq: 4, reason: "its previous hash is not event 3's hash" });
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(verifySlice([records[4]!, records[5]!], other)).toEqual({
      ok: false,
      seq: 6,
      reason: "checkpoint signature over event 5 does not verify with the coordinator's key",
    });
    // A checkpoint later in the chain that signed event 3: a forged event 3 passes its own digests, not the signature.
    const signed3 = seal(
      {
        actor: 'system',
        action: 'audit.checkpoint',
        subjects: {},
        payload: { signedSeq: 3, signedHash: records[2]!.hash, signature: signCheckpoint(privateKey, 3, records[2]!.hash) },
      },
      9,
      '2026-11-24T00:00:09.000Z',
      records[7]!.hash,
    );
    const forged3 = seal({ actor: 'system', action: 'test', subjects: {}, payload: { seq: 3, forged: true } }, 3, records[2]!.at, records[1]!.hash);
    expect(verifySlice([forged3, signed3], publicKey)).toEqual({ ok: false, seq: 3, reason: 'its hash is not the one checkpoint 9 signed' });
    expect(verifySlice([records[2]!, signed3], publicKey)).toEqual({
      ok: true,
      events: 2,
      first: 3,
      last: 9,
      linked: [
        [3, 3],
        [9, 9],
      ],
      anchoredBy: [9],
    });
    expect(verifySlice([], publicKey)).toEqual({ ok: false, seq: 0, reason: 'the file holds no events' });
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signReceipt, verifyReceipt } from '../../common/receipts.js';
import { GENESIS_HASH, seal, signCheckpoint, verifyChain, verifyCheckpoint } from '../../coordinator/domain/audit-chain.js';

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
    resealed[1] = seal({ actor: 'system', action: 'test', subjects: { runId: 'r' }, payload: { seq: 2, note: 'y' } }, 2, resealed[1]!.at, resealed[1]!.prevHash);
    expect(verifyChain(resealed)).toEqual({ ok: false, seq: 3, reason: "its previous hash is not event 2's hash" });
    expect(verifyChain(chain().filter((r) => r.seq !== 3))).toEqual({ ok: false, seq: 3, reason: 'event 3 is missing (the chain goes on at 4)' });
    const swapped = chain();
    [swapped[1], swapped[2]] = [{ ...swapped[2]!, seq: 2 }, { ...swapped[1]!, seq: 3 }];
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
    const fields = { updateId: 'u1', sha256: 'a'.repeat(64), accepted: true, reason: '', receivedAtUnixMs: 1_764_000_000_000, taskId: 't1', runId: 'r1', round: 2, auditSeq: 17 };
    const receipt = { ...fields, signature: signReceipt(privateKey, fields), keyId: 'k' };
    expect(verifyReceipt(publicKey, receipt)).toBe(true);
    expect(verifyReceipt(publicKey, { ...receipt, sha256: 'b'.repeat(64) })).toBe(false);
    expect(verifyReceipt(publicKey, { ...receipt, accepted: false })).toBe(false);
    expect(verifyReceipt(publicKey, { ...receipt, signature: 'not base64 at all' })).toBe(false);
    expect(verifyReceipt(other, receipt)).toBe(false);
  });
});

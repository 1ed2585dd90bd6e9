import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Clock } from '../../common/clock.js';
import { canonicalJson, sha256Hex } from '../../common/hashing.js';
import { signReceipt } from '../../common/receipts.js';
import type { UpdateReceipt } from '../../common/task-order.js';
import { CONSILIUM_VERSION } from '../../common/version.js';
import { type AuditRecord, type ChainVerdict, signCheckpoint, verifyChain, verifyCheckpoint } from '../domain/audit-chain.js';
import type { AuditQuery } from '../persistence/repositories/audit.repository.js';
import type { Repositories } from '../persistence/repositories/index.js';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the public key's DER (SPKI) encoding, hex. */
  keyId: string;
}

/** Where the audit key lives: every process of one federation must hold the same one. */
export function signingKeyFile(stateDir: string): string {
  return path.join(stateDir, 'audit-signing-key.pem');
}

/** The coordinator's Ed25519 audit key: created by init or on first start beside its state, readable only by its owner. */
export function loadOrCreateSigningKey(stateDir: string): SigningKey {
  const file = signingKeyFile(stateDir);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    privateKey = generateKeyPairSync('ed25519').privateKey;
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex'),
  };
}

export type AuditVerdict = ChainVerdict & { checkpoints?: number };

/**
 * Signed checkpoints and verification of the audit chain. Checkpoints are
 * events themselves (`audit.checkpoint`): each carries an Ed25519 signature
 * over the head before it, so the chain and its signatures verify together.
 */
export class AuditLog {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly key: SigningKey,
  ) {}

  publicKey(): { keyId: string; algorithm: 'Ed25519'; publicKeyPem: string } {
    return { keyId: this.key.keyId, algorithm: 'Ed25519', publicKeyPem: this.key.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }

  signReceipt(receipt: Omit<UpdateReceipt, 'signature' | 'keyId'>): UpdateReceipt {
    return { ...receipt, signature: signReceipt(this.key.privateKey, receipt), keyId: this.key.keyId };
  }

  /** `coordinator.started`: the software version and a digest of the configuration (never its values: a database URL may carry a password). */
  async recordStart(config: object): Promise<void> {
    await this.repos.audit.append(
      {
        actor: 'system',
        action: 'coordinator.started',
        subjects: {},
        payload: { version: CONSILIUM_VERSION, configSha256: sha256Hex(canonicalJson(config)), keyId: this.key.keyId },
      },
      this.clock.iso(),
    );
  }

  /** Signs the current head; nothing to sign on an empty chain, or when the head is a checkpoint already. */
  async checkpoint(reason: string): Promise<AuditRecord | null> {
    return this.repos.transaction(async (tx) => {
      const head = await tx.audit.head();
      if (!head || head.action === 'audit.checkpoint') return null;
      const signature = signCheckpoint(this.key.privateKey, head.seq, head.hash);
      return tx.audit.append(
        {
          actor: 'system',
          action: 'audit.checkpoint',
          subjects: {},
          payload: { signedSeq: head.seq, signedHash: head.hash, signature, keyId: this.key.keyId, reason },
        },
        this.clock.iso(),
      );
    });
  }

  /** The signed head of the chain: a new checkpoint, or the head itself when it is one; null on an empty chain. */
  async signedHead(reason: string): Promise<{ signedSeq: number; signedHash: string; signature: string; keyId: string } | null> {
    const record = (await this.checkpoint(reason)) ?? (await this.repos.audit.head());
    if (!record || record.action !== 'audit.checkpoint') return null;
    const { signedSeq, signedHash, signature, keyId } = record.payload as { signedSeq: number; signedHash: string; signature: string; keyId: string };
    return { signedSeq, signedHash, signature, keyId };
  }

  /** Events in sequence order, filtered; a page of at most `limit`. */
  events(query: AuditQuery): Promise<AuditRecord[]> {
    return this.repos.audit.query(query);
  }

  /** Recomputes every hash and link, and checks every checkpoint signature against this coordinator's key. */
  async verify(): Promise<AuditVerdict> {
    const records: AuditRecord[] = [];
    for await (const record of this.repos.audit.all()) records.push(record);
    return verifyRecords(records, this.key.publicKey);
  }
}

/** Chain and checkpoint verification over records in sequence order (the live table, or an exported file). */
export function verifyRecords(records: readonly AuditRecord[], publicKey: KeyObject): AuditVerdict {
  const verdict = verifyChain(records);
  if (!verdict.ok) return verdict;
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  let checkpoints = 0;
  for (const record of records) {
    if (record.action !== 'audit.checkpoint') continue;
    const { signedSeq, signedHash, signature } = record.payload as { signedSeq: number; signedHash: string; signature: string };
    if (bySeq.get(signedSeq)?.hash !== signedHash || !verifyCheckpoint(publicKey, signedSeq, signedHash, signature)) {
      return { ok: false, seq: record.seq, reason: `checkpoint signature over event ${signedSeq} does not verify with the coordinator's key` };
    }
    checkpoints += 1;
  }
  return { ...verdict, checkpoints };
}

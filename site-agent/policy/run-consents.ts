import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ConsiliumError } from '../../common/errors.js';
import { canonicalJson, sha256Hex } from '../../common/hashing.js';
import { replaceFile } from '../../common/replace-file.js';
import type { RunOffer } from '../../common/task-order.js';

export interface Approval {
  specSha256: string;
  runId: string;
  name: string;
  /** The spec as approved, kept so the next offer can be shown as a diff against it. */
  specJson: string;
  approvedAt: string;
  revokedAt: string | null;
}

export interface StoredOffer extends RunOffer {
  receivedAt: string;
}

/** A run that ended needs no more consent: its offer is kept only for `site runs`. */
export function hasEnded(offer: Pick<RunOffer, 'status'>): boolean {
  return offer.status === 'completed' || offer.status === 'failed' || offer.status === 'cancelled';
}

interface ConsentFile {
  offers: StoredOffer[];
  approvals: Approval[];
}

/**
 * The site's own record of runs offered and specs approved, in
 * `<stateDir>/consents.json`. The agent writes offers as they arrive; hospital
 * IT approves and revokes by spec hash with the CLI; the agent rereads the
 * file when it changes. Approvals name a hash, so a changed spec needs a new one.
 */
export class RunConsents {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'consents.json');
  }

  read(): ConsentFile {
    if (!existsSync(this.file)) return { offers: [], approvals: [] };
    return JSON.parse(readFileSync(this.file, 'utf8')) as ConsentFile;
  }

  private async write(contents: ConsentFile): Promise<void> {
    await replaceFile(this.file, JSON.stringify(contents, null, 2));
  }

  /** Keeps the offer (replacing an earlier one of the run) after checking that its spec hashes to the hash it claims. */
  async recordOffer(offer: RunOffer, now: Date): Promise<StoredOffer> {
    const actual = sha256Hex(canonicalJson(JSON.parse(offer.specJson)));
    if (actual !== offer.specSha256) {
      throw new ConsiliumError('INVALID_ARGUMENT', `run ${offer.runId}: offered spec hashes to ${actual}, not the ${offer.specSha256} it claims; refused`);
    }
    const contents = this.read();
    const stored = { ...offer, receivedAt: now.toISOString() };
    contents.offers = [...contents.offers.filter((o) => o.runId !== offer.runId), stored];
    await this.write(contents);
    return stored;
  }

  offer(runId: string): StoredOffer | undefined {
    return this.read().offers.find((o) => o.runId === runId);
  }

  /** The live approval of this spec hash, if any. */
  approval(specSha256: string): Approval | undefined {
    return this.read().approvals.find((a) => a.specSha256 === specSha256 && !a.revokedAt);
  }

  /** The most recent approval of a spec other than this one: what a new offer is compared with. */
  previousApproval(except: string): Approval | undefined {
    return this.read()
      .approvals.filter((a) => a.specSha256 !== except)
      .sort((a, b) => b.approvedAt.localeCompare(a.approvedAt))[0];
  }

  /** An offered spec by its hash or a unique prefix of at least 8 hex digits. */
  findOffer(hashOrPrefix: string): StoredOffer {
    const prefix = hashOrPrefix.toLowerCase();
    if (!/^[0-9a-f]{8,64}$/.test(prefix))
      throw new ConsiliumError('INVALID_ARGUMENT', `"${hashOrPrefix}" is not a spec hash: give at least 8 hex digits (consilium site runs lists them)`);
    const matches = [
      ...new Map(
        this.read()
          .offers.filter((o) => o.specSha256.startsWith(prefix))
          .map((o) => [o.specSha256, o]),
      ).values(),
    ];
    if (matches.length === 0)
      throw new ConsiliumError('NOT_FOUND', `no offered run has spec ${hashOrPrefix}; \`consilium site runs\` lists the offers this site received`);
    if (matches.length > 1) throw new ConsiliumError('INVALID_ARGUMENT', `${hashOrPrefix} matches ${matches.length} specs; give more digits`);
    return matches[0]!;
  }

  async approve(hashOrPrefix: string, now: Date): Promise<Approval> {
    const offer = this.findOffer(hashOrPrefix);
    const existing = this.approval(offer.specSha256);
    if (existing) return existing;
    const approval: Approval = {
      specSha256: offer.specSha256,
      runId: offer.runId,
      name: offer.name,
      specJson: offer.specJson,
      approvedAt: now.toISOString(),
      revokedAt: null,
    };
    const contents = this.read();
    contents.approvals.push(approval);
    await this.write(contents);
    return approval;
  }

  async revoke(hashOrPrefix: string, now: Date): Promise<Approval> {
    const offer = this.findOffer(hashOrPrefix);
    const contents = this.read();
    const live = contents.approvals.find((a) => a.specSha256 === offer.specSha256 && !a.revokedAt);
    if (!live) throw new ConsiliumError('FAILED_PRECONDITION', `spec ${offer.specSha256} is not approved at this site`);
    live.revokedAt = now.toISOString();
    await this.write(contents);
    return live;
  }
}

import { createHash } from 'node:crypto';

const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/**
 * The dataset fingerprint: a Merkle root over one leaf per sample,
 * SHA-256(content hash ␉ label), leaves sorted. Names exactly which content
 * with which labels a site used: renaming or moving files keeps it, changing
 * one label or one image changes it, and a single sample's membership can be
 * proven later with its path of sibling hashes.
 */
export function merkleRoot(samples: readonly { contentSha256: string; label: string }[]): string {
  let level = samples.map((s) => sha256(`${s.contentSha256}\t${s.label}`)).sort(Buffer.compare);
  if (level.length === 0) return sha256('').toString('hex');
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      // An unpaired last node moves up unchanged (no duplication, so no second preimage from padding).
      next.push(i + 1 < level.length ? sha256(Buffer.concat([level[i]!, level[i + 1]!])) : level[i]!);
    }
    level = next;
  }
  return level[0]!.toString('hex');
}

import { createHash } from 'node:crypto';

import type { LabelSource } from '../data/dataset.js';

const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/**
 * The dataset fingerprint: a Merkle root over one leaf per sample,
 * SHA-256(content hash ␉ label [␉ label source]), leaves sorted. Names
 * exactly which content with which labels a site used, and where each label
 * came from (a reader, a consensus, a model's pre-annotation and by which
 * model, reviewed or not): renaming or moving files keeps it, changing one
 * label, its source or one image changes it, and a single sample's membership
 * can be proven later with its path of sibling hashes. A person's label adds
 * nothing to the leaf, so such datasets keep the fingerprints they had.
 */
export function merkleRoot(samples: readonly { contentSha256: string; label: string; labelSource?: LabelSource }[]): string {
  let level = samples.map((s) => sha256(`${s.contentSha256}\t${s.label}${sourceTag(s.labelSource)}`)).sort(Buffer.compare);
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

function sourceTag(source: LabelSource | undefined): string {
  if (!source) return '';
  if (source.kind === 'consensus') return '\tconsensus';
  return `\tmodel-assisted:${source.modelSha256}:${source.reviewed ? 'reviewed' : 'unreviewed'}`;
}

import { createHash } from 'node:crypto';

/** One sample as listed by a scan: a stable id, its label, and a hash of its content. */
export interface SampleRef {
  id: string;
  label: string;
  contentSha256: string;
}

export interface SkippedFile {
  id: string;
  reason: string;
}

export interface ScanResult {
  samples: SampleRef[];
  skipped: SkippedFile[];
}

/** Decoded samples for one input shape: features row-major, one row per kept sample. */
export interface DecodedSamples {
  samples: SampleRef[];
  features: Float32Array;
  skipped: SkippedFile[];
}

/** A site's data, whatever its format. Implementations read files; nothing leaves the site. */
export interface DatasetSource {
  readonly kind: string;
  /** Decoding reads no files (the scan keeps the values), so decoded rows are not worth caching. */
  readonly inMemory: boolean;
  scan(): Promise<ScanResult>;
  /** Decodes every scanned sample to the given shape (without batch dimension), scaled to [0, 1] for images. */
  decode(samples: readonly SampleRef[], inputShape: readonly number[]): Promise<DecodedSamples>;
}

/**
 * Whether a sample is in the validation split, decided by a hash of its id:
 * the split never changes between runs or restarts, and needs no state.
 */
export function isValidationSample(id: string, fraction: number): boolean {
  if (fraction <= 0) return false;
  const digest = createHash('sha256').update(id).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < fraction;
}

/** SHA-256 over every sample's id, label and content hash, in id order: names exactly which data was used. */
export function datasetFingerprint(samples: readonly SampleRef[]): string {
  const hash = createHash('sha256');
  for (const s of [...samples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    hash.update(`${s.id}\t${s.label}\t${s.contentSha256}\n`);
  }
  return hash.digest('hex');
}

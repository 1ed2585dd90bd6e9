import { createHash, type Hash } from 'node:crypto';

import { ConsiliumError } from './errors.js';

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/** Slices of `data` from `offset` on, `chunkBytes` each (the last may be shorter); views, not copies. */
export function* chunksOf(data: Uint8Array, chunkBytes = DEFAULT_CHUNK_BYTES, offset = 0): Generator<{ offset: number; data: Uint8Array }> {
  if (chunkBytes <= 0) throw new ConsiliumError('INVALID_ARGUMENT', 'chunk size must be positive');
  for (let at = offset; at < data.length; at += chunkBytes) {
    yield { offset: at, data: data.subarray(at, Math.min(at + chunkBytes, data.length)) };
  }
}

/**
 * Collects a stream of chunks up to a declared size and hashes as it goes, so
 * a sender that lies about the size is stopped at the first byte too many and
 * a corrupted transfer is caught without a second pass over the bytes.
 */
export class ChunkAssembler {
  private readonly parts: Uint8Array[] = [];
  private received = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(
    readonly expectedBytes: number,
    private readonly what: string,
  ) {}

  get receivedBytes(): number {
    return this.received;
  }

  add(chunk: Uint8Array): void {
    if (this.received + chunk.length > this.expectedBytes) {
      throw new ConsiliumError('INVALID_ARGUMENT', `${this.what} is larger than the ${this.expectedBytes} bytes its header declared`);
    }
    this.parts.push(chunk);
    this.hash.update(chunk);
    this.received += chunk.length;
  }

  /** Returns the whole payload after checking its size and SHA-256. */
  finish(expectedSha256: string): Buffer {
    if (this.received !== this.expectedBytes) {
      throw new ConsiliumError('INVALID_ARGUMENT', `${this.what} ended after ${this.received} of the ${this.expectedBytes} bytes its header declared`);
    }
    const actual = this.hash.digest('hex');
    if (actual !== expectedSha256) {
      throw new ConsiliumError('INVALID_ARGUMENT', `${this.what} SHA-256 mismatch: header says ${expectedSha256}, bytes hash to ${actual}`);
    }
    return Buffer.concat(this.parts, this.received);
  }
}

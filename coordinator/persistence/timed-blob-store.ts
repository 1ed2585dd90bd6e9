import type { BlobReader, BlobStore } from './storage.port.js';

export type BlobOperation = 'put' | 'adopt' | 'get' | 'open' | 'probe';

/**
 * A blob store that tells `observe` how long each call took and whether it
 * succeeded, for the metrics: the time the blob store costs a round (an S3
 * fetch happens when a reader is opened) shows beside the database's.
 */
export class TimedBlobStore implements BlobStore {
  constructor(
    private readonly store: BlobStore,
    private readonly observe: (operation: BlobOperation, seconds: number, ok: boolean) => void,
  ) {}

  put(bytes: Uint8Array): Promise<string> {
    return this.timed('put', () => this.store.put(bytes));
  }

  adopt(file: string, sha256: string): Promise<void> {
    return this.timed('adopt', () => this.store.adopt(file, sha256));
  }

  get(sha256: string): Promise<Buffer> {
    return this.timed('get', () => this.store.get(sha256));
  }

  openReader(sha256: string): Promise<BlobReader> {
    return this.timed('open', () => this.store.openReader(sha256));
  }

  probeWrite(): Promise<void> {
    return this.timed('probe', () => this.store.probeWrite());
  }

  private async timed<T>(operation: BlobOperation, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let ok = false;
    try {
      const result = await call();
      ok = true;
      return result;
    } finally {
      this.observe(operation, (performance.now() - started) / 1000, ok);
    }
  }
}

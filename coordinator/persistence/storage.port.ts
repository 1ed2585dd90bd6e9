/**
 * Synchronous positional reads on one stored blob: what the strategies'
 * slice walk needs (a few µs a read from the page cache). A remote object
 * store's adapter fetches the blob to a local cache file when it is opened.
 */
export interface BlobReader {
  readonly size: number;
  /** Reads into `into` from `position`; returns the bytes read, 0 at the end. */
  read(into: Uint8Array, position: number): number;
  close(): void;
}

/** The dependency-injection token of the coordinator's BlobStore (an interface has no runtime class to name it). */
export const BLOB_STORE = 'BlobStore';

/** Content-addressed storage of models, updates and strategy state, by SHA-256. Every adapter passes test/integration/blob-store.contract.ts. */
export interface BlobStore {
  /** Stores the bytes (idempotent) and returns their SHA-256. */
  put(bytes: Uint8Array): Promise<string>;
  /** Takes over a finished local file whose SHA-256 the caller checked; the file is gone afterwards either way. */
  adopt(file: string, sha256: string): Promise<void>;
  /** The whole blob; NOT_FOUND when absent. */
  get(sha256: string): Promise<Buffer>;
  /** A reader the caller closes, once the bytes are local; NOT_FOUND when absent. */
  openReader(sha256: string): Promise<BlobReader>;
  /**
   * Writes, reads back and removes a probe object outside the content
   * address space; throws (UNAVAILABLE, naming the store and the cause) when
   * the store cannot take a write now. Readiness asks it, since an
   * idempotent put of a blob already stored proves nothing.
   */
  probeWrite(): Promise<void>;
}

/**
 * One stream's hold on an upload: the file kept open, each chunk shown to
 * `observe` (the stream's scanner) in order and written after what is held.
 */
export interface PartialWriter {
  readonly file: string;
  /** Bytes held, or on their way to the file: the ones before this stream's included. */
  readonly held: number;
  /** Starts the chunk's write; waits only while the store's bound of writes is under way. */
  write(chunk: Uint8Array): Promise<void>;
  /** Waits for every write; throws the first that failed, or if a newer stream took the upload over. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Updates being uploaded, kept as they arrive so a broken stream resumes; every adapter passes the upload contract suite. */
export interface UploadStore {
  open(siteId: string, taskId: string, sha256: string, observe: (bytes: Uint8Array) => void): Promise<PartialWriter>;
  /** Bytes held so far; 0 when none. */
  size(siteId: string, taskId: string, sha256: string): Promise<number>;
  discard(siteId: string, taskId: string, sha256: string): Promise<void>;
  /** Deletes uploads nobody added to for `maxAgeMs`; returns how many. */
  sweep(maxAgeMs: number, now?: number): Promise<number>;
}

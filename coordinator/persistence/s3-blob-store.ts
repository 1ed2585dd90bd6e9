import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { SHA256_HEX, sha256Hex } from '../../common/hashing.js';
import { fileReader } from './blob-store.js';
import type { BlobReader, BlobStore } from './storage.port.js';

/** Where an S3-compatible store keeps the blobs, and how much of them the coordinator keeps local for reading. */
export interface S3BlobStoreOptions {
  bucket: string;
  /** Endpoint of a non-AWS store (MinIO, Ceph RGW); absent: AWS S3 in `region`. */
  endpoint?: string;
  region: string;
  /** Bucket in the path (http://host/bucket/key), which most self-hosted stores need. */
  forcePathStyle: boolean;
  /** Key prefix, so one bucket may hold several federations. */
  prefix: string;
  /** Folder for blobs fetched to be read (the strategies' slice walk and model downloads read local files). */
  cacheDir: string;
  /** Bytes the cache may hold; the least recently used blobs go first. */
  cacheBytes: number;
  /** Credentials; absent: the SDK's default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Objects larger than this go up in parts, each with its own checksum; S3 allows 5 MiB to 5 GiB a part. */
const PART_BYTES = 16 * 1024 * 1024;
/** Ranged GETs in flight while a blob is fetched to the cache. */
const RANGES_AT_ONCE = 4;

/**
 * Content-addressed blobs in an S3-compatible object store (AWS S3, MinIO,
 * Ceph RGW), through the official AWS SDK: `<prefix>blobs/ab/abcdef…`. Every
 * PUT and part carries Content-MD5, which the server checks against the body
 * it received before it stores anything; every read is checked against the
 * SHA-256 the key names, so a blob that changed in the store is never served.
 * Objects appear whole or not at all, so a crash never leaves half a blob
 * under a valid key. The strategies read blobs through synchronous
 * positional reads, so `openReader` first fetches the blob into a bounded
 * local cache by parallel ranged GETs.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(private readonly options: S3BlobStoreOptions) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Content-MD5 is what every S3-compatible store verifies; the SDK's newer trailing CRC checksums are not.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private keyOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new ConsiliumError('INVALID_ARGUMENT', `"${sha256}" is not a SHA-256 hex digest`);
    return `${this.options.prefix}blobs/${sha256.slice(0, 2)}/${sha256}`;
  }

  private get where(): string {
    return `s3://${this.options.bucket}/${this.options.prefix}${this.options.endpoint ? ` at ${this.options.endpoint}` : ''}`;
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const key = this.keyOf(sha256);
    // Already stored: content addressing makes the write idempotent.
    if (!(await this.sizeOf(key))) await this.send(`store blob ${sha256}`, () => this.putObject(key, bytes));
    return sha256;
  }

  /**
   * Uploads a finished local file (in parts when large), then moves it into
   * the read cache: the round that accepted the update aggregates it without
   * fetching it back. The file is gone from where it was either way.
   */
  async adopt(file: string, sha256: string): Promise<void> {
    const key = this.keyOf(sha256);
    try {
      if (!(await this.sizeOf(key))) {
        const { size } = await stat(file);
        if (size <= PART_BYTES) await this.send(`store blob ${sha256}`, async () => this.putObject(key, await readFile(file)));
        else await this.multipart(key, file, size, sha256);
      }
      const cached = path.join(this.options.cacheDir, sha256);
      await mkdir(this.options.cacheDir, { recursive: true });
      // The caller checked the file's SHA-256, so it may stand for the stored blob; another filesystem: no cache copy.
      await rename(file, cached).then(
        () => this.evict(cached),
        () => undefined,
      );
    } finally {
      await rm(file, { force: true });
    }
  }

  async get(sha256: string): Promise<Buffer> {
    const key = this.keyOf(sha256);
    const body = await this.send(`read blob ${sha256}`, async () => {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    });
    if (sha256Hex(body) !== sha256) throw changed(sha256, this.where);
    return body;
  }

  async openReader(sha256: string): Promise<BlobReader> {
    const file = await this.cached(sha256);
    // Touched, so the cache's eviction takes the least recently read first.
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return fileReader(file);
  }

  async probeWrite(): Promise<void> {
    const key = `${this.options.prefix}probes/${randomUUID()}`;
    const bytes = Buffer.from(`consilium readiness probe ${key}`);
    try {
      await this.putObject(key, bytes);
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (Buffer.compare(Buffer.from(await answer.Body!.transformToByteArray()), bytes) !== 0) throw new Error('the probe read back different bytes');
    } catch (error) {
      throw new ConsiliumError('UNAVAILABLE', `the blob store ${this.where} cannot take a write: ${describeError(error)}`);
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key })).catch(() => undefined);
    }
  }

  /** The blob's local copy, fetched once however many readers ask at the same time. */
  private cached(sha256: string): Promise<string> {
    const key = this.keyOf(sha256);
    const file = path.join(this.options.cacheDir, sha256);
    let pending = this.fetching.get(sha256);
    if (!pending) {
      pending = (async () => {
        if (
          await stat(file).then(
            () => true,
            () => false,
          )
        )
          return file;
        await this.fetch(key, sha256, file);
        await this.evict(file);
        return file;
      })().finally(() => this.fetching.delete(sha256));
      this.fetching.set(sha256, pending);
    }
    return pending;
  }

  /** Parallel ranged GETs into a temporary file, checked against the SHA-256, then renamed into the cache. */
  private async fetch(key: string, sha256: string, file: string): Promise<void> {
    const size = await this.sizeOf(key);
    if (size === null) throw new ConsiliumError('NOT_FOUND', `blob ${sha256} is not in the blob store ${this.where}`);
    await mkdir(this.options.cacheDir, { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      const ranges: number[] = [];
      for (let at = 0; at < size; at += PART_BYTES) ranges.push(at);
      let next = 0;
      const worker = async () => {
        while (next < ranges.length) {
          const start = ranges[next++]!;
          const end = Math.min(size, start + PART_BYTES) - 1;
          const bytes = await this.send(`read blob ${sha256}`, async () => {
            const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key, Range: `bytes=${start}-${end}` }));
            return answer.Body!.transformToByteArray();
          });
          if (bytes.length !== end - start + 1) throw changed(sha256, this.where);
          await handle.write(bytes, 0, bytes.length, start);
        }
      };
      await Promise.all(Array.from({ length: Math.min(RANGES_AT_ONCE, ranges.length) }, worker));
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    if ((await hashOf(temporary)) !== sha256) {
      await rm(temporary, { force: true });
      throw changed(sha256, this.where);
    }
    await rename(temporary, file);
  }

  /** Removes the least recently read cached blobs until the cache is within its bound; `keep` stays. */
  private async evict(keep: string): Promise<void> {
    const names = (await readdir(this.options.cacheDir)).filter((name) => SHA256_HEX.test(name));
    const files = await Promise.all(
      names.map(async (name) => ({ file: path.join(this.options.cacheDir, name), ...(await stat(path.join(this.options.cacheDir, name))) })),
    );
    let total = files.reduce((sum, f) => sum + f.size, 0);
    // An open reader keeps its descriptor on a removed file, so eviction never breaks a read under way.
    for (const f of files.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
      if (total <= this.options.cacheBytes) break;
      if (f.file === keep) continue;
      await rm(f.file, { force: true });
      total -= f.size;
    }
  }

  private async putObject(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: bytes, ContentMD5: md5(bytes), ContentLength: bytes.length }));
  }

  /** A large finished upload in parts of PART_BYTES, each read from the file and checked by the server; aborted on failure. */
  private async multipart(key: string, file: string, size: number, sha256: string): Promise<void> {
    const bucket = this.options.bucket;
    const { UploadId } = await this.send(`store blob ${sha256}`, () => this.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key })));
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      const handle = await open(file, 'r');
      try {
        for (let at = 0, number = 1; at < size; at += PART_BYTES, number++) {
          const bytes = Buffer.allocUnsafe(Math.min(PART_BYTES, size - at));
          await handle.read(bytes, 0, bytes.length, at);
          const { ETag } = await this.send(`store blob ${sha256}`, () =>
            this.client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: number, Body: bytes, ContentMD5: md5(bytes) })),
          );
          parts.push({ ETag: ETag!, PartNumber: number });
        }
      } finally {
        await handle.close();
      }
      await this.send(`store blob ${sha256}`, () =>
        this.client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } })),
      );
    } catch (error) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId })).catch(() => undefined);
      throw error;
    }
  }

  /** The object's size, or null when there is none. */
  private async sizeOf(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw new ConsiliumError('UNAVAILABLE', `the blob store ${this.where} cannot be reached: ${describeError(error)}`);
    }
  }

  /** One request, its failure named: NOT_FOUND for a missing object, UNAVAILABLE for the rest. */
  private async send<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof ConsiliumError) throw error;
      if (isNotFound(error)) throw new ConsiliumError('NOT_FOUND', `${what}: it is not in the blob store ${this.where}`);
      throw new ConsiliumError('UNAVAILABLE', `${what} in the blob store ${this.where}: ${describeError(error)}`);
    }
  }
}

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('base64');

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

function changed(sha256: string, where: string): ConsiliumError {
  return new ConsiliumError('INTERNAL', `blob ${sha256} in the blob store ${where} no longer has the SHA-256 its key names; restore it from a backup`);
}

async function hashOf(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

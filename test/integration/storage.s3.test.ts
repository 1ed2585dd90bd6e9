import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';

import { sha256Hex } from '../../common/hashing.js';
import { S3BlobStore, type S3BlobStoreOptions } from '../../coordinator/persistence/s3-blob-store.js';
import { startAgentSite } from '../support/agent-site.js';
import { api, postJson, testCoordinator, tinySpec, waitRunEnd } from '../support/coordinator.js';
import { blobStoreContract } from './storage.contract.js';

/**
 * The blob contract against a real S3-protocol server: .ci/run starts Ceph's
 * RADOS Gateway on loopback (scripts/s3-test-server.sh) and sets
 * CONSILIUM_S3_ENDPOINT with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
 * Without it the suite cannot run here, and in CI that is a failure.
 */
const endpoint = process.env['CONSILIUM_S3_ENDPOINT'];
if (!endpoint && process.env['CI']) throw new Error('CONSILIUM_S3_ENDPOINT is not set: .ci/run starts the S3 test server and sets it');

const client = () => new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
let buckets = 0;

/** A store in a fresh bucket with its own cache folder; `cacheBytes` bounds the cache. */
async function freshStore(cacheBytes = 1 << 30): Promise<{ store: S3BlobStore; options: S3BlobStoreOptions }> {
  const bucket = `consilium-${process.pid}-${Date.now()}-${buckets++}`;
  await client().send(new CreateBucketCommand({ Bucket: bucket }));
  const options = {
    bucket,
    endpoint: endpoint!,
    region: 'us-east-1',
    forcePathStyle: true,
    prefix: 'federation-a/',
    cacheDir: mkdtempSync(path.join(tmpdir(), 'consilium-s3-cache-')),
    cacheBytes,
  };
  return { store: new S3BlobStore(options), options };
}

describe.skipIf(!endpoint)('S3 blob store against a real server', () => {
  blobStoreContract('S3', async () => (await freshStore()).store);

  it('adopts a file larger than a part in parts, and reads it back whole and by ranges into the cache', async () => {
    const { store, options } = await freshStore();
    const size = 40 * 1024 * 1024 + 123;
    const content = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) content[i] = (i / 4096) % 251;
    const sha = sha256Hex(content);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'consilium-adopt-')), 'upload.part');
    writeFileSync(file, content);
    await store.adopt(file, sha);
    const reader = await store.openReader(sha);
    try {
      expect(reader.size).toBe(size);
      const tail = new Uint8Array(200);
      expect(reader.read(tail, size - 200)).toBe(200);
      expect(Buffer.compare(tail, content.subarray(size - 200))).toBe(0);
    } finally {
      reader.close();
    }
    expect(readdirSync(options.cacheDir)).toEqual([sha]);
    expect(Buffer.compare(await store.get(sha), content)).toBe(0);
  }, 120_000);

  it('refuses to serve a blob whose bytes in the store no longer match its SHA-256', async () => {
    const { store, options } = await freshStore();
    const sha = await store.put(Buffer.from('the original'));
    await client().send(
      new PutObjectCommand({ Bucket: options.bucket, Key: `federation-a/blobs/${sha.slice(0, 2)}/${sha}`, Body: Buffer.from('tampered!!!!') }),
    );
    const message = `blob ${sha} in the blob store s3://${options.bucket}/federation-a/ at ${endpoint} no longer has the SHA-256 its key names; restore it from a backup`;
    await expect(store.get(sha)).rejects.toMatchObject({ code: 'INTERNAL', message });
    await expect(store.openReader(sha)).rejects.toMatchObject({ code: 'INTERNAL', message });
    expect(readdirSync(options.cacheDir)).toEqual([]);
  });

  it('keeps the cache within its bound, the least recently read blob going first', async () => {
    const { store, options } = await freshStore(2500);
    const blobs = [1, 2, 3].map((n) => Buffer.alloc(1000, n));
    const shas = await Promise.all(blobs.map((b) => store.put(b)));
    for (const sha of shas) (await store.openReader(sha)).close();
    expect(readdirSync(options.cacheDir).sort()).toEqual([shas[1], shas[2]].sort());
    expect(statSync(path.join(options.cacheDir, shas[2]!)).size).toBe(1000);
    // Stored in the bucket under the prefix, where another federation's prefix would not see it.
    const object = await client().send(new GetObjectCommand({ Bucket: options.bucket, Key: `federation-a/blobs/${shas[0]!.slice(0, 2)}/${shas[0]}` }));
    expect(Buffer.compare(Buffer.from(await object.Body!.transformToByteArray()), blobs[0]!)).toBe(0);
  });

  it('fails with UNAVAILABLE naming the store when the bucket does not exist', async () => {
    const { options } = await freshStore();
    const missing = new S3BlobStore({ ...options, bucket: `${options.bucket}-absent` });
    await expect(missing.probeWrite()).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(new RegExp(`^the blob store s3://${options.bucket}-absent/federation-a/ at ${endpoint} cannot take a write: `)),
    });
  });

  it('serves a whole run: the coordinator keeps every update and model in the bucket, none on its disk', async () => {
    const { options } = await freshStore();
    const { bucket, prefix } = options;
    const coordinator = await testCoordinator({ blobStore: { kind: 's3', bucket, endpoint, prefix } });
    const table = ['a,b,c,d,label', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2},${(i * 7) % 11},${i % 2 ? 'yes' : 'no'}`)].join(
      '\n',
    );
    const data = { data: { kind: 'csv', path: './table.csv', labelColumn: 'label' } };
    const sites = [
      await startAgentSite(coordinator, 'site-a', { 'table.csv': table }, data),
      await startAgentSite(coordinator, 'site-b', { 'table.csv': table }, data),
    ];
    try {
      const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['site-a', 'site-b']), rounds: 2 });
      expect(created.status).toBe(201);
      const done = await waitRunEnd(coordinator, created.body.id, 60_000);
      expect([done.run.status, done.run.error]).toEqual(['completed', null]);
      const trail = await (await api(`${coordinator.httpUrl}/api/audit?run=${created.body.id}&limit=1000`)).json();
      const stored = trail.events
        .filter((e: { action: string }) => e.action === 'update.accepted' || e.action === 'model.created')
        .map((e: { payload: { sha256: string } }) => e.payload.sha256);
      // Version 0 and one per round; two updates a round.
      expect(stored).toHaveLength(7);
      for (const sha of stored) {
        const head = await client().send(new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}blobs/${sha.slice(0, 2)}/${sha}` }));
        expect(head.ContentLength).toBeGreaterThan(0);
      }
      expect(readdirSync(coordinator.stateDir)).not.toContain('blobs');
      expect((await (await fetch(`${coordinator.httpUrl}/readyz`)).json()).blobs).toEqual({ writable: true, error: null });
      // The final model downloads through the read cache.
      const weights = await api(`${coordinator.httpUrl}/api/runs/${created.body.id}/model/weights.bin`);
      expect(weights.status).toBe(200);
    } finally {
      for (const site of sites) site.agent.stop();
      await Promise.all(sites.map((s) => s.running));
      await coordinator.close();
    }
  }, 120_000);
});

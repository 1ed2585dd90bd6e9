import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

import { seededRandom } from '../common/seeded-random.js';
import { encodeTensors } from '../common/tensor-codec.js';
import type { Update } from '../coordinator/domain/records.js';
import { strategyFor } from '../coordinator/domain/strategies/index.js';
import { FsBlobStore } from '../coordinator/persistence/blob-store.js';
import { S3BlobStore } from '../coordinator/persistence/s3-blob-store.js';
import type { BlobStore } from '../coordinator/persistence/storage.port.js';
import { openStoredUpdates } from '../coordinator/services/stored-update.js';
import { benchUpdate } from './bench-update.js';
import type { BenchRow } from './table.js';

/** FedAvg's seconds over the stored updates, opening (and so, from S3, fetching) them included. */
async function fedAvgSeconds(blobs: BlobStore, rows: readonly Update[], p: number): Promise<number> {
  const started = performance.now();
  const updates = await openStoredUpdates(blobs, rows);
  try {
    await strategyFor({ name: 'fedavg' }).aggregate({
      round: 1,
      global: [{ name: 'w', shape: [p], values: new Float32Array(p) }],
      shared: [{ name: 'w', shape: [p] }],
      updates,
      failures: [],
      state: null,
    });
  } finally {
    for (const update of updates) update.close();
  }
  return (performance.now() - started) / 1000;
}

/**
 * FedAvg of updates kept in an S3-compatible store (CONSILIUM_S3_ENDPOINT,
 * e.g. Ceph's RADOS Gateway from scripts/s3-test-server.sh) next to the same
 * updates on the filesystem: read by the process that received them (its
 * uploads adopted into its read cache) and by another process, whose cache is
 * cold (every update fetched by ranged GETs first). Without an endpoint it says so.
 */
export async function s3AggregationBench(quick: boolean): Promise<BenchRow[]> {
  const endpoint = process.env['CONSILIUM_S3_ENDPOINT'];
  const [n, p] = quick ? [10, 1_000_000] : [20, 5_000_000];
  const label = `FedAvg of ${n} stored updates × ${p / 1e6} M parameters from an S3 store`;
  if (!endpoint) {
    return [
      { benchmark: label, measured: 'not measured', baseline: 'set CONSILIUM_S3_ENDPOINT (scripts/s3-test-server.sh starts Ceph RGW on loopback)', ratio: NaN },
    ];
  }
  const bucket = `consilium-bench-${process.pid}-${Date.now()}`;
  await new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));
  const scratch = mkdtempSync(path.join(tmpdir(), 'consilium-s3-bench-'));
  try {
    const fs = new FsBlobStore(path.join(scratch, 'blobs'));
    const s3 = (cache: string) =>
      new S3BlobStore({ bucket, endpoint, region: 'us-east-1', forcePathStyle: true, prefix: '', cacheDir: path.join(scratch, cache), cacheBytes: 2 ** 34 });
    // The process that received the uploads adopts them (into its cache); another process, or one restarted, has none.
    const receiver = s3('receiver-cache');
    const other = s3('other-cache');
    const random = seededRandom(n * 7919 + p);
    const values = new Float32Array(p);
    const rows: Update[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) values[j] = random() - 0.5;
      const bytes = encodeTensors([{ name: 'w', shape: [p], values }]);
      const sha256 = await fs.put(bytes);
      const upload = path.join(scratch, `upload-${i}.part`);
      writeFileSync(upload, bytes);
      await receiver.adopt(upload, sha256);
      rows.push(benchUpdate(i, sha256, bytes.length));
    }
    await fedAvgSeconds(fs, rows, p); // warms the JIT and the page cache
    const local = await fedAvgSeconds(fs, rows, p);
    const received = await fedAvgSeconds(receiver, rows, p);
    const cold = await fedAvgSeconds(other, rows, p);
    const megabytes = (n * p * 4) / 1e6;
    return [
      {
        benchmark: `${label}, by the process that received them (adopted into its read cache)`,
        measured: `${received.toFixed(2)} s`,
        baseline: `filesystem ${local.toFixed(2)} s`,
        ratio: local / received,
      },
      {
        benchmark: `${label}, by another process (each fetched by ranged GETs first)`,
        measured: `${cold.toFixed(2)} s (${(megabytes / cold).toFixed(0)} MB/s)`,
        baseline: `filesystem ${local.toFixed(2)} s`,
        ratio: local / cold,
      },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

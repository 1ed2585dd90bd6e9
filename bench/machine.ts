import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { bestOfThree, sumOf, threePasses } from './aggregation.js';
import type { BenchRow } from './table.js';

/**
 * What this machine charges for the primitives the data plane is made of,
 * each next to a plain read of as many bytes from memory in the same run:
 * hashing, touching memory for the first time, and writing a new file. On a
 * virtual machine whose memory is backed lazily the last two dominate, and
 * they bound what SubmitUpdate and aggregation can reach.
 */
export async function machineBench(quick: boolean): Promise<BenchRow[]> {
  const bytes = (quick ? 64 : 256) * 2 ** 20;
  const mb = bytes / 2 ** 20;
  const values = new Float32Array(bytes / 4).fill(1);
  let checksum = 0;
  const read = await bestOfThree(() => (checksum += sumOf(values)));
  const hash = await bestOfThree(() => createHash('sha256').update(values).digest());
  // Each pass allocates anew: the kernel hands over pages the process has not touched yet. Whether those pages were
  // recently freed (and are cheap) varies from pass to pass, so these two rows keep the median, not the best.
  const touch = await medianOfThree(() => new Float32Array(bytes / 4).fill(2));
  const root = mkdtempSync(path.join(tmpdir(), 'consilium-machine-'));
  let file = 0;
  const write = await medianOfThree(async () => {
    const handle = await open(path.join(root, `new-${file++}.bin`), 'w');
    for (let at = 0; at < bytes; at += 2 ** 20) await handle.write(new Uint8Array(values.buffer, at, 2 ** 20), 0, 2 ** 20, at);
    await handle.close();
  });
  rmSync(root, { recursive: true, force: true });
  if (!Number.isFinite(checksum)) throw new Error('machine bench: the read produced a non-finite sum');
  const row = (benchmark: string, seconds: number): BenchRow => ({
    benchmark: `machine: ${benchmark}, ${mb} MB`,
    measured: `${(mb / seconds).toFixed(0)} MB/s`,
    baseline: `${(mb / read).toFixed(0)} MB/s plain read`,
    ratio: read / seconds,
  });
  return [row('SHA-256', hash), row('first touch of newly allocated memory', touch), row('write to a new file (page cache, 1 MiB writes)', write)];
}

async function medianOfThree(work: () => unknown): Promise<number> {
  return (await threePasses(work))[1]!;
}

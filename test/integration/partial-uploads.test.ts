import { mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { PartialUploads } from '../../coordinator/persistence/partial-uploads.js';

describe('partial uploads', () => {
  it('keep what arrived for a newer stream, which supersedes the stale one and sees every byte, and are swept once abandoned', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-partial-'));
    const uploads = new PartialUploads(root);
    const sha = 'a'.repeat(64);
    const seen: string[] = [];
    const stale = await uploads.open('site-a', 'task-1', sha, (bytes) => seen.push(`stale:${Buffer.from(bytes).toString()}`));
    await stale.write(Buffer.from('abcd'));
    const retry = await uploads.open('site-a', 'task-1', sha, (bytes) => seen.push(`retry:${Buffer.from(bytes).toString()}`));
    expect(retry.held).toBe(4);
    await expect(stale.write(Buffer.from('zz'))).rejects.toThrow('a newer stream of the same upload took over; this one stops');
    await expect(stale.flush()).rejects.toThrow('a newer stream of the same upload took over; this one stops');
    await retry.write(Buffer.from('ef'));
    await retry.flush();
    await stale.close();
    await retry.close();
    expect(seen).toEqual(['stale:abcd', 'retry:abcd', 'retry:ef']);
    expect(readFileSync(path.join(root, `site-a.task-1.${sha}.part`), 'utf8')).toBe('abcdef');
    expect(await uploads.size('site-a', 'task-1', sha)).toBe(6);
    const other = await uploads.open('site-b', 'task-2', sha, () => undefined);
    await other.write(Buffer.from('x'));
    await other.close();
    const old = (Date.now() - 2 * 86_400_000) / 1000;
    utimesSync(path.join(root, `site-a.task-1.${sha}.part`), old, old);
    expect(await uploads.sweep(86_400_000)).toBe(1);
    expect(await uploads.size('site-a', 'task-1', sha)).toBe(0);
    expect(await uploads.size('site-b', 'task-2', sha)).toBe(1);
  });
});

import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PartialUploads } from '../../coordinator/persistence/partial-uploads.js';

describe('partial uploads', () => {
  it('are written at their offsets, so a repeated chunk cannot tear the file, and swept once abandoned', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-partial-'));
    const uploads = new PartialUploads(root);
    const sha = 'a'.repeat(64);
    await uploads.write('site-a', 'task-1', sha, 0, Buffer.from('abcd'));
    await uploads.write('site-a', 'task-1', sha, 2, Buffer.from('cdef')); // a stale stream resending bytes 2..5
    expect((await uploads.read('site-a', 'task-1', sha)).toString()).toBe('abcdef');
    expect(await uploads.size('site-a', 'task-1', sha)).toBe(6);
    await uploads.write('site-b', 'task-2', sha, 0, Buffer.from('x'));
    const old = (Date.now() - 2 * 86_400_000) / 1000;
    utimesSync(path.join(root, `site-a.task-1.${sha}.part`), old, old);
    expect(await uploads.sweep(86_400_000)).toBe(1);
    expect(await uploads.size('site-a', 'task-1', sha)).toBe(0);
    expect(await uploads.size('site-b', 'task-2', sha)).toBe(1);
  });
});

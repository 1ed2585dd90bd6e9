import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('generated protocol code', () => {
  it('matches what npm run proto generates from proto/consilium/v1', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'consilium-proto-'));
    execFileSync(process.execPath, ['scripts/gen-proto.mjs', '--out', out], { stdio: 'pipe' });
    const committed = readdirSync('proto/gen').sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    for (const file of committed) {
      expect(readFileSync(path.join(out, file), 'utf8'), `proto/gen/${file} is stale: run npm run proto`).toBe(readFileSync(path.join('proto/gen', file), 'utf8'));
    }
  });
});

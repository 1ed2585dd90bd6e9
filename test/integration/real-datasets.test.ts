import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdxSource } from '../../site-agent/data/idx.source.js';

// Real public data from ../shared/datasets, named by CONSILIUM_DATASETS (.ci/run sets it).
// When the variable is set, a missing file fails the test; it never passes silently.
const root = process.env['CONSILIUM_DATASETS'];
const file = (relative: string): string => {
  const full = path.join(root!, relative);
  if (!existsSync(full)) throw new Error(`CONSILIUM_DATASETS is set but ${full} is missing`);
  return full;
};

describe.runIf(root)('real datasets', () => {
  it('reads Fashion-MNIST test images and labels from gzip IDX files', async () => {
    const source = new IdxSource(file('fashion-mnist/t10k-images-idx3-ubyte.gz'), file('fashion-mnist/t10k-labels-idx1-ubyte.gz'), undefined, 1000);
    const scan = await source.scan();
    expect(scan.samples).toHaveLength(1000);
    expect(new Set(scan.samples.map((s) => s.label)).size).toBe(10);
    const decoded = await source.decode(scan.samples.slice(0, 10), [28, 28, 1]);
    expect(decoded.features.length).toBe(10 * 784);
    expect(Math.min(...decoded.features)).toBe(0);
    expect(Math.max(...decoded.features)).toBe(1);
    await expect(source.decode(scan.samples, [32, 32, 1])).rejects.toThrow(/IDX images are 28×28/);
  });
});

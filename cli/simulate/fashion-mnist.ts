import { existsSync } from 'node:fs';
import path from 'node:path';

import { ConsiliumError } from '../../common/errors.js';
import { IdxSource } from '../../site-agent/data/idx.source.js';
import { type FeatureRows, inMemoryRows } from '../../site-agent/training/feature-rows.js';

export interface FashionMnist {
  features: Float32Array;
  labels: Int32Array;
  /** The rows at these indices as a site's feature rows (784 pixels each). */
  rows(indices: readonly number[]): FeatureRows;
}

/**
 * Fashion-MNIST from `<datasets>/fashion-mnist` (the shared datasets folder, CONSILIUM_DATASETS): the training
 * file's first `limit` images, or the test file. A missing file is an error naming it, never an empty set.
 */
export async function loadFashionMnist(datasets: string | undefined, part: 'train' | 't10k', limit?: number): Promise<FashionMnist> {
  if (!datasets) throw new ConsiliumError('FAILED_PRECONDITION', 'Fashion-MNIST is read from CONSILIUM_DATASETS: set it to the folder holding fashion-mnist/');
  const file = (name: string) => {
    const full = path.join(datasets, 'fashion-mnist', name);
    if (!existsSync(full)) throw new ConsiliumError('NOT_FOUND', `${full} is missing; CONSILIUM_DATASETS must hold fashion-mnist/ as ../shared/datasets does`);
    return full;
  };
  const source = new IdxSource(file(`${part}-images-idx3-ubyte.gz`), file(`${part}-labels-idx1-ubyte.gz`), undefined, limit);
  const { samples } = await source.scan();
  const { features } = await source.decode(samples, [784]);
  const labels = Int32Array.from(samples, (s) => Number(s.label));
  return {
    features,
    labels,
    rows: (indices) => {
      const picked = new Float32Array(indices.length * 784);
      indices.forEach((r, i) => picked.set(features.subarray(r * 784, (r + 1) * 784), i * 784));
      return inMemoryRows(
        picked,
        Int32Array.from(indices, (r) => labels[r]!),
      );
    },
  };
}

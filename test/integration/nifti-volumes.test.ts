import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { modelTopologySchema, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, weightSpecsOf } from '../../common/model-weights.js';
import { seededNormal, seededRandom } from '../../common/seeded-random.js';
import { siteConfigSchema } from '../../site-agent/config/site-config.js';
import { NiftiSource } from '../../site-agent/data/nifti.source.js';
import { readNiftiVolume } from '../../site-agent/data/nifti/nifti-volume.js';
import { SiteData } from '../../site-agent/task/site-data.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { trainLocally } from '../../site-agent/training/trainer.js';
import { graphSpec } from '../support/graph-spec.js';
import { niftiBytes } from '../support/nifti-writer.js';

const N = 16;
/** A CT-like volume: soft tissue around 40 HU with a brighter sphere (the lesion, label 2) at a random place. */
function phantom(seed: number): { image: Int16Array; labels: Uint8Array } {
  const random = seededRandom(seed);
  const normal = seededNormal(seededRandom(seed + 1));
  const [cz, cy, cx, r] = [4 + random() * 8, 4 + random() * 8, 4 + random() * 8, 2.5 + random() * 2];
  const image = new Int16Array(N * N * N);
  const labels = new Uint8Array(N * N * N);
  for (let z = 0; z < N; z++)
    for (let y = 0; y < N; y++)
      for (let x = 0; x < N; x++) {
        const i = (z * N + y) * N + x;
        const inside = Math.hypot(z - cz, y - cy, x - cx) < r;
        image[i] = Math.round(40 + 20 * normal() + (inside ? 150 : 0));
        labels[i] = inside ? 2 : 0;
      }
  return { image, labels };
}

describe('NIfTI volumes with label volumes', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'consilium-nifti-'));
    await mkdir(path.join(root, 'images'));
    await mkdir(path.join(root, 'labels'));
    for (let i = 0; i < 24; i++) {
      const { image, labels } = phantom(100 + i);
      const name = `case-${String(i).padStart(2, '0')}.nii${i % 2 ? '.gz' : ''}`;
      await writeFile(path.join(root, 'images', name), niftiBytes([N, N, N], image, { spacing: [2.5, 0.8, 0.8], gzip: i % 2 === 1 }));
      await writeFile(path.join(root, 'labels', name), niftiBytes([N, N, N], labels, { type: 'uint8', gzip: i % 2 === 1 }));
    }
    const { image, labels } = phantom(1);
    await writeFile(path.join(root, 'images', 'orphan.nii'), niftiBytes([N, N, N], image));
    await writeFile(path.join(root, 'images', 'thin.nii'), niftiBytes([N, N, N], image));
    await writeFile(path.join(root, 'labels', 'thin.nii'), niftiBytes([N / 2, N, N], labels, { type: 'uint8' }));
    await writeFile(path.join(root, 'images', 'stray.nii'), niftiBytes([N, N, N], image));
    await writeFile(
      path.join(root, 'labels', 'stray.nii'),
      niftiBytes(
        [N, N, N],
        labels.map((v) => (v ? 7 : 0)),
        { type: 'uint8' },
      ),
    );
  });

  it('reads a volume in NIfTI order with its voxel size and scaling, gzipped or not', async () => {
    const values = Int16Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    for (const gzip of [false, true]) {
      const volume = readNiftiVolume(niftiBytes([2, 3, 4], values, { spacing: [3, 0.5, 0.7], slope: 2, gzip }));
      expect(volume.shape).toEqual([2, 3, 4]);
      expect(volume.spacing.map((v) => Number(v.toFixed(3)))).toEqual([3, 0.5, 0.7]);
      expect(Array.from(volume.values)).toEqual(Array.from(values, (v) => 2 * v));
    }
  });

  it('pairs images with label volumes, skipping by reason what does not pair', async () => {
    const scan = await new NiftiSource(path.join(root, 'images'), path.join(root, 'labels'), new Set([0, 2])).scan();
    expect(scan.samples).toHaveLength(24);
    expect(scan.samples[0]!.meta).toMatchObject({ depth: N, height: N, width: N });
    expect(scan.skipped).toEqual([
      { id: 'orphan.nii', reason: 'no label volume of the same name in data.labels' },
      { id: 'stray.nii', reason: 'label volume holds a value maskLabelMap does not map' },
      { id: 'thin.nii', reason: 'label volume size differs from its image' },
    ]);
  });

  it('trains a 3-D segmentation network on the volumes, windowed per voxel and resampled to the model, with Dice on every validation voxel', async () => {
    await selectBackend('wasm');
    const config = siteConfigSchema.parse({
      siteId: 'nifti',
      coordinator: 'localhost:1',
      stateDir: path.join(root, 'state'),
      data: { kind: 'nifti', images: path.join(root, 'images'), labels: path.join(root, 'labels') },
      maskLabelMap: { '0': 'background', '2': 'lesion' },
      validationFraction: 0.25,
    });
    const data = new SiteData(
      config,
      new NiftiSource(config.data.kind === 'nifti' ? config.data.images : '', path.join(root, 'labels'), new Set([0, 2])),
      { minCellSize: 5 },
      { info: () => undefined, warn: () => undefined },
    );
    await data.prepare();
    const local = await data.localData([8, 8, 8, 1], ['background', 'lesion'], {
      normalization: 'auto',
      standardize: 'none',
      window: { center: 100, width: 400 },
    });
    const features = await local.train.read([0]);
    expect(features.length).toBe(512);
    expect(features.every((v) => v >= 0 && v <= 1)).toBe(true);
    const masks = await local.train.readMasks!([0]);
    expect(new Set(masks)).toEqual(new Set([0, 1]));
    const topology = normalizeTopology(
      modelTopologySchema.parse(
        graphSpec(
          [8, 8, 8, 1],
          [
            ['conv', 'Conv3D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
            ['voxels', 'Conv3D', { filters: 2, kernel_size: 1, activation: 'softmax' }, ['conv']],
          ],
        ),
      ),
    );
    let weights = initialWeights(weightSpecsOf(await buildModel(topology)), 3);
    const losses: number[] = [];
    let metrics: Record<string, number> = {};
    for (let epoch = 0; epoch < 10; epoch++) {
      const result = await trainLocally(
        { topology, weights, localEpochs: 1, batchSize: 4, optimizer: 'adam', learningRate: 0.01, loss: 'diceCrossentropy', seed: epoch },
        local,
      );
      weights = result.weights;
      losses.push(result.metrics['train_loss']!);
      metrics = result.metrics;
    }
    // The loss falls as the network learns the lesions; Dice is measured on every validation voxel, lesions included.
    expect(losses.at(-1)!).toBeLessThan(0.85 * losses[0]!);
    expect(metrics['val_local_seg_actual_0']! + metrics['val_local_seg_actual_1']!).toBe(local.validation.count * 512);
    expect(metrics['val_local_seg_actual_1']).toBeGreaterThan(0);
    expect(metrics['val_local_dice_1']).toBeGreaterThanOrEqual(0);
    expect(tf.getBackend()).toBe('wasm');
  });
});

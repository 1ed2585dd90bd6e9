import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SITES, IMAGE_SIZE, writeSegmentationSite } from '../../cli/demo/synthetic-lesions.js';
import { MaskedImageFolderSource } from '../../site-agent/data/masked-image-folder.source.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { api, postJson, type TestCoordinator, testCoordinator, waitRunEnd } from '../support/coordinator.js';
import { graphSpec } from '../support/graph-spec.js';

const grey = (width: number, height: number, value: number) =>
  sharp(Buffer.alloc(width * height, value), { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();

describe('segmentation at the sites: images with masks', () => {
  let coordinator: TestCoordinator;
  const sites: AgentSite[] = [];

  beforeAll(async () => {
    coordinator = await testCoordinator();
    for (const [i, id] of ['seg-a', 'seg-b'].entries()) {
      // seg-b labels its lesions 2, as its own software does, and maps them.
      const site = await startAgentSite(
        coordinator,
        id,
        {},
        {
          backend: 'wasm',
          data: { kind: 'image-masks', images: './data/images', masks: './data/masks' },
          ...(i === 1 ? { maskLabelMap: { '0': 'background', '2': 'lesion' } } : {}),
        },
        { requireApproval: false },
        async (root) => {
          await writeSegmentationSite(path.join(root, 'data'), 60, DEMO_SITES[i]!.signature, 4000 + i, i === 0 ? 1 : 2);
        },
      );
      sites.push(site);
    }
  });
  afterAll(async () => {
    for (const site of sites) site.agent.stop();
    await Promise.all(sites.map((s) => s.running));
    await coordinator?.close();
  });

  it('skips, by reason, an image without a mask, a mask of another size, and a mask value the site does not map', async () => {
    const root = path.join(sites[1]!.root, 'data');
    await writeFile(path.join(root, 'images', 'orphan.png'), await grey(IMAGE_SIZE, IMAGE_SIZE, 90));
    await writeFile(path.join(root, 'images', 'small.png'), await grey(IMAGE_SIZE, IMAGE_SIZE, 90));
    await writeFile(path.join(root, 'masks', 'small.png'), await grey(16, 16, 0));
    await writeFile(path.join(root, 'images', 'stray.png'), await grey(IMAGE_SIZE, IMAGE_SIZE, 90));
    await writeFile(path.join(root, 'masks', 'stray.png'), await grey(IMAGE_SIZE, IMAGE_SIZE, 7));
    await mkdir(path.join(root, 'notes'), { recursive: true });
    const scan = await new MaskedImageFolderSource(path.join(root, 'images'), path.join(root, 'masks'), new Set([0, 2])).scan();
    expect(scan.samples).toHaveLength(60);
    expect(scan.skipped).toEqual([
      { id: 'orphan.png', reason: 'no mask of the same name in data.masks' },
      { id: 'small.png', reason: 'mask size differs from its image' },
      { id: 'stray.png', reason: 'mask holds a value maskLabelMap does not map' },
    ]);
  });

  it('trains a U-Net across two sites that label lesions differently, and pools their Dice', async () => {
    const unet = graphSpec(
      [IMAGE_SIZE, IMAGE_SIZE, 1],
      [
        ['down', 'Conv2D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input']],
        ['pool', 'MaxPooling2D', { pool_size: 2 }, ['down']],
        ['bottom', 'Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['pool']],
        ['up', 'UpSampling2D', { size: 2, interpolation: 'bilinear' }, ['bottom']],
        ['skip', 'Concatenate', {}, ['down', 'up']],
        ['pixels', 'Conv2D', { filters: 2, kernel_size: 1, activation: 'softmax' }, ['skip']],
      ],
    );
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      name: 'lesions',
      task: { kind: 'segmentation' },
      classes: ['background', 'lesion'],
      loss: 'diceCrossentropy',
      optimizer: { name: 'adam', learningRate: 0.01 },
      rounds: 3,
      localEpochs: 4,
      batchSize: 8,
      sites: ['seg-a', 'seg-b'],
      roundDeadlineSeconds: 120,
      model: unet,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 120_000);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);
    const last = done.rounds.at(-1).metrics;
    // The pooled counts are the sums of the sites' validation pixels, each scaled to its guarded sample count (an exact
    // pixel total would give away the exact number of validation images); Dice is computed from them.
    const pixels = last['val_seg_actual_0'] + last['val_seg_actual_1'];
    expect(pixels).toBeCloseTo(last.val_samples * IMAGE_SIZE * IMAGE_SIZE, 6);
    expect(last.val_samples % 5).toBe(0);
    expect(last['val_dice_1']).toBe((2 * last['val_seg_intersection_1']) / (last['val_seg_predicted_1'] + last['val_seg_actual_1']));
    // Each site's profile describes its masks, k-guarded, in its own mask values.
    const masksOf = async (id: string) => (await (await api(`${coordinator.httpUrl}/api/sites/${id}/profiles`)).json()).profiles[0].profile.masks;
    const [a, b] = [await masksOf('seg-a'), await masksOf('seg-b')];
    expect(Object.keys(a.valuePresence).sort()).toEqual(['0', '1']);
    expect(Object.keys(b.valuePresence).sort()).toEqual(['0', '2']);
    for (const m of [a, b]) for (const n of [m.samples, ...Object.values(m.lesionPixels)]) expect(n === null || (n as number) % 5 === 0).toBe(true);
    // The lesion is found: after 3 rounds the pooled lesion Dice of the final model is well above chance.
    expect(last['val_dice_1']).toBeGreaterThan(0.5);
  });
});

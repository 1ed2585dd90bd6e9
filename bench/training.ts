import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs';

import { demoRunSpec } from '../cli/demo/demo.js';
import { DEMO_SITES, writeSiteImages } from '../cli/demo/synthetic-lesions.js';
import { UNET } from '../cli/simulate/segmentation-experiment.js';
import { NETWORK_3D } from '../cli/simulate/volumes-experiment.js';
import { type LayerSpec, type ModelTopology, modelTopologySchema, normalizeTopology } from '../common/model-spec.schema.js';
import { buildModel, initialWeights, weightSpecsOf, writeWeights } from '../common/model-weights.js';
import { seededRandom } from '../common/seeded-random.js';
import { decodedRows, RowCache } from '../site-agent/data/decoded-rows.js';
import { ImageFolderSource } from '../site-agent/data/image-folder.source.js';
import { isInstalled, selectBackend } from '../site-agent/training/backend.js';
import { GradientPool } from '../site-agent/training/parallel/gradient-pool.js';
import { trainEpoch, type TrainingJob } from '../site-agent/training/trainer.js';
import type { BenchRow } from './table.js';

const BATCH = 32;
/** The cpu backend needs about a minute per 32-sample step of the larger CNN; quick runs measure it on smaller batches. */
const QUICK_CPU_BATCH = 4;

/** 64×64 input, four convolutions: a CNN of the size sites really train (with batch normalization after each, as they do). */
const LARGER_LAYERS: LayerSpec[] = [
  { class_name: 'Conv2D', config: { input_shape: [64, 64, 1], filters: 16, kernel_size: 3, padding: 'same', activation: 'relu' } },
  { class_name: 'BatchNormalization', config: {} },
  { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
  { class_name: 'Conv2D', config: { filters: 32, kernel_size: 3, padding: 'same', activation: 'relu' } },
  { class_name: 'BatchNormalization', config: {} },
  { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
  { class_name: 'Conv2D', config: { filters: 64, kernel_size: 3, padding: 'same', activation: 'relu' } },
  { class_name: 'BatchNormalization', config: {} },
  { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
  { class_name: 'Conv2D', config: { filters: 64, kernel_size: 3, padding: 'same', activation: 'relu' } },
  { class_name: 'BatchNormalization', config: {} },
  { class_name: 'GlobalAveragePooling2D', config: {} },
  { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
] as LayerSpec[];
const sequential = (layers: LayerSpec[]): ModelTopology => normalizeTopology({ class_name: 'Sequential', config: { layers } });
const LARGER_CNN = sequential(LARGER_LAYERS);
/** The larger CNN without its batch normalization: what data-parallel threads can split exactly. */
const LARGER_CNN_NO_BN = sequential(LARGER_LAYERS.filter((l) => l.class_name !== 'BatchNormalization'));

const DEMO_CNN = normalizeTopology(demoRunSpec(1)['model'] as ModelTopology);

/** Samples per second of data-parallel steps on `threads` gradient threads (the same steps as trainOnBatch), wasm. */
async function parallelSamplesPerSecond(topology: ModelTopology, steps: number, batch: number, threads: number): Promise<number> {
  const model = await compiledModel(topology);
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const x = tf.randomUniform([batch, ...shape], 0, 1, 'float32', 3);
  const y = tf
    .oneHot(
      tf.tensor1d(
        Int32Array.from({ length: batch }, (_, i) => i % 2),
        'int32',
      ),
      2,
    )
    .toFloat();
  const pool = await GradientPool.open(threads, { topology, loss: 'categoricalCrossentropy', backend: 'wasm', frozenLayers: [] });
  try {
    await pool.step(model, x, y);
    const started = performance.now();
    for (let i = 0; i < steps; i++) await pool.step(model, x, y);
    return (steps * batch) / ((performance.now() - started) / 1000);
  } finally {
    await pool.close();
    tf.dispose([x, y]);
    model.optimizer?.dispose();
    model.dispose();
  }
}

async function compiledModel(topology: ModelTopology): Promise<tf.LayersModel> {
  const model = await buildModel(topology);
  writeWeights(model, initialWeights(weightSpecsOf(model), 1));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Training samples per second on the current backend, after one warm-up step; batches already in memory. */
async function samplesPerSecond(topology: ModelTopology, steps: number, batch = BATCH): Promise<number> {
  const model = await compiledModel(topology);
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  const random = seededRandom(3);
  const x = tf.tensor(
    Float32Array.from({ length: batch * shape.reduce((a, b) => a * b, 1) }, () => random()),
    [batch, ...shape],
  );
  // One class per sample, or per pixel or voxel for a segmentation network.
  const output = model.outputs[0]!.shape.slice(1) as number[];
  const targets = batch * output.slice(0, -1).reduce((a, b) => a * b, 1);
  const y = tf.reshape(
    tf.oneHot(
      tf.tensor1d(
        Int32Array.from({ length: targets }, (_, i) => i % 2),
        'int32',
      ),
      2,
    ),
    [batch, ...output],
  );
  await model.trainOnBatch(x, y);
  const started = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  const rate = (steps * batch) / ((performance.now() - started) / 1000);
  tf.dispose([x, y]);
  model.optimizer?.dispose();
  model.dispose();
  return rate;
}

/** One epoch over PNG files decoded by sharp on the fly (no cache), with the feed `prefetch` batches ahead. */
async function imageFeedRate(root: string, prefetch: number): Promise<number> {
  const source = new ImageFolderSource(root);
  const { samples } = await source.scan();
  const rows = decodedRows(
    source,
    samples,
    Int32Array.from(samples, (s) => (s.label === 'malignant' ? 1 : 0)),
    [32, 32, 1],
    new RowCache(0),
  );
  const model = await compiledModel(DEMO_CNN);
  const job: TrainingJob = {
    topology: DEMO_CNN,
    weights: [],
    localEpochs: 1,
    batchSize: BATCH,
    optimizer: 'adam',
    learningRate: 0.001,
    loss: 'categoricalCrossentropy',
    seed: 1,
    prefetchBatches: prefetch,
  };
  const order = Array.from({ length: rows.count }, (_, i) => i);
  await trainEpoch(model, rows, order.slice(0, BATCH), [32, 32, 1], 2, job);
  const started = performance.now();
  await trainEpoch(model, rows, order, [32, 32, 1], 2, job);
  const rate = rows.count / ((performance.now() - started) / 1000);
  model.optimizer?.dispose();
  model.dispose();
  return rate;
}

/** The first Python that imports torch (Debian's python3-torch installs for /usr/bin/python3), or null. */
function pythonWithTorch(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}

/**
 * PyTorch's CPU training rate of the same two CNNs (bench/torch_cnn.py) on 1
 * thread and on every core, against wasm's rate on 1 thread and on what a
 * site would use of every core (one thread for these: the demo CNN's batch-32
 * step is too small to split, the larger CNN has batch normalization).
 */
function torchRows(quick: boolean, demoWasm: number, largerWasm: number): BenchRow[] {
  const python = pythonWithTorch();
  if (!python) return [{ benchmark: 'PyTorch CPU on the same CNNs (python3-torch)', measured: 'not installed', baseline: '-', ratio: NaN }];
  const script = fileURLToPath(new URL('../../bench/torch_cnn.py', import.meta.url));
  const run = spawnSync(python, [script, ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
  if (run.status !== 0)
    return [{ benchmark: 'PyTorch CPU on the same CNNs', measured: `failed: ${run.stderr.trim().split('\n').at(-1)}`, baseline: '-', ratio: NaN }];
  const { torch, cores, rates } = JSON.parse(run.stdout) as { torch: string; cores: number; rates: Record<'demo' | 'larger', Record<string, number>> };
  return [
    { name: 'demo CNN (32×32×1, 2 conv)', key: 'demo' as const, wasm: demoWasm },
    { name: 'larger CNN (64×64×1, 4 conv + batch norm)', key: 'larger' as const, wasm: largerWasm },
  ].flatMap((m) =>
    [...new Set([1, cores])].map((threads) => ({
      benchmark: `train ${m.name}, ${threads === 1 ? '1 thread' : `${threads} threads`}: wasm vs PyTorch ${torch} CPU`,
      measured: `${m.wasm.toFixed(1)} samples/s`,
      baseline: `${rates[m.key][String(threads)]!.toFixed(1)} samples/s`,
      ratio: m.wasm / rates[m.key][String(threads)]!,
    })),
  );
}

/**
 * Local training speed: wasm against cpu for the demo CNN and a larger one,
 * libtensorflow (tfjs-node or tfjs-node-gpu) against wasm when installed, and
 * the image feed with and without prefetching.
 */
export async function trainingBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const models = [
    { name: 'demo CNN (32×32×1, 2 conv)', topology: DEMO_CNN, wasmSteps: quick ? 8 : 32, cpuSteps: quick ? 2 : 4 },
    { name: 'larger CNN (64×64×1, 4 conv + batch norm)', topology: LARGER_CNN, wasmSteps: quick ? 2 : 8, cpuSteps: quick ? 2 : 1 },
    {
      name: 'U-Net (32×32×1, 2 levels + batch norm, per pixel)',
      topology: normalizeTopology(modelTopologySchema.parse(UNET)),
      wasmSteps: quick ? 2 : 8,
      cpuSteps: quick ? 1 : 2,
    },
    {
      name: '3-D network (16³×1, 2 Conv3D, per voxel)',
      topology: normalizeTopology(modelTopologySchema.parse(NETWORK_3D)),
      wasmSteps: quick ? 1 : 4,
      cpuSteps: 1,
    },
  ];
  await selectBackend('wasm');
  const wasm = [];
  for (const m of models) wasm.push(await samplesPerSecond(m.topology, m.wasmSteps));
  await tf.setBackend('cpu');
  for (const [i, m] of models.entries()) {
    const cpu = await samplesPerSecond(m.topology, m.cpuSteps, quick ? QUICK_CPU_BATCH : BATCH);
    rows.push({
      benchmark: `train ${m.name}: wasm vs cpu`,
      measured: `${wasm[i]!.toFixed(1)} samples/s`,
      baseline: `${cpu.toFixed(1)} samples/s`,
      ratio: wasm[i]! / cpu,
    });
  }

  // Every core: data-parallel steps on all of this machine's cores against one thread, for models that split exactly.
  await selectBackend('wasm');
  const cores = availableParallelism();
  for (const m of [
    { name: 'larger CNN without batch norm (64×64×1, 4 conv)', topology: LARGER_CNN_NO_BN, batch: BATCH, steps: quick ? 2 : 8 },
    { name: 'demo CNN at batch 128', topology: DEMO_CNN, batch: 128, steps: quick ? 4 : 16 },
  ]) {
    const one = await samplesPerSecond(m.topology, m.steps, m.batch);
    const all = await parallelSamplesPerSecond(m.topology, m.steps, m.batch, cores);
    rows.push({
      benchmark: `train ${m.name}, wasm: ${cores} threads vs 1 (scaling efficiency ${(all / one / cores).toFixed(2)} per core)`,
      measured: `${all.toFixed(1)} samples/s`,
      baseline: `${one.toFixed(1)} samples/s`,
      ratio: all / one,
    });
  }

  const root = await mkdtemp(path.join(tmpdir(), 'consilium-bench-'));
  try {
    await writeSiteImages(root, quick ? 128 : 1024, DEMO_SITES[1]!.signature, 9);
    await selectBackend('wasm');
    const ahead = await imageFeedRate(root, 4);
    const inline = await imageFeedRate(root, 0);
    rows.push({
      benchmark: 'demo CNN on PNG files (sharp decode, no cache), wasm: prefetch 4 batches vs none',
      measured: `${ahead.toFixed(1)} samples/s`,
      baseline: `${inline.toFixed(1)} samples/s`,
      ratio: ahead / inline,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }

  rows.push(...torchRows(quick, wasm[0]!, wasm[1]!));

  const native = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].filter(isInstalled);
  if (native.length === 0) {
    rows.push({ benchmark: 'libtensorflow (tfjs-node, tfjs-node-gpu)', measured: 'not installed', baseline: '-', ratio: NaN });
  } else {
    // Both packages register the same "tensorflow" backend, so one process can measure only the first that loads.
    const report = await selectBackend('tensorflow');
    for (const [i, m] of models.entries()) {
      const rate = await samplesPerSecond(m.topology, m.wasmSteps);
      rows.push({
        benchmark: `train ${m.name}: ${report.device} vs wasm`,
        measured: `${rate.toFixed(1)} samples/s`,
        baseline: `${wasm[i]!.toFixed(1)} samples/s`,
        ratio: rate / wasm[i]!,
      });
    }
  }
  return rows;
}

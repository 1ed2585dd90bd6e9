import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import * as tf from '@tensorflow/tfjs';

import { type LayerSpec, normalizeTopology } from '../../common/model-spec.schema.js';
import { buildModel, initialWeights, weightSpecsOf, writeWeights } from '../../common/model-weights.js';
import { seededRandom } from '../../common/seeded-random.js';
import type { BackendReport } from './backend.js';

/** A small CNN with every layer kind whose gradient a backend may lack: convolution, batch norm, both poolings. */
const PROBE_MODEL = normalizeTopology({
  class_name: 'Sequential',
  config: {
    layers: [
      { class_name: 'Conv2D', config: { input_shape: [32, 32, 1], filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' } },
      { class_name: 'BatchNormalization', config: {} },
      { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
      { class_name: 'Conv2D', config: { filters: 16, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' } },
      { class_name: 'AveragePooling2D', config: { pool_size: 2 } },
      { class_name: 'Flatten', config: {} },
      { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
    ] as LayerSpec[],
  },
});

export interface SelfTestResult {
  samplesPerSecond: number;
  /** What the GPU check found, when the backend is meant to run on a GPU. */
  gpu?: string;
}

/**
 * Trains a probe CNN for a few steps on the selected backend: proves every
 * gradient kernel runs and measures samples per second. With tfjs-node-gpu it
 * also asks nvidia-smi whether this process holds GPU memory, because
 * TensorFlow quietly falls back to the CPU when CUDA or cuDNN cannot load.
 */
export async function runSelfTest(report: BackendReport, steps = 5, batchSize = 32): Promise<SelfTestResult> {
  const model = await buildModel(PROBE_MODEL);
  writeWeights(model, initialWeights(weightSpecsOf(model), 1));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const random = seededRandom(2);
  const x = tf.tensor(
    Float32Array.from({ length: batchSize * 32 * 32 }, () => random()),
    [batchSize, 32, 32, 1],
  );
  const y = tf.oneHot(
    tf.tensor1d(
      Int32Array.from({ length: batchSize }, (_, i) => i % 2),
      'int32',
    ),
    2,
  );
  try {
    await model.trainOnBatch(x, y); // warm-up: kernel setup and first allocations are not the steady rate
    const started = performance.now();
    for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
    const samplesPerSecond = (steps * batchSize) / ((performance.now() - started) / 1000);
    return report.device.includes('GPU') ? { samplesPerSecond, gpu: await gpuUse() } : { samplesPerSecond };
  } finally {
    tf.dispose([x, y]);
    model.optimizer?.dispose();
    model.dispose();
  }
}

async function gpuUse(): Promise<string> {
  let listing: string;
  try {
    listing = (await promisify(execFile)('nvidia-smi', ['--query-compute-apps=pid,used_memory', '--format=csv,noheader'])).stdout;
  } catch {
    return 'not confirmed: nvidia-smi is not available, so the NVIDIA driver is missing or not on PATH';
  }
  const mine = listing.split('\n').find((line) => line.split(',')[0]?.trim() === String(process.pid));
  if (mine) return `confirmed: this process holds ${mine.split(',')[1]?.trim()} of GPU memory (nvidia-smi)`;
  return 'NOT in use: nvidia-smi does not list this process, so TensorFlow fell back to the CPU; check that CUDA 11.2 and cuDNN 8.1 libraries are on LD_LIBRARY_PATH (see deploy/gpu-site/README.md)';
}

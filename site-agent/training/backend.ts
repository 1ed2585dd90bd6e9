import { createRequire } from 'node:module';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { describeError } from '../../common/errors.js';
import { registerBatchNormGradient } from './batch-norm-gradient.js';
import { registerReductionGradients } from './reduction-gradients.js';
import { simdKernelsFor } from './simd-kernels.js';
import { registerWasmForwardKernels } from './wasm-forward-kernels.js';
import { registerCpuGradientKernels, registerWasmGradientKernels } from './wasm-gradient-kernels.js';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

/** Which backend trains, on what, and why each faster one was not used. */
export interface BackendReport {
  name: string;
  device: string;
  notes: string[];
}

const require = createRequire(import.meta.url);

/** Whether an optional package is installed (resolvable), without loading it. */
export function isInstalled(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/** The native TensorFlow bindings register the "tensorflow" backend when imported; GPU build first. */
async function tryTensorflow(notes: string[]): Promise<string | null> {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    if (!isInstalled(pkg)) {
      notes.push(`${pkg} is not installed (its install downloads libtensorflow; see deploy/gpu-site/README.md to install it from an internal mirror)`);
      continue;
    }
    try {
      await import(pkg);
      if (await tf.setBackend('tensorflow')) return pkg;
      notes.push(`${pkg} is installed but its backend did not initialise`);
    } catch (error) {
      notes.push(`${pkg} is installed but failed to load: ${describeError(error).split('\n')[0]}`);
    }
  }
  return null;
}

async function tryWasm(notes: string[]): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/');
    registerWasmGradientKernels();
    registerWasmForwardKernels();
    registerBatchNormGradient();
    if (await tf.setBackend('wasm')) {
      if (!simdKernelsFor(tf.backend()))
        notes.push("the SIMD training kernels (kernels/gradient-kernels.c) could not bind to the wasm backend's memory; slower JavaScript kernels serve");
      return true;
    }
    notes.push('the wasm backend did not initialise');
  } catch (error) {
    notes.push(`the wasm backend failed to load: ${describeError(error)}`);
  }
  return false;
}

/**
 * Picks the fastest backend that works, in the order tfjs-node-gpu,
 * tfjs-node, wasm, cpu, unless one is forced; the report goes into the hello
 * and `consilium site doctor`.
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendReport> {
  const notes: string[] = [];
  registerCpuGradientKernels();
  registerReductionGradients();
  if (choice === 'auto' || choice === 'tensorflow') {
    const pkg = await tryTensorflow(notes);
    if (pkg) {
      const gpu = pkg.endsWith('-gpu');
      return { name: 'tensorflow', device: gpu ? 'CUDA GPU (libtensorflow, tfjs-node-gpu)' : 'CPU (libtensorflow, tfjs-node)', notes };
    }
    if (choice === 'tensorflow') throw new Error(`backend "tensorflow" was forced but is unavailable: ${notes.join('; ')}`);
  } else {
    notes.push(`backend forced to ${choice}`);
  }
  if (choice === 'auto' || choice === 'wasm') {
    if (await tryWasm(notes)) return { name: 'wasm', device: 'CPU (WebAssembly SIMD, XNNPACK)', notes };
    if (choice === 'wasm') throw new Error(`backend "wasm" was forced but is unavailable: ${notes.join('; ')}`);
  }
  await tf.setBackend('cpu');
  notes.push('the cpu backend is plain JavaScript and trains CNNs about 50x slower than wasm');
  return { name: 'cpu', device: 'CPU (JavaScript)', notes };
}

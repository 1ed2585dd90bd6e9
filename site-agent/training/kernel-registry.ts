import * as tf from '@tensorflow/tfjs';

import { type SimdKernels, simdKernelsFor, type WasmHeap } from './simd-kernels.js';

/**
 * Registers a kernel for a backend, replacing the shipped one if any (tfjs
 * otherwise warns and keeps the old one). The shipped kernel's setup still
 * runs when the backend starts, so a replacement may fall back to it.
 */
export function useKernel(backendName: 'wasm' | 'cpu', kernelName: string, kernelFunc: tf.KernelFunc): void {
  const shipped = tf.getKernel(kernelName, backendName);
  if (shipped) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc, setupFunc: shipped?.setupFunc });
}

/** What a kernel function receives. */
export type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * Puts a faster path in front of a shipped wasm kernel: `fast` runs with the
 * SIMD kernels bound to the backend's memory and returns null for inputs it
 * does not take (other dtypes, shapes, layouts), which the shipped kernel
 * then computes, as it does everything where the SIMD kernels cannot bind.
 */
export function speedUpWasmKernel(kernelName: string, fast: (args: KernelArgs, simd: SimdKernels, heap: WasmHeap) => tf.TensorInfo | null): void {
  const shipped = tf.getKernel(kernelName, 'wasm')!.kernelFunc;
  useKernel('wasm', kernelName, (args) => {
    const simd = simdKernelsFor(args.backend);
    return (simd && fast(args, simd, args.backend as unknown as WasmHeap)) || (shipped(args) as tf.TensorInfo);
  });
}

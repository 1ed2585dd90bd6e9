import type { WeightSpec } from '../../../common/model-weights.js';
import { elementCount, type NamedTensor } from '../../../common/tensor-codec.js';

/** Length of the flat parameter vector: every shared tensor's values, concatenated in layout order. */
export function flatLength(shared: readonly WeightSpec[]): number {
  return shared.reduce((n, s) => n + elementCount(s.shape), 0);
}

/** Values [start, end) of the flat vector of these tensors, copied out. */
export function flatSlice(tensors: readonly NamedTensor[], start: number, end: number): Float32Array {
  const out = new Float32Array(end - start);
  let offset = 0;
  for (const tensor of tensors) {
    const length = tensor.values.length;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + length);
    if (from < to) out.set(tensor.values.subarray(from - offset, to - offset), from - start);
    offset += length;
    if (offset >= end) break;
  }
  return out;
}

/**
 * The next global model: shared tensors get global + delta (the delta being
 * flat over the shared layout), every other tensor is copied unchanged.
 */
export function applyDelta(global: readonly NamedTensor[], shared: readonly WeightSpec[], delta: Float64Array): NamedTensor[] {
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const spec of shared) {
    offsets.set(spec.name, offset);
    offset += elementCount(spec.shape);
  }
  return global.map((tensor) => {
    const at = offsets.get(tensor.name);
    const values = new Float32Array(tensor.values);
    if (at !== undefined) for (let i = 0; i < values.length; i++) values[i] = tensor.values[i]! + delta[at + i]!;
    return { name: tensor.name, shape: [...tensor.shape], values };
  });
}

/** A flat float64 vector as one named state tensor (server momentum, moments), and back. */
export function stateTensor(name: string, values: Float64Array): NamedTensor {
  return { name, shape: [values.length], values: Float32Array.from(values) };
}

export function stateVector(state: readonly NamedTensor[] | null, name: string, length: number): Float64Array | null {
  const tensor = state?.find((t) => t.name === name);
  if (!tensor) return null;
  if (tensor.values.length !== length) throw new Error(`strategy state "${name}" holds ${tensor.values.length} values, the model ${length}`);
  return Float64Array.from(tensor.values);
}

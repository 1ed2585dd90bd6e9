import { ConsiliumError } from '../../../common/errors.js';
import type { WeightSpec } from '../../../common/model-weights.js';
import { elementCount, type NamedTensor } from '../../../common/tensor-codec.js';

/** Length of the flat parameter vector: every shared tensor's values, concatenated in layout order. */
export function flatLength(shared: readonly WeightSpec[]): number {
  return shared.reduce((n, s) => n + elementCount(s.shape), 0);
}

/** The flat parameter vector cut back into the shared tensors, in layout order. */
export function splitFlat(values: Float32Array, shared: readonly WeightSpec[]): NamedTensor[] {
  if (values.length !== flatLength(shared)) throw tooShort(values.length, flatLength(shared));
  let at = 0;
  return shared.map((s) => {
    const length = elementCount(s.shape);
    const tensor = { name: s.name, shape: [...s.shape], values: values.slice(at, at + length) };
    at += length;
    return tensor;
  });
}

/** Values [start, end) of the flat vector of these tensors, copied into `into`; returns the filled view. */
export function flatSlice(tensors: readonly NamedTensor[], start: number, end: number, into: Float32Array = new Float32Array(end - start)): Float32Array {
  const out = into.subarray(0, end - start);
  let offset = 0;
  for (const tensor of tensors) {
    const length = tensor.values.length;
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + length);
    if (from < to) out.set(tensor.values.subarray(from - offset, to - offset), from - start);
    offset += length;
    if (offset >= end) break;
  }
  if (offset < end) throw tooShort(offset, end);
  return out;
}

/** A slice asked past the update's last value: its layout was not the model's, which acceptance should have refused. */
export function tooShort(values: number, end: number): ConsiliumError {
  return new ConsiliumError('INVALID_ARGUMENT', `update holds ${values} values, fewer than the ${end} of the shared model`);
}

/**
 * The next global model, written slice by slice as a strategy learns its
 * delta: shared tensors get global + delta, every other tensor is copied
 * unchanged. Strategies that stream never hold a whole delta, only this.
 */
export class NextModel {
  private readonly weights: NamedTensor[];
  /** Each shared tensor's place in the flat vector, its global values and its new ones. */
  private readonly sharedParts: { start: number; global: Float32Array; next: Float32Array }[] = [];

  constructor(global: readonly NamedTensor[], shared: readonly WeightSpec[]) {
    const starts = new Map<string, number>();
    let offset = 0;
    for (const spec of shared) {
      starts.set(spec.name, offset);
      offset += elementCount(spec.shape);
    }
    this.weights = global.map((tensor) => {
      const start = starts.get(tensor.name);
      if (start === undefined) return { name: tensor.name, shape: [...tensor.shape], values: new Float32Array(tensor.values) };
      const next = new Float32Array(tensor.values.length);
      this.sharedParts.push({ start, global: tensor.values, next });
      return { name: tensor.name, shape: [...tensor.shape], values: next };
    });
  }

  /** Sets values [start, start + delta.length) of the shared flat vector to global + delta. */
  add(start: number, delta: Float64Array): this {
    const end = start + delta.length;
    for (const part of this.sharedParts) {
      const from = Math.max(start, part.start);
      const to = Math.min(end, part.start + part.next.length);
      if (from < to)
        addInto(
          part.next.subarray(from - part.start, to - part.start),
          part.global.subarray(from - part.start, to - part.start),
          delta.subarray(from - start, to - start),
        );
    }
    return this;
  }

  result(): NamedTensor[] {
    return this.weights;
  }
}

function addInto(next: Float32Array, global: Float32Array, delta: Float64Array): void {
  for (let i = 0; i < next.length; i++) next[i] = global[i]! + delta[i]!;
}

/** The next global model from a whole delta (flat over the shared layout). */
export function applyDelta(global: readonly NamedTensor[], shared: readonly WeightSpec[], delta: Float64Array): NamedTensor[] {
  return new NextModel(global, shared).add(0, delta).result();
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

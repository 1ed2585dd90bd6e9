import type { WeightSpec } from '../../common/model-weights.js';
import type { ContainerHeader } from '../../common/tensor-codec.js';

/**
 * Checks that an update container fits the model exactly: the same tensor
 * names in the same order, the same shapes, float32 values. Returns the
 * reason for rejection, or null when it fits.
 */
export function checkUpdateLayout(header: ContainerHeader, specs: readonly WeightSpec[], encoding: string): string | null {
  if (header.tensors.length !== specs.length) {
    return `update has ${header.tensors.length} tensors, the model has ${specs.length}`;
  }
  for (let i = 0; i < specs.length; i++) {
    const entry = header.tensors[i]!;
    const spec = specs[i]!;
    if (entry.name !== spec.name) return `tensor ${i} is "${entry.name}", expected "${spec.name}"`;
    if (entry.shape.join(',') !== spec.shape.join(',')) {
      return `tensor "${spec.name}" has shape [${entry.shape.join(', ')}], expected [${spec.shape.join(', ')}]`;
    }
    if (entry.dtype !== 'float32') return `tensor "${spec.name}" has dtype ${entry.dtype}, expected float32`;
    if (entry.encoding !== encoding) return `tensor "${spec.name}" is encoded as ${entry.encoding}, the header declared ${encoding}`;
  }
  return null;
}

/** The tensors a task shares, in model order: the layout updates must match. No instructions: every tensor. */
export function sharedLayout(layout: readonly WeightSpec[], instructions: { sharedTensors: string[] } | null): WeightSpec[] {
  if (!instructions) return [...layout];
  const shared = new Set(instructions.sharedTensors);
  return layout.filter((spec) => shared.has(spec.name));
}

/** Upper bound on an honest update container's size, used to refuse oversized uploads before reading them. */
export function maxUpdateBytes(specs: readonly WeightSpec[]): number {
  const params = specs.reduce((n, s) => n + s.shape.reduce((p, d) => p * d, 1), 0);
  // float32 data, 8-byte alignment per tensor, and a generous JSON header.
  return params * 4 + specs.length * (8 + 512) + 64 * 1024;
}

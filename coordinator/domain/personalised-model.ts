import { describeError } from '../../common/errors.js';
import { frozenLayers, layerOfWeight } from '../../common/model-freeze.js';
import type { WeightSpec } from '../../common/model-weights.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import { decodeTensors, type NamedTensor, readContainerHeader } from '../../common/tensor-codec.js';
import { checkUpdateLayout } from './update-validation.js';

/**
 * The tensors a site keeps for a run: every tensor the run does not share
 * (FedBN's batch normalization), less those of frozen layers, which are the
 * global model's. In model order: the layout a site's local tensors must have.
 */
export function keptLayout(layout: readonly WeightSpec[], sharedTensors: readonly string[], spec: Pick<RunSpec, 'model' | 'freeze'>): WeightSpec[] {
  const shared = new Set(sharedTensors);
  const frozen = frozenLayers(spec.model, spec.freeze);
  return layout.filter((w) => !shared.has(w.name) && !frozen.has(layerOfWeight(w.name)));
}

/**
 * A site's personalised model: the global version's weights with the
 * site's own tensors in place of the global ones. The site's container must
 * hold exactly the kept layout, float32, finite; otherwise the reason, which
 * names what is wrong.
 */
export function personalise(
  global: readonly NamedTensor[],
  container: Uint8Array,
  kept: readonly WeightSpec[],
): { ok: true; weights: NamedTensor[] } | { ok: false; reason: string } {
  if (kept.length === 0) return { ok: false, reason: 'the run shares every tensor: a site keeps none of its own' };
  let own: NamedTensor[];
  try {
    const mismatch = checkUpdateLayout(readContainerHeader(container).header, kept, 'float32');
    if (mismatch) return { ok: false, reason: `local tensors do not fit the tensors the site keeps: ${mismatch}` };
    own = decodeTensors(container);
  } catch (error) {
    return { ok: false, reason: `local tensors are not a tensor container: ${describeError(error)}` };
  }
  for (const t of own) if (!t.values.every(Number.isFinite)) return { ok: false, reason: `local tensor "${t.name}" holds a value that is not finite` };
  const byName = new Map(own.map((t) => [t.name, t]));
  return { ok: true, weights: global.map((t) => byName.get(t.name) ?? t) };
}

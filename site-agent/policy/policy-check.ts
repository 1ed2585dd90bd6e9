import { modelSize } from '../../common/model-size.js';
import { inputShapeOf } from '../../common/model-spec.schema.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import { megabytes, stepCost } from '../../common/step-cost.js';
import type { SitePolicy } from './site-policy.js';

/**
 * Every rule of the site's policy the spec breaks, one line each, naming the
 * rule and the spec's value; empty when the spec may run here. The site counts
 * the parameters from the topology itself (nothing is allocated, so an
 * oversized model cannot exhaust the site): the coordinator's word is not taken.
 */
export async function policyViolations(spec: RunSpec, policy: SitePolicy): Promise<string[]> {
  const reasons: string[] = [];
  const allowed = new Set<string>(policy.allowedLayers);
  const forbidden = [...new Set(spec.model.config.layers.map((l) => l.class_name).filter((name) => !allowed.has(name)))];
  if (forbidden.length > 0) reasons.push(`layer ${forbidden.join(', ')} not allowed by the site policy (allowedLayers: ${policy.allowedLayers.join(', ')})`);
  if (spec.localEpochs > policy.maxLocalEpochs)
    reasons.push(`localEpochs ${spec.localEpochs} exceeds the site policy's maxLocalEpochs ${policy.maxLocalEpochs}`);
  if (policy.requireDifferentialPrivacy && !(spec.privacy && spec.privacy.noiseMultiplier > 0)) {
    reasons.push('the site policy requires differential privacy: set privacy.clipNorm and privacy.noiseMultiplier > 0 in the run spec');
  }
  if (spec.privacy?.noise === 'central' && (policy.requireDifferentialPrivacy || policy.privacyBudget) && !policy.trustCentralNoise) {
    reasons.push(
      "the run's noise is added by the coordinator (privacy.noise central), so this site's update would leave clipped but unnoised, and the site policy's privacy rules (requireDifferentialPrivacy, privacyBudget) do not take the coordinator's word (trustCentralNoise). Ask for noise local (or distributed under secure aggregation), or set trustCentralNoise: true in the site policy",
    );
  }
  if (forbidden.length === 0) {
    const size = modelSize(spec.model);
    if (size.parameters > policy.maxParameters)
      reasons.push(`model has ${size.parameters} parameters; the site policy allows at most ${policy.maxParameters} (maxParameters)`);
    const cost = stepCost(spec.model, size, spec.batchSize, spec.optimizer.name);
    if (cost && megabytes(cost.memoryBytes) > policy.maxStepMemoryMegabytes) {
      reasons.push(
        `a training step needs about ${megabytes(cost.memoryBytes)} MB (batch ${spec.batchSize}); the site policy allows at most ${policy.maxStepMemoryMegabytes} MB (maxStepMemoryMegabytes). Lower batchSize or the model's size`,
      );
    }
  }
  return reasons;
}

/** What the machine can give training now: memory the process may still allocate, and the batches decoded ahead of a step. */
export interface MachineMemory {
  availableBytes: number;
  prefetchBatches: number;
}

/**
 * Why this machine cannot hold one training step now, with the numbers, or
 * null: the step's estimated memory plus the decoded batches waiting ahead
 * of it (volumes are large) against what the process may still allocate.
 * Checked when a run is offered and again before each task, since free
 * memory changes; a policy limit is a promise, this is the machine's fact.
 */
export function memoryShortfall(spec: RunSpec, machine: MachineMemory): string | null {
  const cost = stepCost(spec.model, modelSize(spec.model), spec.batchSize, spec.optimizer.name);
  if (!cost) return null;
  const input = inputShapeOf(spec.model).reduce((p, d) => p * d, 1);
  const prefetched = machine.prefetchBatches * spec.batchSize * input * 4;
  const needed = cost.memoryBytes + prefetched;
  if (needed <= machine.availableBytes) return null;
  return `a training step needs about ${megabytes(needed)} MB (batch ${spec.batchSize}: ${megabytes(cost.memoryBytes)} MB for the step, ${megabytes(prefetched)} MB for ${machine.prefetchBatches} batches decoded ahead); this machine has ${megabytes(machine.availableBytes)} MB available. Lower batchSize, or feed.prefetchBatches in site.yaml, or free memory`;
}

import { modelSize } from '../../common/model-size.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import { describeModelCost, megabytes, stepCost } from '../../common/step-cost.js';

/** What a researcher is told about a run's model when it is created: its size and what a training step costs a site. */
export interface ModelCostView {
  parameters: number;
  /** Floating-point operations of one training step on one batch; null when an input dimension is open. */
  stepFlops: number | null;
  stepMemoryMegabytes: number | null;
  summary: string;
}

export function modelCostView(spec: RunSpec): ModelCostView {
  const size = modelSize(spec.model);
  const cost = stepCost(spec.model, size, spec.batchSize, spec.optimizer.name);
  return {
    parameters: size.parameters,
    stepFlops: cost?.flops ?? null,
    stepMemoryMegabytes: cost ? megabytes(cost.memoryBytes) : null,
    summary: describeModelCost(size, cost, spec.batchSize),
  };
}

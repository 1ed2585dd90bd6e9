import { describe, expect, it } from 'vitest';

import { demoRunSpec } from '../../cli/demo/demo.js';
import { modelSize } from '../../common/model-size.js';
import { type ModelTopology, normalizeTopology } from '../../common/model-spec.schema.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { describeModelCost, stepCost } from '../../common/step-cost.js';
import { modelCostView } from '../../coordinator/services/model-cost.js';
import { memoryShortfall, policyViolations } from '../../site-agent/policy/policy-check.js';
import { sitePolicySchema } from '../../site-agent/policy/site-policy.js';

const sequential = (...layers: { class_name: string; config: Record<string, unknown> }[]) =>
  normalizeTopology({ class_name: 'Sequential', config: { layers } } as ModelTopology);

describe('the cost of a training step, from the topology', () => {
  it('counts 2 × multiply-adds per forward pass, three passes a step, per sample of the batch', () => {
    // Dense 4 → 3: 12 multiply-adds, 24 flops a sample; × 3 for forward and backward, × batch 2 = 144.
    const dense = sequential({ class_name: 'Dense', config: { input_shape: [4], units: 3 } });
    // Memory: 15 weights × (weight + gradient) with sgd, plus 3 outputs × 2 (value and gradient) × 2 samples, as float32.
    expect(stepCost(dense, modelSize(dense), 2, 'sgd')).toEqual({ flops: 144, memoryBytes: 4 * (15 * 2 + 3 * 2 * 2) });
    // Adam keeps two more values per weight.
    expect(stepCost(dense, modelSize(dense), 2, 'adam')!.memoryBytes).toBe(4 * (15 * 4 + 12));
  });

  it('costs convolutions by output position and transposed convolutions by input position', () => {
    // 5×5×1 → 3×3×2 with 3×3 kernels: 9 positions × 2 filters × 9 taps = 162 multiply-adds; + a 2×2 max pool over 2 outputs... of 1×1×2.
    const conv = sequential(
      { class_name: 'Conv2D', config: { input_shape: [5, 5, 1], filters: 2, kernel_size: 3 } },
      { class_name: 'MaxPooling2D', config: { pool_size: 2 } },
    );
    expect(stepCost(conv, modelSize(conv), 1, 'sgd')!.flops).toBe(3 * (2 * 162 + 4 * 2));
    // 3×3×2 → 6×6×4 with 2×2 kernels, stride 2: every input value goes through 2×2×4 taps: 9 × 2 × 16 = 288 multiply-adds.
    const up = sequential({ class_name: 'Conv2DTranspose', config: { input_shape: [3, 3, 2], filters: 4, kernel_size: 2, strides: 2 } });
    expect(stepCost(up, modelSize(up), 1, 'sgd')!.flops).toBe(3 * 2 * 288);
  });

  it('is unknown when an input dimension is open', () => {
    const open = normalizeTopology({
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Dense', config: { batch_input_shape: [null, null, 4], units: 2 } }] },
    } as ModelTopology);
    expect(stepCost(open, modelSize(open), 4, 'sgd')).toBeNull();
    expect(describeModelCost(modelSize(open), null, 4)).toBe('10 parameters; the step cost is unknown (an input dimension is open)');
  });

  it('is shown to the researcher at run creation and checked against the site policy', async () => {
    const spec = parseRunSpec(demoRunSpec(1));
    // Forward multiply-adds: conv 73,728, conv 294,912, dense 32,768 and 64; pools 8,192 and 4,096 taps; flatten 1,024 values.
    // 3 × 816,256 flops × 16 samples = 39,180,288. Memory: 34,114 weights × 4 (adam) and 16,418 outputs × 2 × 16, as float32.
    expect(modelCostView(spec)).toEqual({
      parameters: 34_114,
      stepFlops: 39_180_288,
      stepMemoryMegabytes: 3,
      summary: '34,114 parameters; a training step of 16 samples ≈ 39 MFLOP and 3 MB',
    });
    const view = modelCostView(spec);
    expect(await policyViolations(spec, sitePolicySchema.parse({ maxStepMemoryMegabytes: 1 }))).toEqual([
      `a training step needs about ${view.stepMemoryMegabytes} MB (batch 16); the site policy allows at most 1 MB (maxStepMemoryMegabytes). Lower batchSize or the model's size`,
    ]);
    expect(await policyViolations(spec, sitePolicySchema.parse({}))).toEqual([]);
  });

  it('refuses a step this machine cannot hold now, with the numbers, counting the batches decoded ahead', () => {
    const spec = parseRunSpec(demoRunSpec(1));
    const step = stepCost(spec.model, modelSize(spec.model), spec.batchSize, spec.optimizer.name)!.memoryBytes;
    // The demo reads 32 × 32 × 1 images: 4 batches of 16 ahead are 4 × 16 × 1,024 × 4 bytes = 262,144 bytes (shown rounded up).
    const ahead = 4 * 16 * 1024 * 4;
    expect(memoryShortfall(spec, { availableBytes: step + ahead, prefetchBatches: 4 })).toBeNull();
    expect(memoryShortfall(spec, { availableBytes: step + ahead - 1, prefetchBatches: 4 })).toBe(
      `a training step needs about 3 MB (batch 16: 3 MB for the step, 1 MB for 4 batches decoded ahead); this machine has 3 MB available. Lower batchSize, or feed.prefetchBatches in site.yaml, or free memory`,
    );
    expect(memoryShortfall(spec, { availableBytes: 2 ** 20, prefetchBatches: 0 })).toMatch(/this machine has 1 MB available/);
  });
});

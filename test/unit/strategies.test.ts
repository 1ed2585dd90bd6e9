import { describe, expect, it } from 'vitest';

import type { WeightSpec } from '../../common/model-weights.js';
import type { StrategySpec } from '../../common/run-spec.schema.js';
import { runSpecSchema } from '../../common/run-spec.schema.js';
import { seededRandom } from '../../common/seeded-random.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import { sliceWidth } from '../../coordinator/domain/strategies/column-slices.js';
import { strategyFor } from '../../coordinator/domain/strategies/index.js';
import { medianOf } from '../../coordinator/domain/strategies/median.strategy.js';
import { memoryUpdate } from '../../coordinator/domain/strategies/memory-update.js';
import { type AggregationInput, AggregationRefused, type StrategyUpdate } from '../../coordinator/domain/strategies/strategy.js';
import { weightedMeanOf } from '../../coordinator/domain/strategies/weighted-mean.js';

// A model of two shared tensors (w: 2 values, b: 1) and one batch-norm tensor; flat shared vector [w0, w1, b0].
const model: WeightSpec[] = [
  { name: 'dense/w', shape: [2], layerClass: 'Dense' },
  { name: 'dense/b', shape: [1], layerClass: 'Dense' },
  { name: 'bn/gamma', shape: [1], layerClass: 'BatchNormalization' },
];
const shared = model.slice(0, 2);
const global: NamedTensor[] = [
  { name: 'dense/w', shape: [2], values: Float32Array.of(1, 2) },
  { name: 'dense/b', shape: [1], values: Float32Array.of(0.5) },
  { name: 'bn/gamma', shape: [1], values: Float32Array.of(1) },
];

/** An update of the shared tensors held in memory, read the way the coordinator reads stored ones. */
function update(siteId: string, sampleCount: number, flat: number[]): StrategyUpdate {
  return memoryUpdate(siteId, sampleCount, [
    { name: 'dense/w', shape: [2], values: Float32Array.of(flat[0]!, flat[1]!) },
    { name: 'dense/b', shape: [1], values: Float32Array.of(flat[2]!) },
  ]);
}

const parse = (strategy: Record<string, unknown>): StrategySpec =>
  runSpecSchema.parse({
    name: 'x',
    rounds: 1,
    classes: ['a', 'b'],
    sites: ['a', 'b', 'c', 'd', 'e'],
    strategy,
    model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 2, input_shape: [2] } }] } },
  }).strategy;

async function aggregate(
  strategy: Record<string, unknown>,
  updates: StrategyUpdate[],
  state: NamedTensor[] | null = null,
  failures: AggregationInput['failures'] = [],
) {
  const result = await strategyFor(parse(strategy)).aggregate({ round: 1, global, shared, updates, failures, state });
  return { ...result, flat: [...result.weights[0]!.values, ...result.weights[1]!.values], gamma: result.weights[2]!.values[0] };
}

describe('FedAvg', () => {
  it('adds the sample-weighted mean delta and leaves unshared tensors alone', async () => {
    // (1·[1, 2, 3] + 3·[5, 6, −1]) / 4 = [4, 5, 0]; global [1, 2, 0.5] + [4, 5, 0] = [5, 7, 0.5]
    const result = await aggregate({ name: 'fedavg' }, [update('a', 1, [1, 2, 3]), update('b', 3, [5, 6, -1])]);
    expect(result.flat).toEqual([5, 7, 0.5]);
    expect(result.gamma).toBe(1);
    expect(result.state).toBeNull();
    expect(result.used).toEqual(['a', 'b']);
  });

  it('reports failures explicitly and does not depend on update order', async () => {
    const failures = [{ siteId: 'c', reason: 'no update before the round deadline' }];
    const updates = [update('a', 3, [0.1, 0.2, 0.3]), update('b', 5, [1e-3, -2e-3, 5]), update('c', 11, [9, 8, 7])];
    const forward = await aggregate({ name: 'fedavg' }, updates, null, failures);
    const backward = await aggregate({ name: 'fedavg' }, [...updates].reverse(), null, failures);
    expect(backward.flat).toEqual(forward.flat);
    expect(forward.excluded).toEqual(failures);
  });

  it('of identical updates is that update', async () => {
    const result = await aggregate({ name: 'fedavg' }, [update('a', 7, [0.1, -0.3, 0.7]), update('b', 2, [0.1, -0.3, 0.7]), update('c', 9, [0.1, -0.3, 0.7])]);
    expect(result.flat).toEqual([Math.fround(1 + 0.1), Math.fround(2 - 0.3), Math.fround(0.5 + 0.7)]);
  });

  it('refuses nothing, sampleless updates and updates short of the layout', async () => {
    await expect(weightedMeanOf(shared, [])).rejects.toThrow(/no accepted update/);
    await expect(weightedMeanOf(shared, [update('a', 0, [1, 2, 3])])).rejects.toThrow(/positive sample count/);
    const short = memoryUpdate('a', 1, [{ name: 'dense/w', shape: [2], values: Float32Array.of(1, 2) }]);
    await expect(weightedMeanOf(shared, [short])).rejects.toThrow('update holds 2 values, fewer than the 3 of the shared model');
  });

  it('over many updates and several column slices equals the one-by-one float64 fold, bit for bit', async () => {
    // 67 updates (16 groups of four, a pair, a single) of 40 000 values in two tensors: slices of 16 384, so three.
    const length = 40_000;
    const random = seededRandom(7);
    const deltas = Array.from({ length: 67 }, () => Float32Array.from({ length }, () => random() - 0.5));
    const weights = deltas.map((_, u) => 1 + (u % 5));
    const total = weights.reduce((a, b) => a + b, 0);
    const expected = new Float64Array(length);
    deltas.forEach((delta, u) => delta.forEach((v, j) => (expected[j] = expected[j]! + weights[u]! * v)));
    expected.forEach((sum, j) => (expected[j] = sum / total));
    const layout = [
      { name: 'a', shape: [30_000] },
      { name: 'b', shape: [100, 100] },
    ];
    const tensors = (values: Float32Array) => [
      { name: 'a', shape: [30_000], values: values.subarray(0, 30_000) },
      { name: 'b', shape: [100, 100], values: values.subarray(30_000) },
    ];
    const mean = await weightedMeanOf(
      layout,
      deltas.map((values, u) => memoryUpdate(`s${u}`, weights[u]!, tensors(values))),
    );
    expect(sliceWidth(67, length)).toBe(16_384);
    expect(mean).toEqual(expected);
  });
});

describe('FedAvgM', () => {
  it('keeps server momentum across rounds', async () => {
    // η = 0.5, β = 0.5. Round 1: v = [4, 5, 0] (the mean), step ηv = [2, 2.5, 0] → [3, 4.5, 0.5].
    const first = await aggregate({ name: 'fedavgm', serverLearningRate: 0.5, momentum: 0.5 }, [update('a', 1, [1, 2, 3]), update('b', 3, [5, 6, -1])]);
    expect(first.flat).toEqual([3, 4.5, 0.5]);
    expect(Array.from(first.state![0]!.values)).toEqual([4, 5, 0]);
    // Round 2 from the same global for clarity: v = 0.5·[4, 5, 0] + [2, 0, 2] = [4, 2.5, 2], step [2, 1.25, 1] → [3, 3.25, 1.5].
    const second = await aggregate({ name: 'fedavgm', serverLearningRate: 0.5, momentum: 0.5 }, [update('a', 1, [2, 0, 2])], first.state);
    expect(second.flat).toEqual([3, 3.25, 1.5]);
  });
});

describe('FedOpt', () => {
  // Single-update rounds, so the mean delta Δ̄ is the update itself.
  it('FedAdam: m = β1·m + (1−β1)·Δ̄, v = β2·v + (1−β2)·Δ̄², w += η·m/(√v + τ), v starting at τ²', async () => {
    const params = { name: 'fedadam', serverLearningRate: 1, beta1: 0.5, beta2: 0.5, tau: 1 };
    // Δ̄ = [1, −1, 0]: m = [0.5, −0.5, 0], v = 0.5·1 + 0.5·[1, 1, 0] = [1, 1, 0.5], step = m/(√v + 1) = [0.25, −0.25, 0]
    const first = await aggregate(params, [update('a', 4, [1, -1, 0])]);
    expect(first.flat).toEqual([1.25, 1.75, 0.5]);
    expect(first.state!.map((t) => [t.name, Array.from(t.values)])).toEqual([
      ['m', [0.5, -0.5, 0]],
      ['v', [1, 1, 0.5]],
    ]);
    // Δ̄ = [1, 1, 0]: m = [0.75, 0.25, 0], v = [1, 1, 0.25], step = [0.375, 0.125, 0]
    const second = await aggregate(params, [update('a', 4, [1, 1, 0])], first.state);
    expect(second.flat).toEqual([1.375, 2.125, 0.5]);
  });

  it('FedYogi: v −= (1−β2)·Δ̄²·sign(v − Δ̄²)', async () => {
    const params = { name: 'fedyogi', serverLearningRate: 1, beta1: 0.5, beta2: 0.5, tau: 1 };
    // Δ̄ = [1, −1, 0]: v = 1 − 0.5·1·sign(0) = 1 (and 1 for 0), m = [0.5, −0.5, 0], step = [0.25, −0.25, 0]
    const first = await aggregate(params, [update('a', 1, [1, -1, 0])]);
    expect(first.flat).toEqual([1.25, 1.75, 0.5]);
    // Δ̄ = [4, 0, 0]: v = [1 + 0.5·16, 1, 1] = [9, 1, 1], m = [2.25, −0.25, 0], step = [2.25/4, −0.25/2, 0] = [0.5625, −0.125, 0]
    const second = await aggregate(params, [update('a', 1, [4, 0, 0])], first.state);
    expect(second.flat).toEqual([1.5625, 1.875, 0.5]);
  });

  it('FedAdagrad: v += Δ̄²', async () => {
    // τ = 0.75, Δ̄ = [1, −1, 0]: v = 0.5625 + [1, 1, 0] = [1.5625, 1.5625, 0.5625], √v = [1.25, 1.25, 0.75],
    // m = [0.5, −0.5, 0], step = m/(√v + 0.75) = [0.25, −0.25, 0]
    const result = await aggregate({ name: 'fedadagrad', serverLearningRate: 1, beta1: 0.5, tau: 0.75 }, [update('a', 1, [1, -1, 0])]);
    expect(result.flat).toEqual([1.25, 1.75, 0.5]);
    expect(Array.from(result.state![1]!.values)).toEqual([1.5625, 1.5625, 0.5625]);
  });
});

describe('robust strategies', () => {
  const five = () => [
    update('a', 1, [1, 10, -1]),
    update('b', 100, [2, 20, -2]),
    update('c', 1, [3, 30, -3]),
    update('d', 1, [4, 40, -4]),
    update('e', 1, [5, 50, -5]),
  ];

  it('median: the middle value per coordinate, unweighted; the mean of the middle two for an even count', async () => {
    // [3, 30, −3] + global [1, 2, 0.5] = [4, 32, −2.5]
    expect((await aggregate({ name: 'median' }, five())).flat).toEqual([4, 32, -2.5]);
    // four updates a–d: (2 + 3)/2 = 2.5, 25, −2.5 → [3.5, 27, −2]
    expect((await aggregate({ name: 'median' }, five().slice(0, 4))).flat).toEqual([3.5, 27, -2]);
  });

  it('median ignores one arbitrarily large outlier among five', async () => {
    const honest = five().slice(0, 4);
    const result = await aggregate({ name: 'median' }, [...honest, update('evil', 1, [1e30, -1e30, 1e30])]);
    // Sorted columns [1, 2, 3, 4, 1e30], [−1e30, 10, 20, 30, 40], [−4, −3, −2, −1, 1e30]: medians 3, 20, −2.
    expect(result.flat).toEqual([4, 22, -1.5]);
  });

  it('trimmed mean: cuts ⌊β·n⌋ from each side, unweighted', async () => {
    // β = 0.2, n = 5: cut 1 each side → mean of [2, 3, 4] = 3, 30, −3
    expect((await aggregate({ name: 'trimmed-mean', beta: 0.2 }, five())).flat).toEqual([4, 32, -2.5]);
  });

  it('trimmed mean with β = 0 is the unweighted mean', async () => {
    // mean of 1..5 = 3, of 10..50 = 30, of −1..−5 = −3, whatever the sample counts
    expect((await aggregate({ name: 'trimmed-mean', beta: 0 }, five())).flat).toEqual([4, 32, -2.5]);
  });

  it('robust results do not depend on update order', async () => {
    // Krum scores here are distinct (A 5, B 3, C 9, D 7, E 309 from the squared distances), so no tie decides.
    const points = () => [
      update('A', 1, [0, 0, 0]),
      update('B', 1, [1, 0, 0]),
      update('C', 1, [0, 2, 0]),
      update('D', 1, [2, 1, 0]),
      update('E', 1, [10, 10, 0]),
    ];
    for (const strategy of [{ name: 'median' }, { name: 'trimmed-mean', beta: 0.2 }, { name: 'krum', f: 1 }, { name: 'multi-krum', f: 1, m: 2 }]) {
      const forward = await aggregate(strategy, points());
      const backward = await aggregate(strategy, points().reverse());
      expect(backward.flat, strategy.name).toEqual(forward.flat);
    }
    expect((await aggregate({ name: 'krum', f: 1 }, points().reverse())).used).toEqual(['B']);
  });

  // Points (w0, w1) with b = 0: A(0,0) B(1,0) C(0,1) D(1,1) honest, E(10,10) faulty. Squared distances:
  // AB 1, AC 1, AD 2, BC 2, BD 1, CD 1, AE 200, BE 181, CE 181, DE 162. With f = 1 each score sums the
  // n − f − 2 = 2 nearest: A, B, C, D score 2, E scores 162 + 181 = 343.
  const cluster = () => [
    update('A', 1, [0, 0, 0]),
    update('B', 1, [1, 0, 0]),
    update('C', 1, [0, 1, 0]),
    update('D', 5, [1, 1, 0]),
    update('E', 1, [10, 10, 0]),
  ];

  it('Krum returns one update from the honest cluster (the first of equal scores)', async () => {
    const result = await aggregate({ name: 'krum', f: 1 }, cluster());
    expect(result.used).toEqual(['A']);
    expect(result.flat).toEqual([1, 2, 0.5]);
    expect(result.excluded.map((x) => x.siteId)).toEqual(['B', 'C', 'D', 'E']);
    expect(result.excluded.at(-1)!.reason).toBe('krum score 343.0 not among the 1 lowest');
  });

  it('Multi-Krum averages the n − f best by sample count', async () => {
    // A, B, C, D kept: (1·[0,0] + 1·[1,0] + 1·[0,1] + 5·[1,1]) / 8 = [0.75, 0.75]
    const result = await aggregate({ name: 'multi-krum', f: 1 }, cluster());
    expect(result.used).toEqual(['A', 'B', 'C', 'D']);
    expect(result.flat).toEqual([1.75, 2.75, 0.5]);
  });

  it('Krum refuses a round with fewer than 2f + 3 updates and names the missing sites', async () => {
    const failures = [{ siteId: 'E', reason: 'site reported: out of memory' }];
    await expect(aggregate({ name: 'krum', f: 1 }, cluster().slice(0, 4), null, failures)).rejects.toThrow(
      new AggregationRefused('krum tolerating f = 1 needs at least 5 updates, got 4; missing: E (site reported: out of memory)'),
    );
  });

  it('slices are about 4 MiB of columns, each at least 64 KiB, never wider than the model', () => {
    expect([sliceWidth(10, 10_000_000), sliceWidth(50, 2_000_000), sliceWidth(100, 1_000_000), sliceWidth(5, 3)]).toEqual([104_857, 20_971, 16_384, 3]);
  });
});

describe('round configuration', () => {
  it('FedProx sends μ; FedBN shares everything but batch normalization', () => {
    expect(strategyFor(parse({ name: 'fedprox', mu: 0.1 })).configureRound(1, ['a', 'b'], model)).toEqual({
      sites: [
        { siteId: 'a', proximalMu: 0.1, hyperParameters: {} },
        { siteId: 'b', proximalMu: 0.1, hyperParameters: {} },
      ],
      sharedTensors: ['dense/w', 'dense/b', 'bn/gamma'],
    });
    expect(strategyFor(parse({ name: 'fedbn' })).configureRound(1, ['a'], model).sharedTensors).toEqual(['dense/w', 'dense/b']);
  });
});

describe('medianOf', () => {
  it('finds by selection what sorting finds, odd and even counts, ties included', () => {
    const random = seededRandom(3);
    for (let n = 1; n <= 41; n++) {
      for (let trial = 0; trial < 20; trial++) {
        // Few distinct values, so ties are common.
        const column = Float64Array.from({ length: n }, () => Math.round(random() * 8) - 4 + (trial % 2) * random());
        const sorted = Float64Array.from(column).sort();
        const middle = n >> 1;
        expect(medianOf(Float64Array.from(column))).toBe(n % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2);
      }
    }
  });
});

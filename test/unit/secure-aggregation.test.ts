import { describe, expect, it } from 'vitest';

import { type SecAggFault, simulateSecAgg } from '../../cli/simulate/secagg-simulation.js';
import { simulate, type SimulatedSite, type SimulationSpec } from '../../cli/simulate/simulation.js';
import { type LayerSpec, normalizeTopology } from '../../common/model-spec.schema.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { strategySchema } from '../../common/run-spec.schema.js';
import { fixedPointFor, quantise, signedSum } from '../../common/secure-aggregation/fixed-point.js';
import { neighbourhoods } from '../../common/secure-aggregation/harary-graph.js';
import { secAggDownFromWire, secAggDownToWire, secAggUpFromWire, secAggUpToWire } from '../../common/secure-aggregation/secagg-wire.js';
import { addInputNoise, clippingRangeOf, distributedNoiseStdDev, weightedInput, weightedMean } from '../../common/secure-aggregation/weighted-input.js';
import { gaussian, secureUniform } from '../../common/secure-random.js';
import { seededRandom } from '../../common/seeded-random.js';
import { SecAggRound } from '../../coordinator/domain/secure-aggregation/secagg-round.js';
import { SecAggSite } from '../../site-agent/secure-aggregation/secagg-site.js';
import { siteNoise } from '../../site-agent/task/train-for-task.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';
import { specIssues } from '../support/spec-issues.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `site-${String.fromCharCode(97 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`);

/** Seeded updates in [-1.5, 1.5] (beyond the clipping range of 1, so clipping is exercised) with their sample counts. */
function inputsFor(n: number, length: number, seed = 7): Float64Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) =>
    weightedInput(
      Array.from({ length }, () => 3 * random() - 1.5),
      100 * (i + 1),
      1000,
    ),
  );
}

/** The plain sum the masked one must equal: the same fixed-point inputs added without masks. */
function plainSum(inputs: Float64Array[], included: number[], sites: number): Int32Array {
  const fixed = fixedPointFor(sites, 1);
  const total = new Int32Array(inputs[0]!.length);
  for (const i of included) {
    const q = new Int32Array(quantise(inputs[i]!, fixed).buffer);
    for (let j = 0; j < total.length; j++) total[j]! += q[j]!;
  }
  return total;
}

const run = (n: number, faults: SecAggFault[] = [], extra: Partial<Parameters<typeof simulateSecAgg>[0]> = {}) =>
  simulateSecAgg({
    roundId: 'round-1',
    siteIds: ids(n),
    inputs: inputsFor(n, 50),
    threshold: 3,
    reconstruction: 3,
    neighbours: null,
    clippingRange: 1,
    faults,
    ...extra,
  });

describe('fixed point', () => {
  it('uses the largest scale at which the sum of every site cannot wrap', () => {
    expect(fixedPointFor(5, 1)).toEqual({ scale: 429_496_729, clippingRange: 1 });
    expect(fixedPointFor(100, 0.5).scale).toBe(21_474_836);
    expect(() => fixedPointFor(1_000_000, 10)).toThrow(
      'secureAggregation.clippingRange: 1000000 sites × a range of ±10 leave 214 fixed-point steps per unit in the 32-bit ring (at least 1024 needed)',
    );
  });

  it('clips, rounds and wraps negatives into the ring', () => {
    expect([...quantise([0.5, -0.25, 3, -3, 0.124], { scale: 4, clippingRange: 1 })]).toEqual([2, 2 ** 32 - 1, 4, 2 ** 32 - 4, 0]);
    expect([...signedSum(Uint32Array.of(2 ** 32 - 1, 5))]).toEqual([-1, 5]);
  });

  it('weights an update by its samples, capped at maxWeight, and averages back', () => {
    expect([...weightedInput([1, -2], 250, 1000)]).toEqual([0.25, -0.5, 0.25]);
    expect([...weightedInput([1], 5000, 1000)]).toEqual([1, 1]);
    expect([...weightedMean(Int32Array.of(30, -60, 10))]).toEqual([3, -6]);
    expect(() => weightedMean(Int32Array.of(1, 0))).toThrow('the summed weight is 0');
  });
});

describe('distributed noise', () => {
  it('goes onto the weighted input, so a heavy site is as protected as a light one', () => {
    // Four sites, each adding σ/√4 = 0.5 to its weighted words; one weighs 1, the others 0.01. The sum's noise is σ = 1
    // per word, against which the heavy site moves the sum by at most clipNorm = 1: the guarantee holds at σ / clipNorm.
    const uniform = secureUniform();
    const words = 50_000;
    const sum = new Float64Array(words + 1);
    for (const samples of [1000, 10, 10, 10]) {
      const input = addInputNoise(weightedInput(new Float32Array(words), samples, 1000), 0.5, () => gaussian(uniform));
      for (let i = 0; i <= words; i++) sum[i]! += input[i]!;
    }
    expect(sum[words]).toBeCloseTo(1.03, 12);
    let squares = 0;
    for (let i = 0; i < words; i++) squares += sum[i]! ** 2;
    expect(Math.abs(Math.sqrt(squares / words) - 1)).toBeLessThan(0.02);
    // No noise, no change; the weight word is never noised.
    expect([...addInputNoise(Float64Array.from([0.5, 0.25]), 0, () => 1)]).toEqual([0.5, 0.25]);
    expect([...addInputNoise(Float64Array.from([0.5, 0.25]), 2, () => 1)]).toEqual([2.5, 0.25]);
  });
});

describe('neighbourhoods', () => {
  it('joins every site to every other without a degree', () => {
    expect(Object.fromEntries(neighbourhoods(['c', 'a', 'b'], null, 's'))).toEqual({ c: ['a', 'b'], a: ['b', 'c'], b: ['a', 'c'] });
  });

  it('is a symmetric regular graph drawn from the seed', () => {
    const sites = ids(10);
    const graph = neighbourhoods(sites, 4, 'round-1');
    for (const [site, near] of graph) {
      expect(near).toHaveLength(4);
      expect(near).not.toContain(site);
      for (const peer of near) expect(graph.get(peer)).toContain(site);
    }
    expect(neighbourhoods(sites, 4, 'round-1')).toEqual(graph);
    expect(neighbourhoods(sites, 4, 'round-2')).not.toEqual(graph);
    expect(() => neighbourhoods(sites, 3, 's')).toThrow('secureAggregation.neighbours: 3 is not an even number of at least 2');
  });
});

describe('secure aggregation round', () => {
  it('reveals exactly the plain sum of the fixed-point inputs, so FedAvg is unchanged', async () => {
    const result = await run(5);
    expect(result.failure).toBeNull();
    expect(result.outcome!.included).toEqual(ids(5));
    expect([...result.outcome!.sum]).toEqual([...plainSum(inputsFor(5, 50), [0, 1, 2, 3, 4], 5)]);
    expect(weightedMean(result.outcome!.sum)).toEqual(weightedMean(plainSum(inputsFor(5, 50), [0, 1, 2, 3, 4], 5)));
    expect(result.culprits).toEqual([]);
  });

  it('never holds an individual input: each masked vector differs from the plain one in almost every word', async () => {
    const settings = { roundId: 'r', threshold: 2, reconstruction: 2, vectorLength: 51, fixedPoint: fixedPointFor(3, 1) };
    const sites = ids(3).map((id) => new SecAggSite(id, settings));
    const round = new SecAggRound(settings, ids(3), null);
    for (const site of sites) round.receiveAdvert(site.advertise());
    const rosters = round.closeAdvertising();
    for (const site of sites) round.receiveShares(await site.shareKeys(rosters.get(site.siteId)!));
    const inboxes = round.closeSharing();
    const input = inputsFor(3, 50)[0]!;
    sites[0]!.receive(inboxes.get(sites[0]!.siteId)!);
    const masked = sites[0]!.mask(input).masked;
    const plain = quantise(input, settings.fixedPoint);
    expect(masked.filter((word, i) => word === plain[i]).length).toBeLessThan(2);
  });

  it('completes without a site that dropped before sharing its keys', async () => {
    const result = await run(5, [{ site: 'site-b', kind: 'drop-before-sharing' }]);
    expect(result.outcome!.included).toEqual(['site-a', 'site-c', 'site-d', 'site-e']);
    expect(result.outcome!.dropped).toEqual([]);
    expect([...result.outcome!.sum]).toEqual([...plainSum(inputsFor(5, 50), [0, 2, 3, 4], 5)]);
  });

  it('removes the pairwise masks of a site that dropped after sharing, before uploading', async () => {
    const result = await run(5, [
      { site: 'site-b', kind: 'drop-before-upload' },
      { site: 'site-d', kind: 'drop-before-upload' },
    ]);
    expect(result.outcome!.included).toEqual(['site-a', 'site-c', 'site-e']);
    expect(result.outcome!.dropped).toEqual(['site-b', 'site-d']);
    expect([...result.outcome!.sum]).toEqual([...plainSum(inputsFor(5, 50), [0, 2, 4], 5)]);
  });

  it('keeps the input of a site that dropped during unmasking, from the others’ shares of its seed', async () => {
    const result = await run(5, [{ site: 'site-e', kind: 'drop-during-unmask' }]);
    expect(result.outcome!.included).toEqual(ids(5));
    expect([...result.outcome!.sum]).toEqual([...plainSum(inputsFor(5, 50), [0, 1, 2, 3, 4], 5)]);
  });

  it('fails below the threshold before anything is unmasked', async () => {
    const result = await run(5, [
      { site: 'site-a', kind: 'drop-before-upload' },
      { site: 'site-b', kind: 'drop-before-upload' },
      { site: 'site-c', kind: 'drop-before-upload' },
    ]);
    expect(result.outcome).toBeNull();
    expect(result.failure).toBe(
      'secure aggregation of round round-1 failed: 2 masked updates arrived from sites not caught lying, fewer than the threshold of 3; nothing is unmasked',
    );
    expect(result.coordinatorMs.unmask).toBe(0);
  });

  it('fails, naming the secret, when too few survivors answer the unmasking', async () => {
    const result = await run(5, [
      { site: 'site-c', kind: 'drop-during-unmask' },
      { site: 'site-d', kind: 'drop-during-unmask' },
      { site: 'site-e', kind: 'drop-during-unmask' },
    ]);
    expect(result.outcome).toBeNull();
    expect(result.failure).toBe(
      "secure aggregation of round round-1 failed: 2 sound shares of site-a's self-mask seed were revealed, 3 needed to unmask; no sum is revealed",
    );
  });

  it('names a site that sent a malformed share and leaves its input out', async () => {
    const result = await run(5, [{ site: 'site-b', kind: 'malformed-share', to: 'site-c' }]);
    expect(result.culprits).toEqual([{ siteId: 'site-b', phase: 'share-keys', reason: 'sent site-c a share that does not open' }]);
    expect(result.outcome!.included).toEqual(['site-a', 'site-c', 'site-d', 'site-e']);
    expect(result.outcome!.dropped).toEqual(['site-b']);
    expect([...result.outcome!.sum]).toEqual([...plainSum(inputsFor(5, 50), [0, 2, 3, 4], 5)]);
  });

  it('names a site that complains about a sound share and leaves its input out', async () => {
    const result = await run(5, [{ site: 'site-c', kind: 'false-complaint', about: 'site-d' }]);
    expect(result.culprits).toEqual([
      { siteId: 'site-c', phase: 'collect-masked', reason: 'complained about a share from site-d that opens and matches its commitment' },
    ]);
    expect(result.outcome!.included).toEqual(['site-a', 'site-b', 'site-d', 'site-e']);
    expect([...result.outcome!.sum]).toEqual([...plainSum(inputsFor(5, 50), [0, 1, 3, 4], 5)]);
  });

  it('names a site that lies in unmasking and rebuilds the secrets from the honest shares', async () => {
    const result = await run(5, [
      { site: 'site-e', kind: 'lie-in-unmask' },
      { site: 'site-b', kind: 'drop-before-upload' },
    ]);
    const lied = (kind: string, of: string) => ({
      siteId: 'site-e',
      phase: 'unmask',
      reason: `revealed a ${kind} share of ${of} that differs from the one ${of} committed to`,
    });
    expect(result.culprits).toEqual([
      lied('self-mask', 'site-e'),
      lied('self-mask', 'site-a'),
      lied('self-mask', 'site-c'),
      lied('self-mask', 'site-d'),
      lied('key', 'site-b'),
    ]);
    expect([...result.outcome!.sum]).toEqual([...plainSum(inputsFor(5, 50), [0, 2, 3, 4], 5)]);
  });

  it('shares only within neighbourhoods (SecAgg+) and still sums exactly with dropouts', async () => {
    const n = 20;
    const result = await simulateSecAgg({
      roundId: 'round-7',
      siteIds: ids(n),
      inputs: inputsFor(n, 30),
      threshold: 10,
      reconstruction: 4,
      neighbours: 6,
      clippingRange: 1,
      faults: [
        { site: 'site-c', kind: 'drop-before-upload' },
        { site: 'site-k', kind: 'drop-during-unmask' },
      ],
    });
    const included = ids(n)
      .map((_, i) => i)
      .filter((i) => i !== 2);
    expect(result.failure).toBeNull();
    expect([...result.outcome!.sum]).toEqual([...plainSum(inputsFor(n, 30), included, n)]);
  });
});

describe('the parties check what they are sent', () => {
  const settings = { roundId: 'r', threshold: 2, reconstruction: 2, vectorLength: 3, fixedPoint: fixedPointFor(3, 1) };

  it('the coordinator refuses malformed, duplicate and out-of-phase messages, naming the site and the field', () => {
    const round = new SecAggRound(settings, ['a', 'b', 'c'], null);
    const advert = new SecAggSite('a', settings).advertise();
    expect(() => round.receiveAdvert({ ...advert, maskKey: advert.maskKey.subarray(1) })).toThrow(
      'secure aggregation of round r, phase advertise-keys, from a: maskKey is not an X25519 public key of 32 bytes that agrees a key',
    );
    expect(() => round.receiveAdvert({ ...advert, siteId: 'z' })).toThrow('secure aggregation of round r: z takes no part in phase advertise-keys');
    round.receiveAdvert(advert);
    expect(() => round.receiveAdvert(advert)).toThrow('a already answered phase advertise-keys');
    expect(() => round.receiveMasked({ siteId: 'a', masked: new Uint32Array(3), complaints: [] })).toThrow(
      'a collect-masked message from a arrived in phase advertise-keys',
    );
    expect(() => round.closeAdvertising()).toThrow('1 sites advertised keys, fewer than the threshold of 2; nothing is unmasked');
    expect(round.phase).toBe('failed');
  });

  it('a site reveals once, never for a site listed both as survivor and dropped, never below the threshold', async () => {
    const sites = ['a', 'b', 'c'].map((id) => new SecAggSite(id, settings));
    const round = new SecAggRound(settings, ['a', 'b', 'c'], null);
    for (const site of sites) round.receiveAdvert(site.advertise());
    const rosters = round.closeAdvertising();
    for (const site of sites) round.receiveShares(await site.shareKeys(rosters.get(site.siteId)!));
    const inboxes = round.closeSharing();
    const a = sites[0]!;
    a.receive(inboxes.get('a')!);
    expect(() => a.reveal({ survivors: ['a', 'b'], dropped: ['b'] })).toThrow('b listed both as survivor and as dropped');
    expect(() => a.reveal({ survivors: ['a'], dropped: ['b', 'c'] })).toThrow('1 survivors, fewer than the threshold of 2');
    const first = a.reveal({ survivors: ['a', 'b'], dropped: ['c'] });
    expect(first.selfMaskShares.map((s) => s.of)).toEqual(['a', 'b']);
    expect(first.keyShares.map((s) => s.of)).toEqual(['c']);
    expect(a.reveal({ survivors: ['b', 'a'], dropped: ['c'] })).toBe(first);
    expect(() => a.reveal({ survivors: ['a', 'c'], dropped: ['b'] })).toThrow('a already revealed shares for another split');
  });
});

describe('secure aggregation composed with FedAvg', () => {
  it('gives the model plain FedAvg gives, within the fixed-point step', async () => {
    const topology = normalizeTopology({
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Dense', config: { input_shape: [3], units: 2, activation: 'softmax' } }] as LayerSpec[] },
    });
    const random = seededRandom(11);
    const sites: SimulatedSite[] = [40, 60, 100].map((n, s) => {
      const features = Float32Array.from({ length: n * 3 }, () => random() - 0.5);
      const labels = Int32Array.from({ length: n }, (_, r) => (features[r * 3]! + 0.2 * s > 0 ? 1 : 0));
      const rows = inMemoryRows(features, labels);
      return { id: `site-${s}`, data: { inputShape: [3], classCount: 2, train: rows, validation: rows } };
    });
    const spec: SimulationSpec = {
      topology,
      strategy: strategySchema.parse({ name: 'fedavg' }),
      rounds: 2,
      job: { localEpochs: 1, batchSize: 10, optimizer: 'sgd', learningRate: 0.5, loss: 'categoricalCrossentropy' },
      seed: 5,
    };
    const plain = await simulate(spec, sites);
    const secure = await simulate(
      { ...spec, secureAggregation: { clippingRange: 8, maxWeight: 1000, threshold: 2, reconstruction: 2, neighbours: null } },
      sites,
    );
    expect(secure.rounds.map((r) => r.used)).toEqual([['secure-sum'], ['secure-sum']]);
    const step = 1 / fixedPointFor(3, 8).scale;
    plain.global.forEach((tensor, t) =>
      tensor.values.forEach((v, i) => {
        // Each weight is a mean of three fixed-point values divided by their fixed-point weights: off by a few steps.
        expect(Math.abs(secure.global[t]!.values[i]! - v)).toBeLessThan(50 * step + 1e-6);
      }),
    );
  });
});

describe('the spec and the wire', () => {
  const base = {
    name: 's',
    classes: ['a', 'b'],
    rounds: 1,
    sites: ['a', 'b', 'c'],
    model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
  };

  it('refuses what secure aggregation cannot serve, each with the field and the fix', () => {
    const issues = (extra: Record<string, unknown>) => specIssues({ ...base, ...extra });
    expect(issues({ secureAggregation: { threshold: 2, clippingRange: 1 } })).toEqual([]);
    expect(issues({ secureAggregation: { threshold: 2, clippingRange: 1 }, strategy: { name: 'krum', f: 0 } })).toEqual([
      "strategy.name: krum needs each site's own update, which secure aggregation hides from the coordinator; use fedavg, fedavgm, fedadam, fedyogi, fedadagrad, fedprox or fedbn, or drop secureAggregation",
    ]);
    expect(issues({ secureAggregation: { threshold: 2, clippingRange: 1 }, updateChecks: { maxNorm: 5 } })).toEqual([
      "updateChecks.maxNorm: the coordinator cannot measure a masked update's norm; drop maxNorm and set privacy.clipNorm, which each site applies before masking",
    ]);
    expect(issues({ secureAggregation: { threshold: 2 } })).toEqual([
      'secureAggregation.clippingRange: set clippingRange (each coordinate of an update is clipped to ± it before fixed point) or privacy.clipNorm',
    ]);
    expect(issues({ secureAggregation: { threshold: 4, clippingRange: 1 } })).toEqual([
      'secureAggregation.threshold: a round needs at least threshold (4) updates: set minSites to 4 or more',
      'secureAggregation.threshold: threshold (4) exceeds the 3 listed sites',
    ]);
    expect(issues({ secureAggregation: { threshold: 3, clippingRange: 1 }, minSites: 2 })).toEqual([
      'secureAggregation.threshold: a round needs at least threshold (3) updates: set minSites to 3 or more',
    ]);
    expect(issues({ privacy: { clipNorm: 1, noiseMultiplier: 1, noise: 'distributed' } })).toEqual([
      'privacy.noise: distributed noise is summed by secure aggregation at site level: set secureAggregation, keep privacy.level site, or use noise local',
    ]);
    // Distributed: each of at least 4 sites adds half the noise to its weighted input, so the sum the coordinator
    // sees carries all of it; the update itself is only clipped. The default clipping range leaves room for 6σ.
    const distributed = parseRunSpec({
      ...base,
      sites: ['a', 'b', 'c', 'd'],
      secureAggregation: { threshold: 4 },
      privacy: { clipNorm: 1, noiseMultiplier: 2, noise: 'distributed' },
    });
    expect(siteNoise(distributed)).toEqual({ clipNorm: 1, noiseMultiplier: 0 });
    expect(distributedNoiseStdDev(distributed)).toBe(1);
    expect(clippingRangeOf(distributed)).toBe(7);
    const local = { ...distributed, privacy: { clipNorm: 1, noiseMultiplier: 2 } };
    expect(siteNoise(local)).toEqual({ clipNorm: 1, noiseMultiplier: 2 });
    expect([distributedNoiseStdDev(local), clippingRangeOf(local)]).toEqual([0, 1]);
    expect(
      issues({
        sites: ['a', 'b', 'c', 'd'],
        secureAggregation: { threshold: 4, clippingRange: 5 },
        privacy: { clipNorm: 1, noiseMultiplier: 2, noise: 'distributed' },
      }),
    ).toEqual([
      'secureAggregation.clippingRange: clippingRange 5 would cut the tails of the noise each site adds (standard deviation 1), weakening the guarantee: set it to at least clipNorm + 6 standard deviations (7), or drop it for that default',
    ]);
    expect(issues({ secureAggregation: { threshold: 2, clippingRange: 1, neighbours: 3 } })).toEqual([
      'secureAggregation.neighbours: neighbours must be even: as many on either side of the ring',
    ]);
  });

  it('carries every phase across the wire and back, and refuses malformed messages naming the field', () => {
    const settings = { roundId: 'r', threshold: 2, reconstruction: 2, vectorLength: 3, fixedPoint: fixedPointFor(2, 1) };
    const advert = new SecAggSite('a', settings).advertise();
    // The caller's certificate names the site, whatever the message says.
    expect(secAggUpFromWire(secAggUpToWire({ kind: 'advert', advert: { ...advert, siteId: 'mallory' } }), 'a')).toEqual({ kind: 'advert', advert });
    const masked = {
      kind: 'masked' as const,
      input: { siteId: 'a', masked: Uint32Array.of(1, 2 ** 32 - 1, 7), complaints: [] },
      sampleCount: 10,
      metrics: { val_accuracy: 0.5 },
    };
    expect(secAggUpFromWire(secAggUpToWire(masked), 'a')).toEqual(masked);
    const unmask = { kind: 'unmask' as const, request: { survivors: ['a', 'b'], dropped: ['c'] } };
    expect(secAggDownFromWire(secAggDownToWire(unmask))).toEqual(unmask);
    expect(() => secAggUpFromWire({ advert: { ...advert, shareKey: new Uint8Array(40) } }, 'a')).toThrow('advert.shareKey: at most 32 bytes');
    expect(() => secAggUpFromWire({ masked: { masked: new Uint8Array(5), complaints: [], sampleCount: 1, metrics: {} } }, 'a')).toThrow(
      'masked.masked: a whole number of 32-bit words',
    );
    expect(() => secAggUpFromWire({}, 'a')).toThrow('set one of advert, shares, masked or reveal');
  });
});

import { describe, expect, it } from 'vitest';

import { parseRunSpec } from '../../common/run-spec.parse.js';
import { gaussian, secureUniform } from '../../common/secure-random.js';
import { noisedMean } from '../../coordinator/domain/central-noise.js';
import { memoryUpdate } from '../../coordinator/domain/strategies/memory-update.js';
import { privacyClipFactor } from '../../coordinator/domain/update-judgement.js';
import { policyViolations } from '../../site-agent/policy/policy-check.js';
import { sitePolicySchema } from '../../site-agent/policy/site-policy.js';
import { siteNoise } from '../../site-agent/task/train-for-task.js';
import { specIssues } from '../support/spec-issues.js';

const vector = (siteId: string, values: number[]) => memoryUpdate(siteId, 1000, [{ name: 'w', shape: [values.length], values: Float32Array.from(values) }]);

const base = {
  name: 'c',
  classes: ['a', 'b'],
  rounds: 1,
  sites: ['a', 'b', 'c'],
  model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
};
const central = { clipNorm: 1, noiseMultiplier: 2, noise: 'central' };

describe('central noise', () => {
  it('averages the clipped updates with equal weights over the sites asked, not those that answered, and adds the noise', () => {
    // Three sites asked, two answered; sample counts play no part.
    const updates = [vector('a', [3, 4, 0]), vector('b', [0, 2, -3])];
    expect(noisedMean(updates, 3, 3, { clipNorm: 5, noiseMultiplier: 0 }, () => 99)).toEqual({ mean: Float32Array.from([1, 2, -1]), stdDev: 0 });
    // Noise of 0.6 × 5 / 3 = 1 per coordinate, the draws here +1, −1, +2.
    const draws = [1, -1, 2];
    expect(noisedMean(updates, 3, 3, { clipNorm: 5, noiseMultiplier: 0.6 }, () => draws.shift()!)).toEqual({ mean: Float32Array.from([2, 1, 1]), stdDev: 1 });
    expect(() => noisedMean(updates, 3, 1, { clipNorm: 5, noiseMultiplier: 0 }, () => 0)).toThrow('2 updates from a round that asked 1 sites');
  });

  it('sums a vector longer than one slice, in slices', () => {
    const length = 70_000;
    const ramp = (scale: number) => Array.from({ length }, (_, i) => scale * (i % 1000));
    const { mean } = noisedMean([vector('a', ramp(1)), vector('b', ramp(3))], length, 4, { clipNorm: 1, noiseMultiplier: 0 }, () => 0);
    expect([mean[0], mean[999], mean[65_535], mean[65_536], mean[69_999]]).toEqual([0, 999, 535, 536, 999]);
  });

  it('draws its noise from the CSPRNG with the calibrated standard deviation', () => {
    const uniform = secureUniform();
    const length = 200_000;
    const { mean, stdDev } = noisedMean([vector('a', new Array(length).fill(0))], length, 5, { clipNorm: 2, noiseMultiplier: 1.5 }, () => gaussian(uniform));
    expect(stdDev).toBe(0.6);
    let squares = 0;
    for (const v of mean) squares += v * v;
    expect(Math.abs(Math.sqrt(squares / length) / 0.6 - 1)).toBeLessThan(0.02);
  });

  it("clips at the coordinator to the spec's clip norm, whatever the site sent", () => {
    expect(privacyClipFactor(5, parseRunSpec({ ...base, privacy: { ...central, clipNorm: 2 } }).privacy)).toBe(0.4);
    expect(privacyClipFactor(1.5, parseRunSpec({ ...base, privacy: { ...central, clipNorm: 2 } }).privacy)).toBe(1);
    // Local noise: the site clipped and noised; the coordinator leaves the update alone.
    expect(privacyClipFactor(5, parseRunSpec({ ...base, privacy: { clipNorm: 2, noiseMultiplier: 1 } }).privacy)).toBe(1);
  });

  it('has the sites clip without noise', () => {
    expect(siteNoise(parseRunSpec({ ...base, privacy: central }))).toEqual({ clipNorm: 1, noiseMultiplier: 0 });
  });

  it('refuses what central noise cannot serve, each with the field and the fix', () => {
    const issues = (extra: Record<string, unknown>) => specIssues({ ...base, ...extra });
    expect(issues({ privacy: central })).toEqual([]);
    expect(issues({ privacy: central, secureAggregation: { threshold: 2 } })).toEqual([
      'privacy.noise: under secure aggregation the coordinator sees no single update to clip: use noise distributed, which the sites add',
    ]);
    expect(issues({ privacy: { ...central, level: 'sample' } })).toEqual([
      "privacy.noise: DP-SGD's noise goes into each step at the site: drop noise central, or use privacy level site",
    ]);
    expect(issues({ privacy: central, strategy: { name: 'median' } })).toEqual([
      'strategy.name: central noise is calibrated to an equally weighted mean of clipped updates, which median does not compute; use a FedAvg-family strategy or noise local',
    ]);
  });

  it("is refused by a site whose privacy rules do not take the coordinator's word, and accepted by one that trusts it", async () => {
    const spec = parseRunSpec({ ...base, privacy: central });
    const refusal =
      "the run's noise is added by the coordinator (privacy.noise central), so this site's update would leave clipped but unnoised, and the site policy's privacy rules (requireDifferentialPrivacy, privacyBudget) do not take the coordinator's word (trustCentralNoise). Ask for noise local (or distributed under secure aggregation), or set trustCentralNoise: true in the site policy";
    expect(await policyViolations(spec, sitePolicySchema.parse({ requireDifferentialPrivacy: true }))).toEqual([refusal]);
    expect(await policyViolations(spec, sitePolicySchema.parse({ privacyBudget: { epsilon: 5, delta: 1e-5 } }))).toEqual([refusal]);
    expect(await policyViolations(spec, sitePolicySchema.parse({ requireDifferentialPrivacy: true, trustCentralNoise: true }))).toEqual([]);
    // A site with no privacy rules trains whoever adds the noise.
    expect(await policyViolations(spec, sitePolicySchema.parse({}))).toEqual([]);
  });
});

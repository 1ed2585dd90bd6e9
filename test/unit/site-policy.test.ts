import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { newEnrolmentToken, parseEnrolmentToken } from '../../common/enrolment-token.js';
import { canonicalJson, sha256Hex } from '../../common/hashing.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { CallRateLimit } from '../../coordinator/domain/call-rate-limit.js';
import { ConsentDesk } from '../../site-agent/policy/consent-desk.js';
import { policyViolations } from '../../site-agent/policy/policy-check.js';
import { RunConsents } from '../../site-agent/policy/run-consents.js';
import { sitePolicySchema } from '../../site-agent/policy/site-policy.js';
import { specDiff } from '../../site-agent/policy/spec-diff.js';
import { privatizeUpdate } from '../../site-agent/training/privatize-update.js';

const spec = (patch: Record<string, unknown> = {}) =>
  parseRunSpec({
    name: 'p',
    classes: ['a', 'b'],
    rounds: 1,
    localEpochs: 3,
    model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
    ...patch,
  });

describe('consent to evaluation-only jobs', () => {
  it('lets a job of no training rounds past approval when the policy says so, and nothing else', async () => {
    const desk = new ConsentDesk(
      sitePolicySchema.parse({ evaluationWithoutApproval: true }),
      new RunConsents(mkdtempSync(path.join(tmpdir(), 'consent-'))),
      () => ({
        availableBytes: 2 ** 40,
        prefetchBatches: 4,
      }),
    );
    const offer = (patch: Record<string, unknown>) => {
      const parsed = spec(patch);
      return { runId: 'r', name: 'p', specSha256: sha256Hex(canonicalJson(parsed)), specJson: JSON.stringify(parsed), status: 'pending', createdAt: 't' };
    };
    expect(await desk.consentTo(offer({ rounds: 0, initialModel: 'm' }))).toMatchObject({
      state: 'approved',
      reason: 'the site policy lets evaluation-only jobs run without approval',
    });
    expect((await desk.consentTo(offer({ rounds: 1 }))).state).toBe('awaiting-approval');
  });
});

describe('site policy check', () => {
  it('passes a spec within every rule', async () => {
    expect(await policyViolations(spec(), sitePolicySchema.parse({}))).toEqual([]);
  });

  it("names every rule a spec breaks, with the spec's value and the limit", async () => {
    const policy = sitePolicySchema.parse({ maxParameters: 9, maxLocalEpochs: 2, requireDifferentialPrivacy: true });
    expect(await policyViolations(spec(), policy)).toEqual([
      "localEpochs 3 exceeds the site policy's maxLocalEpochs 2",
      'the site policy requires differential privacy: set privacy.clipNorm and privacy.noiseMultiplier > 0 in the run spec',
      'model has 10 parameters; the site policy allows at most 9 (maxParameters)',
    ]);
    expect(
      await policyViolations(
        spec({ localEpochs: 1, privacy: { clipNorm: 1, noiseMultiplier: 0.5 } }),
        sitePolicySchema.parse({ requireDifferentialPrivacy: true }),
      ),
    ).toEqual([]);
  });

  it('refuses a forbidden layer class before building the model', async () => {
    expect(await policyViolations(spec(), sitePolicySchema.parse({ allowedLayers: ['Conv2D'] }))).toEqual([
      'layer Dense not allowed by the site policy (allowedLayers: Conv2D)',
    ]);
  });

  it('rejects a policy file that names an unknown layer class, saying which are known', () => {
    const result = sitePolicySchema.safeParse({ allowedLayers: ['LSTM'] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/^allowedLayers lists Keras layer classes: Dense, Conv2D/);
  });
});

describe('spec diff', () => {
  it('shows only the changed lines, independent of key order', () => {
    const before = JSON.stringify({ name: 'a', rounds: 5, strategy: { name: 'fedavg' } });
    const after = JSON.stringify({ strategy: { name: 'fedprox', mu: 0.01 }, rounds: 5, name: 'a' });
    expect(specDiff(before, after)).toEqual(['-   name: fedavg', '+   mu: 0.01', '+   name: fedprox']);
    expect(specDiff(before, before)).toEqual([]);
  });
});

describe('update privacy', () => {
  it('clips to clipNorm, then adds noise of standard deviation noiseMultiplier × clipNorm', () => {
    const update = [{ name: 'w', shape: [2], values: Float32Array.from([3, 4]) }];
    const clipped = privatizeUpdate(update, { clipNorm: 1, noiseMultiplier: 0 });
    expect(clipped.normBefore).toBe(5);
    expect([...clipped.tensors[0]!.values]).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    // With u1 = e^-0.5 and u2 = 1 (cos 2π = 1), Box–Muller gives exactly 1: noise = σ = 0.5 × 2.
    const uniforms = [Math.exp(-0.5), 1];
    let i = 0;
    const noised = privatizeUpdate(
      [{ name: 'w', shape: [1], values: Float32Array.from([1]) }],
      { clipNorm: 2, noiseMultiplier: 0.5 },
      () => uniforms[i++ % 2]!,
    );
    expect(noised.tensors[0]!.values[0]).toBeCloseTo(2, 6);
    expect(update[0]!.values).toEqual(Float32Array.from([3, 4]));
  });

  it('draws noise the coordinator cannot predict: two calls differ', () => {
    const update = [{ name: 'w', shape: [4], values: new Float32Array(4) }];
    const a = privatizeUpdate(update, { clipNorm: 1, noiseMultiplier: 1 }).tensors[0]!.values;
    const b = privatizeUpdate(update, { clipNorm: 1, noiseMultiplier: 1 }).tensors[0]!.values;
    expect([...a]).not.toEqual([...b]);
  });
});

describe('enrolment tokens and call limits', () => {
  it('carries the CA hash, and refuses anything else with the fix', () => {
    const { text, token } = newEnrolmentToken('ab'.repeat(32));
    expect(parseEnrolmentToken(text)).toEqual(token);
    expect(() => parseEnrolmentToken('hello')).toThrow(
      'token: not an enrolment token (expected cet1.<secret>.<ca-sha256>); copy the whole token the administrator was given',
    );
  });

  it('allows `limit` calls per key in any sliding window', () => {
    const limit = new CallRateLimit(2, 1000);
    expect([0, 10, 20].map((t) => limit.allow('a', t))).toEqual([true, true, false]);
    expect(limit.allow('b', 20)).toBe(true);
    expect(limit.allow('a', 1001)).toBe(true);
    expect(limit.allow('a', 1005)).toBe(false);
  });
});

describe('the example site policy', () => {
  it('parses, and differs from the defaults where it says so', async () => {
    const { loadSitePolicy } = await import('../../site-agent/policy/site-policy.js');
    expect(loadSitePolicy('deploy/site/policy.example.yaml')).toEqual({
      allowedLayers: ['Conv2D', 'MaxPooling2D', 'BatchNormalization', 'Flatten', 'Dense', 'Dropout'],
      maxParameters: 5_000_000,
      maxLocalEpochs: 10,
      maxStepMemoryMegabytes: 2048,
      minCellSize: 10,
      requireDifferentialPrivacy: false,
      requireApproval: true,
      evaluationWithoutApproval: true,
      sharePersonalisedTensors: false,
      shareLabelMap: true,
      trustCentralNoise: false,
    });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { canonicalJson, sha256Hex } from '../../common/hashing.js';
import { DEFAULT_ORDERS, epsilonFromRdp, rdpSampledGaussian, roundsEpsilon } from '../../common/rdp-accountant.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { sitePrivacy } from '../../site-agent/main.js';
import { ConsentDesk } from '../../site-agent/policy/consent-desk.js';
import { PrivacyLedger } from '../../site-agent/policy/privacy-ledger.js';
import { RunConsents } from '../../site-agent/policy/run-consents.js';
import { sitePolicySchema } from '../../site-agent/policy/site-policy.js';

/** Site-level DP at noise multiplier 4: one Gaussian mechanism per round. */
const siteLevel4 = { noiseMultiplier: 4, samplingRate: 1, stepsPerRound: 1 };
const spec = (rounds: number, noiseMultiplier?: number) =>
  parseRunSpec({
    name: 'dp',
    classes: ['a', 'b'],
    rounds,
    ...(noiseMultiplier === undefined ? {} : { privacy: { clipNorm: 1, noiseMultiplier } }),
    model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
  });
const offer = (runId: string, parsed: ReturnType<typeof spec>) => ({
  runId,
  name: 'dp',
  specSha256: sha256Hex(canonicalJson(parsed)),
  specJson: JSON.stringify(parsed),
  status: 'pending',
  createdAt: 't',
});

describe("a site's privacy budget", () => {
  it('composes runs by adding their Rényi divergences: two runs of 5 rounds spend what one of 10 does', () => {
    const ten = epsilonFromRdp(DEFAULT_ORDERS, rdpSampledGaussian(1, 4, 10), 1e-5).epsilon;
    expect(roundsEpsilon([{ noiseMultiplier: 4, rounds: 10 }], 1e-5)).toBe(ten);
    expect(
      roundsEpsilon(
        [
          { noiseMultiplier: 4, rounds: 5 },
          { noiseMultiplier: 4, rounds: 5 },
        ],
        1e-5,
      ),
    ).toBeCloseTo(ten, 12);
    expect(roundsEpsilon([{ noiseMultiplier: 0, rounds: 1 }], 1e-5)).toBe(Infinity);
  });

  it("refuses, with the numbers, a run that would take the ledger over the policy's ε, and a run without noise", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-'));
    const ledger = PrivacyLedger.inStateDir(dir);
    const budget = { epsilon: 6, delta: 1e-5 };
    const desk = new ConsentDesk(
      sitePolicySchema.parse({ requireApproval: false, privacyBudget: budget }),
      new RunConsents(dir),
      () => ({ availableBytes: 2 ** 40, prefetchBatches: 4 }),
      ledger,
    );
    // σ 4 at δ 1e-5: 10 rounds cost ε 3.617, 20 cost 5.378, 30 cost 6.813.
    expect(await desk.consentTo(offer('first', spec(10, 4)))).toMatchObject({ state: 'approved' });
    for (let i = 0; i < 10; i++) await ledger.recordRound('f'.repeat(64), 'first', 'h', siteLevel4, `2026-11-30T10:0${i}:00Z`);
    expect(ledger.entries()).toEqual([
      {
        fingerprint: 'f'.repeat(64),
        runId: 'first',
        specSha256: 'h',
        noiseMultiplier: 4,
        samplingRate: 1,
        stepsPerRound: 1,
        rounds: 10,
        at: '2026-11-30T10:09:00Z',
      },
    ]);
    expect(await desk.consentTo(offer('second', spec(10, 4)))).toMatchObject({ state: 'approved' });
    const spent = roundsEpsilon([{ noiseMultiplier: 4, rounds: 10 }], 1e-5);
    const total = roundsEpsilon([{ noiseMultiplier: 4, rounds: 30 }], 1e-5);
    expect(spent).toBeLessThan(6);
    expect(total).toBeGreaterThan(6);
    expect(await desk.consentTo(offer('third', spec(20, 4)))).toMatchObject({
      state: 'refused',
      reason: `privacy budget: the run would spend ε ${roundsEpsilon([{ noiseMultiplier: 4, rounds: 20 }], 1e-5).toFixed(3)} (20 rounds, noise multiplier 4); with ε ${spent.toFixed(3)} already spent on this site's data by 1 run that makes ${total.toFixed(3)}, over the site policy's privacyBudget ε 6 at δ 0.00001`,
    });
    expect(await desk.consentTo(offer('plain', spec(1)))).toMatchObject({
      state: 'refused',
      reason:
        "privacy budget: the run adds no noise to its updates (privacy.noiseMultiplier), so what it spends is unbounded; the site policy's privacyBudget (ε 6 at δ 0.00001) refuses it",
    });
  });

  it('counts what earlier versions of the data spent: a corrected label does not reset the budget', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-'));
    const ledger = PrivacyLedger.inStateDir(dir);
    await ledger.recordRound('a'.repeat(64), 'on-version-a', 'h', siteLevel4, 't');
    await ledger.recordRound('b'.repeat(64), 'on-version-b', 'h', siteLevel4, 't');
    const desk = new ConsentDesk(
      sitePolicySchema.parse({ requireApproval: false, privacyBudget: { epsilon: 2, delta: 1e-5 } }),
      new RunConsents(dir),
      () => ({ availableBytes: 2 ** 40, prefetchBatches: 4 }),
      ledger,
    );
    const consent = await desk.consentTo(offer('next', spec(5, 4)));
    expect(consent.state).toBe('refused');
    expect(consent.reason).toContain(
      `with ε ${roundsEpsilon([{ noiseMultiplier: 4, rounds: 2 }], 1e-5).toFixed(3)} already spent on this site's data by 2 runs`,
    );
  });

  it('shows hospital IT the ledger: per dataset, each run and the total against the budget', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-'));
    writeFileSync(path.join(dir, 'policy.yaml'), 'privacyBudget: { epsilon: 6, delta: 0.00001 }\n');
    writeFileSync(
      path.join(dir, 'site.yaml'),
      'siteId: s\ncoordinator: c:1\nstateDir: state\npolicy: policy.yaml\ndata: { kind: csv, path: t.csv, labelColumn: label }\n',
    );
    const ledger = PrivacyLedger.inStateDir(path.join(dir, 'state'));
    for (let i = 0; i < 10; i++) await ledger.recordRound('a'.repeat(64), 'first', 'h', siteLevel4, '2026-11-30T10:00:00Z');
    for (let i = 0; i < 10; i++) await ledger.recordRound('a'.repeat(64), 'second', 'h', siteLevel4, '2026-11-30T11:00:00Z');
    expect(sitePrivacy(path.join(dir, 'site.yaml')).text.split('\n')).toEqual([
      'privacy budget: ε 6 at δ 0.00001',
      `dataset ${'a'.repeat(16)}…: ε 5.378 spent, 0.622 left`,
      '  run first: 10 rounds, noise multiplier 4: ε 3.617 (last 2026-11-30T10:00:00Z)',
      '  run second: 10 rounds, noise multiplier 4: ε 3.617 (last 2026-11-30T11:00:00Z)',
    ]);
  });

  it('counts DP-SGD by its steps and sampling rate, from the training samples, and reads ledgers written before DP-SGD', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-'));
    const ledger = PrivacyLedger.inStateDir(dir);
    writeFileSync(ledger.file, JSON.stringify([{ fingerprint: 'a'.repeat(64), runId: 'old', specSha256: 'h', noiseMultiplier: 4, rounds: 2, at: 't' }]));
    expect(ledger.entries()[0]).toMatchObject({ samplingRate: 1, stepsPerRound: 1 });
    const dpSgd = parseRunSpec({
      name: 'dp-sgd',
      classes: ['a', 'b'],
      rounds: 20,
      batchSize: 50,
      privacy: { level: 'sample', clipNorm: 1, noiseMultiplier: 0.8 },
      model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
    });
    const desk = new ConsentDesk(
      sitePolicySchema.parse({ requireApproval: false, privacyBudget: { epsilon: 5, delta: 1e-5 } }),
      new RunConsents(dir),
      () => ({ availableBytes: 2 ** 40, prefetchBatches: 4 }),
      ledger,
      () => 1000,
    );
    // 20 rounds of 20 steps at q = 0.05 and σ 0.8 cost ε 12.007 alone, 12.169 with the old run's 2 rounds at σ 4 (1.478).
    const run = { noiseMultiplier: 0.8, samplingRate: 0.05, stepsPerRound: 20, rounds: 20 };
    const alone = roundsEpsilon([run], 1e-5);
    expect(await desk.consentTo(offer('dp-sgd', dpSgd))).toMatchObject({
      state: 'refused',
      reason: `privacy budget: the run would spend ε ${alone.toFixed(3)} (20 rounds of 20 DP-SGD steps at sampling rate 0.05, noise multiplier 0.8); with ε ${roundsEpsilon([{ noiseMultiplier: 4, rounds: 2 }], 1e-5).toFixed(3)} already spent on this site's data by 1 run that makes ${roundsEpsilon([run, { noiseMultiplier: 4, rounds: 2 }], 1e-5).toFixed(3)}, over the site policy's privacyBudget ε 5 at δ 0.00001`,
    });
    // A site with ten times the data samples each patient ten times less often: 3.297 alone, 3.638 with the old run.
    const roomy = new ConsentDesk(
      sitePolicySchema.parse({ requireApproval: false, privacyBudget: { epsilon: 5, delta: 1e-5 } }),
      new RunConsents(dir),
      () => ({ availableBytes: 2 ** 40, prefetchBatches: 4 }),
      ledger,
      () => 10_000,
    );
    expect(
      roundsEpsilon(
        [
          { noiseMultiplier: 0.8, samplingRate: 0.005, stepsPerRound: 200, rounds: 20 },
          { noiseMultiplier: 4, rounds: 2 },
        ],
        1e-5,
      ),
    ).toBeCloseTo(3.638, 3);
    expect(await roomy.consentTo(offer('dp-sgd', dpSgd))).toMatchObject({ state: 'approved' });
  });
});

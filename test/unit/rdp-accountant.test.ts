import { describe, expect, it } from 'vitest';

import { deltaFromRdp, epsilonFromRdp, rdpSampledGaussian } from '../../common/rdp-accountant.js';

/** Opacus's default orders (opacus/accountants/rdp.py DEFAULT_ALPHAS). */
const OPACUS_ORDERS = [...Array.from({ length: 99 }, (_, i) => 1 + (i + 1) / 10), ...Array.from({ length: 52 }, (_, i) => 12 + i)];

describe('the RDP accountant, on the published accountants’ own test cases', () => {
  it("gives dp-accounting's RDP of 50 steps of the sampled Gaussian (q 0.01, σ 2.5) at orders 1.5 to ∞", () => {
    // dp_accounting/rdp/rdp_privacy_accountant_test.py, test_compute_rdp_poisson_sampled_gaussian (rtol 1e-4).
    const rdp = rdpSampledGaussian(0.01, 2.5, 50, [1.5, 2.5, 5, 50, 100, Infinity]);
    const expected = [6.70579741e-4, 1.0854871e-3, 2.18075656e-3, 2.38460375e-2, 1.67416308e2];
    rdp.slice(0, 5).forEach((r, i) => expect(Math.abs(r - expected[i]!) / expected[i]!).toBeLessThan(1e-4));
    expect(rdp[5]).toBe(Infinity);
  });

  it("converts a constant RDP of 1.1 over orders 2 to 32 to dp-accounting's ε 1.32783806176 at δ 1e-5 (order 32), and back", () => {
    // test_compute_epsilon_delta_pure_dp: Proposition 12 of Canonne, Kamath, Steinke (2020).
    const orders = Array.from({ length: 31 }, (_, i) => i + 2);
    const rdp = orders.map(() => 1.1);
    const { epsilon, order } = epsilonFromRdp(orders, rdp, 1e-5);
    expect(epsilon).toBeCloseTo(1.32783806176, 10);
    expect(order).toBe(32);
    const back = deltaFromRdp(orders, rdp, 1.32783806176);
    expect(back.delta).toBeCloseTo(1e-5, 12);
    expect(back.order).toBe(32);
  });

  it('finds the Gaussian mechanism of σ 4.530877117 exactly (1, 1e-6)-DP over orders 1.001 to 99.999, as dp-accounting does', () => {
    // test_compute_epsilon_delta_gaussian: q = 1, one step.
    const orders = Array.from({ length: 98999 }, (_, i) => (1001 + i) * 0.001);
    const rdp = rdpSampledGaussian(1, 4.530877117, 1, orders);
    expect(epsilonFromRdp(orders, rdp, 1e-6).epsilon).toBeCloseTo(1, 7);
    expect(deltaFromRdp(orders, rdp, 1).delta).toBeCloseTo(1e-6, 12);
  });

  it("gives Opacus's ε 7.32911117143 for σ 1.5, q 0.04 and 2250 steps at δ 1e-5 over its default orders, from above by 3 parts in 10⁵", () => {
    // opacus/tests/accountants_test.py, test_rdp_accountant (90 epochs at sample rate 0.04). Its best order is
    // fractional: Opacus sums that series with signed coefficients (exact), dp-accounting with their absolute values
    // (an upper bound), as this accountant does; so ε lies a little above Opacus's, on the safe side.
    const rdp = rdpSampledGaussian(0.04, 1.5, 2250, OPACUS_ORDERS);
    const { epsilon } = epsilonFromRdp(OPACUS_ORDERS, rdp, 1e-5);
    expect(epsilon).toBeGreaterThanOrEqual(7.32911117143);
    expect(epsilon - 7.32911117143).toBeLessThan(7.32911117143 * 3.1e-5);
  });

  it('spends nothing without sampling or steps, everything without noise, and refuses impossible parameters by name', () => {
    expect(rdpSampledGaussian(0, 1, 10, [2, 3])).toEqual([0, 0]);
    expect(epsilonFromRdp([2, 3], [0, 0], 1e-5).epsilon).toBe(0);
    expect(rdpSampledGaussian(0.1, 0, 10, [2])).toEqual([Infinity]);
    expect(epsilonFromRdp([2], [Infinity], 1e-5).epsilon).toBe(Infinity);
    expect(() => rdpSampledGaussian(1.5, 1, 1, [2])).toThrow('sampling rate 1.5 must lie in [0, 1]');
    expect(() => rdpSampledGaussian(0.1, -1, 1, [2])).toThrow('noise multiplier -1 must be 0 or more');
    expect(() => rdpSampledGaussian(0.1, 1, 1.5, [2])).toThrow('steps 1.5 must be a whole number, 0 or more');
    expect(() => rdpSampledGaussian(0.1, 1, 1, [0.5])).toThrow('Rényi order 0.5 must be above 1');
  });
});

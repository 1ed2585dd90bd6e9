import { describe, expect, it } from 'vitest';

import { cohensKappa, consensusLabel, fleissKappa, krippendorffAlpha, readerDice } from '../../site-agent/profile/reader-agreement.js';

describe('agreement between readers', () => {
  it("gives Cohen's κ of the textbook 2 × 2 example: 50 cases, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ 0.4", () => {
    const a = [...Array(20).fill('yes'), ...Array(5).fill('yes'), ...Array(10).fill('no'), ...Array(15).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    const pair = cohensKappa(a, b);
    expect(pair.cases).toBe(50);
    expect(pair.observed).toBeCloseTo(0.7, 12);
    expect(pair.expected).toBeCloseTo(0.5, 12);
    expect(pair.kappa).toBeCloseTo(0.4, 12);
  });

  it('leaves out cases a reader skipped, and calls κ undefined when chance explains all agreement', () => {
    expect(cohensKappa(['M', null, 'B', 'B'], ['M', 'B', null, 'B'])).toEqual({ cases: 2, observed: 1, expected: 0.5, kappa: 1 });
    expect(cohensKappa(['B', 'B'], ['B', 'B']).kappa).toBeNaN();
    expect(() => cohensKappa(['B'], ['B', 'M'])).toThrow("Cohen's κ needs the same cases from both readers, not 1 and 2");
  });

  it("gives Fleiss' κ of Fleiss's worked example (10 cases, 14 readers, 5 categories): P̄ 0.378, P̄e 0.213, κ 0.210", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const group = fleissKappa(table);
    expect(group.cases).toBe(10);
    expect(group.readersPerCase).toBe(14);
    expect(group.observed).toBeCloseTo(0.378021978021978, 12);
    expect(group.expected).toBeCloseTo(0.21275510204081632, 12);
    expect(group.kappa).toBeCloseTo(0.20993070442195524, 12);
    expect(() =>
      fleissKappa([
        [2, 0],
        [1, 0],
      ]),
    ).toThrow("Fleiss' κ needs the same number of readers for every case: case 1 has 1, case 0 has 2");
  });

  it("gives Krippendorff's nominal α of his 2011 example (4 observers, 12 units, missing values): α = 113/152 ≈ 0.743", () => {
    const observers = ['1 2 3 3 2 1 4 1 2 . . .', '1 2 3 3 2 2 4 1 2 5 . 3', '. 3 3 3 2 3 4 2 2 5 1 .', '1 2 3 3 2 4 4 1 2 5 1 .'].map((row) => row.split(' '));
    const byCase = Array.from({ length: 12 }, (_, unit) => observers.map((o) => o[unit]!).filter((v) => v !== '.'));
    const reliability = krippendorffAlpha(byCase);
    expect(reliability.cases).toBe(11);
    expect(reliability.values).toBe(40);
    expect(reliability.observedDisagreement).toBeCloseTo(0.2, 12);
    expect(reliability.expectedDisagreement).toBeCloseTo(152 / 195, 12);
    expect(reliability.alpha).toBeCloseTo(113 / 152, 12);
  });

  it('gives Dice between two readers’ masks, 1 when neither marked the finding', () => {
    expect(readerDice(Uint8Array.from([1, 1, 0, 0]), Uint8Array.from([1, 0, 1, 0]))).toBe(0.5);
    expect(readerDice(Uint8Array.from([2, 2, 1, 0]), Uint8Array.from([2, 0, 1, 1]), 2)).toBeCloseTo(2 / 3, 12);
    expect(readerDice(new Uint8Array(4), new Uint8Array(4))).toBe(1);
  });

  it('makes the training label by the declared consensus rule, or says why the case needs adjudication', () => {
    // "r1=M r2=B": each reader's label of the case.
    const decide = (text: string, rule: Parameters<typeof consensusLabel>[1]) =>
      consensusLabel(new Map(text === '' ? [] : text.split(' ').map((pair) => pair.split('=') as [string, string])), rule);
    expect(decide('r1=M r2=M r3=B', { kind: 'majority' })).toEqual({ label: 'M' });
    expect(decide('r1=M r2=B', { kind: 'majority' })).toEqual({ label: null, reason: 'no majority among 2 readers (1 × B, 1 × M)' });
    expect(decide('r1=M r2=M chief=B', { kind: 'adjudicator', reader: 'chief' })).toEqual({ label: 'B' });
    expect(decide('r1=M r2=M', { kind: 'adjudicator', reader: 'chief' })).toEqual({ label: 'M' });
    expect(decide('r1=M r2=M r3=B', { kind: 'unanimous' })).toEqual({ label: null, reason: 'readers disagree (2 × M, 1 × B) and the rule is unanimous' });
    expect(decide('', { kind: 'majority' })).toEqual({ label: null, reason: 'no reader labelled the case' });
  });
});

import { describe, expect, it } from 'vitest';
import { GeneratorPowers, occupancyAndTransition, stepMatrices, transitionMatrix } from '../../src/expected-value/occupancy.js';
import { AGE_BAND_COUNT } from '../../src/model/domain/age-bands.js';
import { table } from './two-state-table.js';

/** Closed forms of E = exp(Q t) and F = ∫₀ᵗ exp(Q s) ds for Q = [[−(m + l0), m], [0, −l1]]. */
function closedForm(m: number, l0: number, l1: number, t: number): { E: number[]; F: number[] } {
  const h0 = m + l0;
  const e0 = Math.exp(-h0 * t);
  const e1 = Math.exp(-l1 * t);
  const i0 = (1 - e0) / h0;
  const i1 = (1 - e1) / l1;
  return { E: [e0, (m * (e1 - e0)) / (h0 - l1), 0, e1], F: [i0, (m * (i1 - i0)) / (h0 - l1), 0, i1] };
}

describe('stepMatrices', () => {
  const active = Int32Array.of(0, 1);
  const targetOf = Int8Array.from({ length: 64 }, (_, i) => i);
  it.each([
    ['without scaling (‖Q‖ dt ≤ 1/4)', 0.002, 0.001, 0.0005],
    ['with scaling and squaring (‖Q‖ dt about 10)', 0.2, 0.1, 0.05],
  ])('give the closed-form occupancy and transition matrices %s, for steps of several lengths sharing one set of Taylor terms', (_, m, l0, l1) => {
    const powers = new GeneratorPowers(2);
    const hazards = table(m, l0, l1);
    for (const dt of [14, 15.5, 16, 14]) {
      const { occupancy, transition } = stepMatrices(hazards, active, 1, 1, dt, targetOf, undefined, powers);
      const exact = closedForm(m, l0, l1, dt);
      // Every group (uasc, age band) has the same hazards.
      for (let g = 0; g < 2 * AGE_BAND_COUNT; g++) {
        for (let i = 0; i < 4; i++) {
          expect(occupancy[g * 4 + i]).toBeCloseTo(exact.F[i]!, 12);
          expect(transition[g * 4 + i]).toBeCloseTo(exact.E[i]!, 13);
        }
      }
    }
  });
});

describe('transitionMatrix and occupancyAndTransition (one generator, any time)', () => {
  it.each([
    ['a day (no scaling)', 1],
    ['a step', 15.5],
    ['a year (scaling and squaring)', 365.25],
    ['five years', 5 * 365.25],
  ])('give the closed forms over %s, sharing one set of Taylor terms', (_, t) => {
    const [m, l0, l1] = [0.0016, 0.0008, 0.0005];
    const powers = new GeneratorPowers(2);
    const g = powers.of(Float64Array.of(-(m + l0), m, 0, -l1));
    const exact = closedForm(m, l0, l1, t);
    const E = transitionMatrix(g, t);
    const both = occupancyAndTransition(g, t);
    for (let i = 0; i < 4; i++) {
      expect(E[i]).toBeCloseTo(exact.E[i]!, 13);
      expect(both.E[i]).toBeCloseTo(exact.E[i]!, 13);
      expect(both.F[i]! / t).toBeCloseTo(exact.F[i]! / t, 13);
    }
  });
});

describe('generators shared by the process (session 16)', () => {
  const [m, l0, l1] = [0.0016, 0.0008, 0.0005];
  it('are found by value from any projection, with their matrices by step length', () => {
    const Q = Float64Array.of(-(m + l0), m, 0, -l1);
    const g = new GeneratorPowers(2).of(Q);
    const again = new GeneratorPowers(2).of(Q.slice());
    expect(again).toBe(g);
    const other = new GeneratorPowers(2).of(Float64Array.of(-(m + l0), m, 0, -2 * l1));
    expect(other).not.toBe(g);
    // Bits, not numeric equality: −0 and +0 are two generators (a reused one is what a fresh process computes).
    expect(new GeneratorPowers(2).of(Float64Array.of(-0, 0, 0, -l1))).not.toBe(new GeneratorPowers(2).of(Float64Array.of(0, 0, 0, -l1)));
    for (const t of [14, 16, 14]) {
      const exact = closedForm(m, l0, l1, t);
      const both = occupancyAndTransition(again, t);
      const E = transitionMatrix(again, t);
      for (let i = 0; i < 4; i++) {
        expect(both.E[i]).toBeCloseTo(exact.E[i]!, 13);
        expect(E[i]).toBeCloseTo(exact.E[i]!, 13);
        expect(both.F[i]! / t).toBeCloseTo(exact.F[i]! / t, 13);
      }
      const exactOther = closedForm(m, l0, 2 * l1, t);
      expect(occupancyAndTransition(other, t).E[3]).toBeCloseTo(exactOther.E[3]!, 13);
    }
  });
});

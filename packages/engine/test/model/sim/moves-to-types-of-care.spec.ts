import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { runReplication } from '../../../src/model/sim/replication.js';
import { projectCompiledModel } from '../../../src/expected-value/projection.js';
import type { ModelParameters, TransitionTarget } from '../../../src/model/parameters.js';
import { closed, sumSeries } from '../fixtures.js';

process.env.TZ = 'UTC';

/** 40 children in kinship care asking to move at 3 per child-year; 6 in-house places (1 per household), IFA unlimited. */
function movers(to: TransitionTarget, extra: Partial<ModelParameters> = {}): ModelParameters {
  return closed({
    initialPopulation: { counts: [{ category: 'kinship_foster', ageBand: '5-9', count: 40 }] },
    transitions: { rates: [{ from: 'kinship_foster', to, perYear: 3 }] },
    supply: { capacity: { inhouse_foster: { households: 6, placesPerHousehold: 1 } }, fallback: { inhouse_foster: ['ifa_foster'] } },
    ...extra,
  });
}

const last = (a: Float64Array | undefined): number => a![a!.length - 1]!;

describe('moves naming a type of care', () => {
  it('a move to family foster care takes an in-house place while one matches, then IFA; the last resort is never used', () => {
    for (let r = 0; r < 5; r++) {
      const out = runReplication(compileModel(movers({ typeOfCare: 'family_foster_care' })), 1, r, { checkInvariants: true });
      expect(last(out.series['in_care|inhouse_foster'])).toBe(6);
      expect(sumSeries(out.series['moves|kinship_foster->inhouse_foster'])).toBe(6);
      expect(last(out.series['in_care|ifa_foster'])).toBe(40 - 6 - last(out.series['in_care|kinship_foster']));
      expect(out.series['moves|kinship_foster->other']?.every((v) => v === 0) ?? true).toBe(true);
      // Placed with a later provider of the type: counted as placed out of preference (in-house), no wait (stepAcross off).
      expect(sumSeries(out.series['placed_out_of_preference|inhouse_foster'])).toBe(last(out.series['in_care|ifa_foster']));
      expect(last(out.series['waiting|total'])).toBe(0);
    }
  });

  it('with matchProbability 0 in-house takes no child moving to family foster care', () => {
    const p = movers({ typeOfCare: 'family_foster_care' });
    p.supply.capacity.inhouse_foster = { households: 6, placesPerHousehold: 1, matchProbability: 0 };
    const out = runReplication(compileModel(p), 2, 0);
    expect(last(out.series['in_care|inhouse_foster'])).toBe(0);
    expect(last(out.series['in_care|ifa_foster'])).toBe(40 - last(out.series['in_care|kinship_foster']));
  });

  it('a move naming IFA (a category) goes to IFA even with in-house places free', () => {
    const out = runReplication(compileModel(movers({ category: 'ifa_foster' })), 1, 0);
    expect(last(out.series['in_care|inhouse_foster'])).toBe(0);
    expect(last(out.series['in_care|ifa_foster'])).toBeGreaterThan(30);
  });

  it('the projection (no capacity) sends a move to a type of care to its first provider', () => {
    const ev = projectCompiledModel(compileModel(movers({ typeOfCare: 'family_foster_care' })));
    const expected = 40 * (1 - Math.exp(-3 * (365 / 365.25)));
    expect(last(ev.series['in_care|inhouse_foster'])).toBeCloseTo(expected, 1);
    expect(ev.series['in_care|ifa_foster']?.every((v) => v === 0) ?? true).toBe(true);
    expect(last(ev.series['exits|total'])).toBe(0);
  });

  it('a move to supported accommodation (the type) is open to 16+ only, like its category', () => {
    const model = compileModel(movers({ typeOfCare: 'supported_accommodation' }));
    expect(model.warnings.some((w) => /16\+/.test(w))).toBe(true);
    expect(last(runReplication(model, 1, 0).series['in_care|kinship_foster'])).toBe(40);
  });

  it('scale-transition on toTypesOfCare scales moves naming that type only', () => {
    const p = movers({ typeOfCare: 'family_foster_care' }, { modifiers: [{ kind: 'hazard', from: '2025-04-01', toTypesOfCare: ['family_foster_care'], effect: { multiply: 0 } }] });
    const out = runReplication(compileModel(p), 1, 0);
    expect(last(out.series['in_care|kinship_foster'])).toBe(40);
    const q = movers({ typeOfCare: 'family_foster_care' }, { modifiers: [{ kind: 'hazard', from: '2025-04-01', toCategories: ['inhouse_foster'], effect: { multiply: 0 } }] });
    expect(last(runReplication(compileModel(q), 1, 0).series['in_care|kinship_foster'])).toBeLessThan(5);
  });
});

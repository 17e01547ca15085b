import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { ParameterError } from '../../../src/model/parameter-error.js';
import type { ModelParameters } from '../../../src/model/parameters.js';
import { midSizeAuthority } from '../fixtures.js';

/** The ParameterError path compileModel reports for parameters changed by `edit`. */
function errorPath(edit: (p: ModelParameters) => void): string {
  const p = structuredClone(midSizeAuthority(1));
  edit(p);
  try {
    compileModel(p);
  } catch (e) {
    expect(e).toBeInstanceOf(ParameterError);
    return (e as ParameterError).path;
  }
  throw new Error('compileModel accepted invalid parameters');
}

describe('compileModel', () => {
  it('accepts a mid-size authority without warnings and is structured-clone safe', () => {
    const model = compileModel(midSizeAuthority(5));
    expect(model.warnings).toEqual([]);
    expect(model.dates[0]).toBe('2025-04-01');
    expect(model.dates).toHaveLength(61);
    expect(structuredClone(model)).toEqual(model);
  });

  it('names the path of an invalid value as the user wrote it', () => {
    expect(errorPath((p) => (p.entries.perYear['1-4'] = -3))).toBe('entries.perYear.1-4');
    expect(errorPath((p) => (p.transitions.rates[3]!.perYear = Number.NaN))).toBe('transitions.rates[3].perYear');
    expect(errorPath((p) => (p.modifiers = [{ kind: 'cost', from: '2025-02-30', effect: { multiply: 2 } }]))).toBe('modifiers[0].from');
    expect(errorPath((p) => ((p.transitions.rates[0]!.to as { exit: string }).exit = 'holiday'))).toBe('transitions.rates[0].to.exit');
    expect(errorPath((p) => (p.end = '2020-01-01'))).toBe('end');
    expect(errorPath((p) => (p.supply.lastResort = 'supported'))).toBe('supply.lastResort');
    expect(errorPath((p) => (p.initialPopulation.counts![0]!.category = 'supported'))).toBe('initialPopulation.counts[0].ageBand');
    expect(errorPath((p) => (p.initialPopulation.children = [{ category: 'other', ageDays: 7000 }]))).toBe('initialPopulation.children[0].ageDays');
    expect(errorPath((p) => (p.modifiers = [{ kind: 'capacity', date: '2026-01-01', category: 'ifa_foster', change: 2 }]))).toBe('modifiers[0].category');
    expect(errorPath((p) => (p.modifiers = [{ kind: 'hazard', from: '2026-01-01', effect: { multiply: 1, add: 2 } as never }]))).toBe('modifiers[0].effect');
    expect(errorPath((p) => (p.entries.firstPlacement['5-9'] = {}))).toBe('entries.firstPlacement.5-9');
    expect(errorPath((p) => (p.transitions.durationBandsDays = [90, 30]))).toBe('transitions.durationBandsDays[1]');
  });

  it('raises a capacity below the initial population and says so', () => {
    const p = midSizeAuthority(1);
    p.supply.capacity['inhouse_residential'] = { beds: 2 };
    const model = compileModel(p);
    expect(model.warnings.join('\n')).toMatch(/inhouse_residential: capacity 2 is below the initial population/);
  });

  it('ignores moves into supported for under-16s with a warning', () => {
    const p = midSizeAuthority(1);
    p.transitions.rates.push({ from: 'ifa_foster', to: { category: 'supported' }, perYear: 1 });
    const model = compileModel(p);
    expect(model.warnings.some((w) => w.startsWith(`transitions.rates[${p.transitions.rates.length - 1}]`))).toBe(true);
  });

  it('changes rates on month starts within a ramp and on from and until days only', () => {
    const p = midSizeAuthority(1);
    p.modifiers = [{ kind: 'hazard', from: '2025-06-10', until: '2025-11-20', rampMonths: 3, fromCategories: ['inhouse_foster'], effect: { multiply: 0 } }];
    const model = compileModel(p);
    const days = model.epochs.map((e) => new Date(e.day * 86_400_000).toISOString().slice(0, 10));
    expect(days).toContain('2025-06-10');
    expect(days).toContain('2025-11-20');
    const versions = model.epochs.map((e) => e.hazard);
    // The base table until from (share 0 at from), then 0.23, 0.57, 0.9 and 1 of the effect at the
    // July-October month starts (3 months from 10 June is 10 September), and the base again from until.
    expect(new Set(versions).size).toBe(5);
    const changes = model.epochs.filter((e) => e.hazardChanged !== null).map((e) => new Date(e.day * 86_400_000).toISOString().slice(0, 10));
    expect(changes).toEqual(['2025-07-01', '2025-08-01', '2025-09-01', '2025-10-01', '2025-11-20']);
    expect(versions[0]).toBe(versions[versions.length - 1]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoToDay } from '@carecast/engine';
import { ageInYears, anniversary } from '../src/read/dates.js';

describe('ageInYears', () => {
  it('counts the birthdays passed, as anniversaries do (29 February on 1 March)', () => {
    // Oracle: the anniversaries on or before the day, counted one by one.
    const counted = (dob: number, day: number): number => {
      let years = 0;
      while (anniversary(dob, years + 1) <= day) years++;
      return years;
    };
    const from = isoToDay('1990-01-01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12_000 }), fc.integer({ min: -400, max: 9_000 }), (b, age) => {
        const dob = from + b;
        expect(ageInYears(dob, dob + age)).toBe(counted(dob, dob + age));
      }),
      { numRuns: 2000, seed: 21 },
    );
  });

  it('treats 29 February births as a year older on 1 March of other years', () => {
    const dob = isoToDay('2008-02-29');
    expect(ageInYears(dob, isoToDay('2025-02-28'))).toBe(16);
    expect(ageInYears(dob, isoToDay('2025-03-01'))).toBe(17);
    expect(ageInYears(dob, isoToDay('2024-02-29'))).toBe(16);
    expect(ageInYears(dob, isoToDay('2024-02-28'))).toBe(15);
  });
});

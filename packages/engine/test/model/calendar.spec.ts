import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anniversaryDay, civilFromDay, dayFromCivil, monthsBetween, monthStartDay, nextMonthStartDay } from '../../src/model/calendar.js';
import { dayToIso, isoToDay } from '../../src/model/dates.js';

const day = fc.integer({ min: isoToDay('1990-01-01'), max: isoToDay('2060-12-31') });

describe('calendar', () => {
  it('civilFromDay and dayFromCivil agree with Date for every day', () => {
    fc.assert(
      fc.property(day, (d) => {
        const [y, m, dd] = civilFromDay(d);
        expect(`${y}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`).toBe(dayToIso(d));
        expect(dayFromCivil(y, m, dd)).toBe(d);
      }),
      { numRuns: 300 },
    );
  });

  it('anniversaryDay(d, n) is the same month and day n years on, 29 February on 1 March in common years', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(1, 5, 10, 16, 18), (d, n) => {
        const iso = dayToIso(d);
        const target = `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`;
        const expected = iso.endsWith('-02-29') && dayToIso(isoToDay(`${target.slice(0, 4)}-03-01`) - 1).endsWith('-28') ? `${target.slice(0, 4)}-03-01` : target;
        expect(dayToIso(anniversaryDay(d, n))).toBe(expected);
      }),
      { numRuns: 300 },
    );
    expect(dayToIso(anniversaryDay(isoToDay('2008-02-29'), 18))).toBe('2026-03-01');
    expect(dayToIso(anniversaryDay(isoToDay('2008-02-29'), 16))).toBe('2024-02-29');
  });

  it('anniversaryDay agrees with the civil-date rule for every day from 1850 to 2250 and 0 to 25 years on', () => {
    // Oracle: the day's civil date moved `years` on (civilFromDay and dayFromCivil are checked against
    // Date above), 29 February to 1 March when the target year has none (a leap year by Date).
    const hasLeapDay = (y: number): boolean => new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;
    const leap = new Map<number, boolean>();
    let checked = 0;
    for (let d = isoToDay('1850-01-01'); d <= isoToDay('2250-12-31'); d++) {
      const [y, m, dd] = civilFromDay(d);
      for (let n = 0; n <= 25; n++) {
        const ty = y + n;
        if (!leap.has(ty)) leap.set(ty, hasLeapDay(ty));
        const expected = m === 2 && dd === 29 && !leap.get(ty) ? dayFromCivil(ty, 3, 1) : dayFromCivil(ty, m, dd);
        if (anniversaryDay(d, n) !== expected) expect.fail(`anniversaryDay(${dayToIso(d)}, ${n}) = ${dayToIso(anniversaryDay(d, n))}, expected ${dayToIso(expected)}`);
        checked++;
      }
    }
    expect(checked).toBe((isoToDay('2250-12-31') - isoToDay('1850-01-01') + 1) * 26);
  });

  it('month starts and fractional months between days', () => {
    expect(dayToIso(monthStartDay(isoToDay('2025-02-17')))).toBe('2025-02-01');
    expect(dayToIso(nextMonthStartDay(isoToDay('2025-12-31')))).toBe('2026-01-01');
    expect(monthsBetween(isoToDay('2025-01-01'), isoToDay('2025-04-01'))).toBe(3);
    expect(monthsBetween(isoToDay('2025-06-16'), isoToDay('2025-07-01'))).toBeCloseTo(0.5, 10);
  });
});

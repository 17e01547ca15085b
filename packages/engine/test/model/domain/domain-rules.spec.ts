import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anniversaryDay } from '../../../src/model/calendar.js';
import { isoToDay } from '../../../src/model/dates.js';
import { AGE_BAND_COUNT, AGE_BAND_END_YEARS, AGE_BANDS, ageBandOfAgeDays, ageBandOn } from '../../../src/model/domain/age-bands.js';
import {
  CATEGORY_COUNT,
  ENTRY_CELL_COUNT,
  ROUTE_COUNT,
  entryCell,
  entryCellAgeBand,
  entryCellRoute,
  entryCellUasc,
  hazardCell,
  hazardCellCategory,
  hazardCellCount,
} from '../../../src/model/domain/cells.js';
import { isOpenToBand } from '../../../src/model/domain/eligibility.js';
import { PLACEMENT_CATEGORIES } from '../../../src/model/domain/ids.js';
import { drawInitialDaysInCare } from '../../../src/model/domain/initial-time-in-care.js';

describe('domain rules', () => {
  it('age bands are the DfE bands, each ending where the next begins and the last at 18', () => {
    expect(AGE_BANDS).toEqual(['<1', '1-4', '5-9', '10-15', '16-17']);
    expect(AGE_BAND_END_YEARS).toEqual([1, 5, 10, 16, 18]);
  });

  it('a child is in band b from its birthday at the band start to the day before the next (calendar birthdays)', () => {
    const birth = isoToDay('2008-02-29');
    expect(ageBandOn(birth, isoToDay('2009-02-28'))).toBe(0);
    expect(ageBandOn(birth, isoToDay('2009-03-01'))).toBe(1);
    expect(ageBandOn(birth, isoToDay('2024-02-29'))).toBe(4);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 6_500 }), (b, age) => {
        const day = b + age;
        if (anniversaryDay(b, 18) <= day) return;
        const band = ageBandOn(b, day);
        const start = band === 0 ? b : anniversaryDay(b, AGE_BAND_END_YEARS[band - 1]!);
        expect(start).toBeLessThanOrEqual(day);
        expect(anniversaryDay(b, AGE_BAND_END_YEARS[band]!)).toBeGreaterThan(day);
      }),
    );
    expect([0, 365, 366, 1826, 1827, 3652, 3653, 5843, 5844, 6573].map(ageBandOfAgeDays)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('supported is the one category closed to under-16s', () => {
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      for (let b = 0; b < AGE_BAND_COUNT; b++) expect(isOpenToBand(c, b)).toBe(PLACEMENT_CATEGORIES[c] !== 'supported' || AGE_BANDS[b] === '16-17');
    }
  });

  it('hazard and entry cells encode each combination once and decode to it', () => {
    for (const durationBands of [1, 4]) {
      const seen = new Set<number>();
      for (let u = 0; u < 2; u++)
        for (let c = 0; c < CATEGORY_COUNT; c++)
          for (let a = 0; a < AGE_BAND_COUNT; a++)
            for (let d = 0; d < durationBands; d++) {
              const cell = hazardCell(u, c, a, d, durationBands);
              expect(hazardCellCategory(cell, durationBands)).toBe(c);
              seen.add(cell);
            }
      expect(seen.size).toBe(hazardCellCount(durationBands));
      expect(Math.max(...seen)).toBe(hazardCellCount(durationBands) - 1);
    }
    const seen = new Set<number>();
    for (let u = 0; u < 2; u++)
      for (let a = 0; a < AGE_BAND_COUNT; a++)
        for (let r = 0; r < ROUTE_COUNT; r++) {
          const k = entryCell(u, a, r);
          expect([entryCellUasc(k), entryCellAgeBand(k), entryCellRoute(k)]).toEqual([u, a, r]);
          seen.add(k);
        }
    expect(seen.size).toBe(ENTRY_CELL_COUNT);
  });

  it('draws an initial child\'s days in care in its duration band (the last spans 730 days), never above its age', () => {
    const bounds = [90, 365];
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.integer({ min: -1, max: 2 }), fc.integer({ min: 0, max: 6573 }), (u, band, age) => {
        const days = drawInitialDaysInCare({ uniform: (lo, hi) => lo + (hi - lo) * u }, band, bounds, age);
        const [lo, hi] = band < 0 ? [0, Math.min(age, 730)] : [[0, 90, 365][band]!, [90, 365, 365 + 730][band]!];
        expect(days).toBeLessThanOrEqual(age);
        expect(days).toBeLessThanOrEqual(hi);
        if (lo <= age) expect(days).toBeGreaterThanOrEqual(lo);
      }),
    );
  });
});

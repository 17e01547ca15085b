import { describe, expect, it } from 'vitest';
import { BAND_START_DAYS, CohortGrid, LEAVING_AGE_DAYS, SETTLED_COHORT_DAYS } from '../../src/expected-value/cohorts.js';
import { AgedWaiting } from '../../src/expected-value/waiting-ages.js';

// Independent oracle: children join a waiting list on day 0 with births uniform over [b0, b1) (whole
// birth cohorts of the grid, all of them 16-17 on day 0), no place ever frees, and each leaves the
// list on its 18th birthday or earlier at a constant hazard h. A child born on day b is still waiting
// on day t with probability e^(−h t) when b + 18 years > t, so the list holds exactly
//   e^(−h t) clamp((b1 − (t − 18 years)) / (b1 − b0), 0, 1).
// The former rate of 1 a year at 18 (e^(−t) for t in years) gives 0.37 at one year against about 0.5.
const START = 20_000;
const BAND = BAND_START_DAYS[BAND_START_DAYS.length - 1]!;
const GRID = new CohortGrid(START, START + 800, SETTLED_COHORT_DAYS);
const B0 = GRID.birthStart(GRID.cohortOf(START - LEAVING_AGE_DAYS) + 1);
const B1 = GRID.birthStart(GRID.cohortOf(START - BAND));
const exactShare = (t: number): number => Math.min(1, Math.max(0, (B1 - (START + t - LEAVING_AGE_DAYS)) / (B1 - B0)));

function waitingAfter(hazardPerDay: number, days: number, stepDays: number): number {
  const list = new AgedWaiting(1, 1, 1, GRID);
  list.addBirths(0, 0, 0, 1, B0, B1);
  for (let t = 0; t < days; t += stepDays) list.decay(START + t, START + Math.min(days, t + stepDays), new Float64Array([hazardPerDay]));
  return list.total(0);
}

describe('a waiting list held by birth cohort', () => {
  for (const [hazardPerYear, days] of [
    [0, 182],
    [0, 365],
    [0, 700],
    [0.8, 365],
  ] as const) {
    it(`keeps e^(−h t) times those under 18 of a cohort joined at 16-17 after ${days} days (h ${hazardPerYear} a year)`, () => {
      const h = hazardPerYear / 365.25;
      const exact = Math.exp(-h * days) * exactShare(days);
      // Steps of 16 days and of 1 day give the same: leaving at 18 is on the birthday, not a rate.
      expect(waitingAfter(h, days, 16)).toBeCloseTo(exact, 9);
      expect(waitingAfter(h, days, 1)).toBeCloseTo(exact, 9);
      // The former constant (1 a year at 18 on top of h) is far from it.
      expect(Math.abs(Math.exp(-(h + 1 / 365.25) * days) - exact)).toBeGreaterThan(0.02);
    });
  }

  it('is empty once every child has turned 18, and counts those who did', () => {
    const list = new AgedWaiting(1, 1, 1, GRID);
    list.addBirths(0, 0, 0, 3, B0, B1);
    let reached = 0;
    for (let t = 0; t < 760; t += 16) {
      list.decay(START + t, START + t + 16, new Float64Array([0]));
      reached += list.reachedStep[0]!;
    }
    expect(list.total(0)).toBe(0);
    expect(reached).toBeCloseTo(3, 12);
  });
});

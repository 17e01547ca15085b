import { describe, expect, it } from 'vitest';
import { BAND_START_DAYS, CohortGrid, LEAVING_AGE_DAYS, SETTLED_COHORT_DAYS } from '../../src/expected-value/cohorts.js';
import { AgedWaiting } from '../../src/expected-value/waiting-ages.js';
import { WaitingLists } from '../../src/expected-value/waiting.js';

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

describe('the waiting lists skip the rows nobody joined (session 20)', () => {
  // Sums over every entry, the rows flags ignored: what `total` and `leaveSum` must give.
  const plainSum = (x: Float64Array, from: number, to: number, weight: (i: number) => number = () => 1): number => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += x[i]! * weight(i);
    return sum;
  };

  it('an aged list: total, leaveSum and decay see children joined by births and by profile', () => {
    const H = 2;
    const n = 3;
    const list = new AgedWaiting(2, H, n, GRID);
    const span = H * list.R * n;
    list.addBirths(1, 1, 2, 2.5, B0, B0 + 3 * SETTLED_COHORT_DAYS);
    // A profile of group 0, category 1, over two slots (shares summing to 1).
    list.profile[(0 * n + 1) * list.R + 3] = 0.25;
    list.profile[(0 * n + 1) * list.R + 7] = 0.75;
    list.addProfile(1, 0, 0, 4, 1);
    const leave = Float64Array.from({ length: H * n }, (_, i) => 0.001 * (i + 1));
    const leaveOf = (i: number): number => leave[Math.floor((i - span) / (list.R * n)) * n + (i % n)]!;
    expect(list.total(1)).toBe(plainSum(list.x, span, 2 * span));
    expect(list.total(1)).toBeCloseTo(6.5, 12);
    expect(list.leaveSum(1, leave)).toBe(plainSum(list.x, span, 2 * span, leaveOf));
    const before = list.total(1);
    list.decay(START, START + 30, leave);
    expect(list.total(1)).toBeLessThan(before);
    expect(list.total(1)).toBe(plainSum(list.x, span, 2 * span));
    expect(list.total(0)).toBe(0);
  });

  it('a list by group: total and meanLeavePerDay see every group joined', () => {
    const groups = 4;
    const n = 3;
    const lists = new WaitingLists(groups, n, false);
    lists.join(2, 1, 0, 1.5);
    lists.join(2, 3, 2, 0.5);
    const leave = Float64Array.from({ length: groups * n }, (_, i) => 0.01 * (i + 1));
    const base = 2 * groups * n;
    expect(lists.total(2)).toBe(2);
    expect(lists.meanLeavePerDay(2, leave, null, 30)).toBe((1.5 * leave[3]! + 0.5 * leave[11]!) / 2);
    lists.decay(30, leave);
    expect(lists.total(2)).toBe(plainSum(lists.waiting, base, base + groups * n));
    expect(lists.total(2)).toBeCloseTo(1.5 * Math.exp(-leave[3]! * 30) + 0.5 * Math.exp(-leave[11]! * 30), 12);
  });
});

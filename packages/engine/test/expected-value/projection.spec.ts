import { describe, expect, it } from 'vitest';
import { projectExpected } from '../../src/expected-value/project-expected.js';
import { isoToDay } from '../../src/model/dates.js';
import type { SeriesRow } from '../../src/results/types.js';
import { smallAuthority } from '../montecarlo/parameters-fixture.js';

const series = (rows: SeriesRow[], metric: string, category: string): SeriesRow[] =>
  rows.filter((r) => r.metric === metric && r.category === category);
/** Years from the start of the first day to the end of `date` (the start row is the initial stock, t = 0). */
const yearsSinceStart = (date: string): number =>
  date === '2025-04-01' ? 0 : (isoToDay(date) + 1 - isoToDay('2025-04-01')) / 365.25;

// Each test runs an expected-value projection: seconds under a loaded machine, so an explicit timeout.
describe('projectExpected', { timeout: 30_000 }, () => {
  it('fills towards lambda/mu as 1 - exp(-mu t) with constant arrivals and one exit hazard', () => {
    const lambda = 120;
    const mu = 1.5;
    const rows = projectExpected(
      smallAuthority({
        entries: { ...smallAuthority().entries, perYear: { '1-4': lambda } },
        transitions: { rates: [{ from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: mu }] },
      }),
    );
    const stock = series(rows, 'in_care', 'inhouse_foster');
    expect(stock[0]!.mean).toBe(0);
    for (const row of stock.slice(1)) {
      const expected = (lambda / mu) * (1 - Math.exp(-mu * yearsSinceStart(row.date)));
      expect(Math.abs(row.mean - expected)).toBeLessThan(1e-3 * (lambda / mu));
    }
  });

  it('decays an initial cohort exponentially and moves children between categories at their hazards', () => {
    const alpha = 0.8;
    const beta = 0.5;
    const rows = projectExpected(
      smallAuthority({
        initialPopulation: { counts: [{ category: 'kinship_foster', ageBand: '1-4', count: 100 }] },
        transitions: {
          rates: [
            { from: 'kinship_foster', to: { category: 'inhouse_foster' }, perYear: alpha },
            { from: 'inhouse_foster', to: { exit: 'adoption' }, perYear: beta },
          ],
        },
      }),
    );
    for (const row of series(rows, 'in_care', 'kinship_foster')) {
      expect(row.mean).toBeCloseTo(100 * Math.exp(-alpha * yearsSinceStart(row.date)), 6);
    }
    for (const row of series(rows, 'in_care', 'inhouse_foster')) {
      const t = yearsSinceStart(row.date);
      const expected = ((100 * alpha) / (alpha - beta)) * (Math.exp(-beta * t) - Math.exp(-alpha * t));
      // Occupancy over each step is exact for constant hazards, chained moves included.
      expect(Math.abs(row.mean - expected)).toBeLessThan(1e-6);
    }
  });

  it('lets 16-17 year olds leave at 18 by the age-out split, evenly over two years', () => {
    const rows = projectExpected(
      smallAuthority({
        end: '2027-06-30',
        initialPopulation: { counts: [{ category: 'inhouse_foster', ageBand: '16-17', count: 730 }] },
      }),
    );
    const stock = series(rows, 'in_care', 'total');
    const afterOneYear = stock.find((r) => r.date === '2026-03-31')!;
    // Ages spread over [16y, 18y − 1 day): half are 18 within a year.
    expect(afterOneYear.mean).toBeGreaterThan(730 * 0.5 - 4);
    expect(afterOneYear.mean).toBeLessThan(730 * 0.5 + 4);
    expect(stock.at(-1)!.mean).toBeCloseTo(0, 9);
    const leftTotal = series(rows, 'exits', 'total').reduce((s, r) => s + r.mean, 0);
    const toIndependence = series(rows, 'exits', 'independent_living').reduce((s, r) => s + r.mean, 0);
    expect(leftTotal).toBeCloseTo(730, 6);
    expect(toIndependence / leftTotal).toBeCloseTo(0.6, 12);
  });

  it('obeys conservation for every category and month, with quantiles and intervals equal to the mean', () => {
    const rows = projectExpected(
      smallAuthority({
        initialPopulation: {
          counts: [
            { category: 'inhouse_foster', ageBand: '10-15', count: 60 },
            { category: 'kinship_foster', ageBand: '5-9', count: 40 },
            { category: 'supported', ageBand: '16-17', count: 20 },
          ],
        },
        entries: { ...smallAuthority().entries, perYear: { '<1': 30, '10-15': 40, '16-17': 20 } },
        transitions: {
          rates: [
            { from: 'inhouse_foster', to: { category: 'supported' }, perYear: 0.6 },
            { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.4 },
            { from: 'kinship_foster', to: { exit: 'special_guardianship' }, perYear: 0.3 },
            { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.2 },
          ],
        },
        modifiers: [{ kind: 'hazard', from: '2025-10-01', rampMonths: 6, fromCategories: ['inhouse_foster'], effect: { multiply: 2 } }],
      }),
    );
    const value = (metric: string, category: string, date: string): number =>
      rows.find((r) => r.metric === metric && r.category === category && r.date === date)?.mean ?? 0;
    const dates = series(rows, 'in_care', 'total').map((r) => r.date);
    for (let m = 1; m < dates.length; m++) {
      const [prev, d] = [dates[m - 1]!, dates[m]!];
      expect(value('in_care', 'total', d)).toBeCloseTo(value('in_care', 'total', prev) + value('entries', 'total', d) - value('exits', 'total', d), 9);
      for (const c of ['inhouse_foster', 'kinship_foster', 'supported']) {
        const moved = rows
          .filter((r) => r.metric === 'moves' && r.date === d)
          .reduce((s, r) => s + (r.category.endsWith(`->${c}`) ? r.mean : 0) - (r.category.startsWith(`${c}->`) ? r.mean : 0), 0);
        expect(value('in_care', c, d)).toBeCloseTo(value('in_care', c, prev) + value('entries', c, d) + moved - value('exits_from', c, d), 9);
      }
    }
    expect(rows.every((r) => r.p05 === r.mean && r.p95 === r.mean && r.ci95_low === r.mean && r.ci95_high === r.mean)).toBe(true);
    // Age bands: the initial counts at the start (up to the 14-day birth cohorts straddling a band edge),
    // and every month the bands add up to the totals.
    expect(Math.abs(value('in_care_by_age', '5-9', dates[0]!) - 40)).toBeLessThan(0.3);
    expect(Math.abs(value('in_care_by_age', '10-15', dates[0]!) - 60)).toBeLessThan(0.3);
    expect(Math.abs(value('in_care_by_age', '16-17', dates[0]!) - 20)).toBeLessThan(0.3);
    const bands = ['<1', '1-4', '5-9', '10-15', '16-17'];
    for (const d of dates) {
      expect(bands.reduce((s, b) => s + value('in_care_by_age', b, d), 0)).toBeCloseTo(value('in_care', 'total', d), 9);
      expect(value('in_care_by_age', 'total', d)).toBeCloseTo(value('in_care', 'total', d), 9);
      expect(bands.reduce((s, b) => s + value('entries_by_age', b, d), 0)).toBeCloseTo(value('entries', 'total', d), 9);
    }
    const entriesUnderOne = series(rows, 'entries_by_age', '<1').reduce((s, r) => s + r.mean, 0);
    expect(entriesUnderOne / ((isoToDay(dates.at(-1)!) + 1 - isoToDay(dates[0]!)) / 365.25)).toBeCloseTo(30, 6);
    // Under-ones entering at 30 a year turn 1 within a year: their stock stays near 30 × (mean time under 1 in care).
    expect(value('in_care_by_age', '<1', dates.at(-1)!)).toBeLessThan(30);
  });

  it('places individual initial children by age and lets them leave at 18', () => {
    const year = 365.25;
    const rows = projectExpected(
      smallAuthority({
        initialPopulation: {
          children: [
            ...Array.from({ length: 10 }, () => ({ category: 'inhouse_foster' as const, ageDays: Math.round(17.5 * year) })),
            ...Array.from({ length: 5 }, () => ({ category: 'kinship_foster' as const, ageDays: 3 * year })),
          ],
        },
      }),
    );
    const stock = (date: string, category: string): number =>
      rows.find((r) => r.metric === 'in_care' && r.category === category && r.date === date)!.mean;
    expect(stock('2025-04-01', 'inhouse_foster')).toBe(10);
    expect(stock('2025-04-01', 'kinship_foster')).toBe(5);
    // Half a year to their 18th birthdays (about 2025-10-01), within the settled children's 56-day
    // birth cohorts (SETTLED_COHORT_DAYS): all there a month before, all gone two months after.
    expect(stock('2025-08-31', 'inhouse_foster')).toBe(10);
    expect(stock('2025-10-31', 'inhouse_foster')).toBeLessThan(10);
    expect(stock('2025-11-30', 'inhouse_foster')).toBe(0);
    expect(stock('2027-03-31', 'kinship_foster')).toBe(5);
  });
});

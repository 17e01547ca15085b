import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateAtYearsFromStart, financialYear, metricRows, round, seriesRows, sumByFinancialYear, yearFromStart } from '../src/rows.js';
import type { Metric, SeriesRow } from '@carecast/engine';

const r = (date: string, category: string, mean: number): SeriesRow => ({
  date,
  metric: 'cost',
  category,
  mean,
  p05: mean,
  p25: mean,
  p50: mean,
  p75: mean,
  p95: mean,
  ci95_low: mean,
  ci95_high: mean,
});

describe('rows', () => {
  it('financialYear(date) runs April to March', () => {
    expect(financialYear('2025-04-30')).toBe('2025-26');
    expect(financialYear('2026-03-31')).toBe('2025-26');
    expect(financialYear('2026-04-30')).toBe('2026-27');
    expect(financialYear('2099-12-31')).toBe('2099-00');
  });

  it('yearFromStart counts whole years from the start date', () => {
    expect(yearFromStart('2025-04-01', '2025-04-30')).toBe(1);
    expect(yearFromStart('2025-04-01', '2026-03-31')).toBe(1);
    expect(yearFromStart('2025-04-01', '2026-04-30')).toBe(2);
    expect(yearFromStart('2025-04-01', '2030-03-31')).toBe(5);
  });

  it('dateAtYearsFromStart picks the last month end of the year, and nothing past the horizon', () => {
    const dates = ['2025-04-01', '2025-04-30', '2026-03-31', '2026-04-30', '2027-03-31'];
    expect(dateAtYearsFromStart(dates, '2025-04-01', 1)).toBe('2026-03-31');
    expect(dateAtYearsFromStart(dates, '2025-04-01', 2)).toBe('2027-03-31');
    expect(dateAtYearsFromStart(dates, '2025-04-01', 3)).toBeUndefined();
  });

  it('sumByFinancialYear sums means and counts months per category', () => {
    const sums = sumByFinancialYear([r('2025-04-30', 'a', 1), r('2026-03-31', 'a', 2), r('2026-04-30', 'a', 4), r('2025-05-31', 'b', 8)]);
    expect(sums.get('2025-26')?.get('a')).toEqual({ total: 3, months: 2 });
    expect(sums.get('2025-26')?.get('b')).toEqual({ total: 8, months: 1 });
    expect(sums.get('2026-27')?.get('a')).toEqual({ total: 4, months: 1 });
  });

  it('round never returns negative zero', () => {
    expect(Object.is(round(-0.001), 0)).toBe(true);
    expect(round(1.23456, 3)).toBe(1.235);
  });

  it('metricRows and seriesRows give the rows of a metric without differences, by date, as filtering and sorting does', () => {
    const row = fc.record({
      date: fc.constantFrom('2025-04-30', '2025-05-31', '2025-06-30', '2026-03-31'),
      metric: fc.constantFrom<Metric>('cost', 'in_care', 'exits'),
      category: fc.constantFrom('total', 'ifa_foster', 'secure'),
      mean: fc.integer({ min: 0, max: 1000 }),
      delta: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.constantFrom<Metric>('cost', 'in_care', 'exits'), (raw, metric) => {
        const rows = raw.map((x) => ({ ...r(x.date, x.category, x.mean), metric: x.metric, ...(x.delta === undefined ? {} : { delta: x.delta }) }));
        // The oracle: a stable filter-then-sort, one call at a time.
        const oracle = () => rows.filter((x) => x.metric === metric && x.delta !== true).sort((a, b) => a.date.localeCompare(b.date));
        const expected = oracle();
        const first = metricRows(rows, metric);
        expect(first).toEqual(expected);
        first.reverse(); // a caller's change to its copy changes nothing for the next one
        expect(metricRows(rows, metric)).toEqual(expected);
        expect(seriesRows(rows, metric, 'ifa_foster')).toEqual(expected.filter((x) => x.category === 'ifa_foster'));
        rows.push({ ...r('2025-04-30', 'total', 1), metric }); // a list that grew is grouped again
        expect(metricRows(rows, metric)).toEqual(oracle());
      }),
    );
  });
});

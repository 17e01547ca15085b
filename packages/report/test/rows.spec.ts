import { describe, expect, it } from 'vitest';
import { dateAtYearsFromStart, financialYear, round, sumByFinancialYear, yearFromStart } from '../src/rows.js';
import type { SeriesRow } from '@carecast/engine';

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
});

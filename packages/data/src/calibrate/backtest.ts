import {
  PLACEMENT_CATEGORIES,
  addMonths,
  dayToIso,
  isoToDay,
  projectExpected,
  simulate,
  summarise,
  type ModelParameters,
  type PlacementCategory,
} from '@carecast/engine';
import type { CareSpell } from '../clean/spells.js';
import { calibrate, type CalibrateOptions } from './calibrate.js';

/** Children in care at the end of `isoDate`, by placement category; null when the data stop before it. */
export function stockOn(spells: Iterable<CareSpell>, isoDate: string): Record<PlacementCategory, number> | null {
  const to = isoToDay(isoDate) + 1;
  const out = Object.fromEntries(PLACEMENT_CATEGORIES.map((c) => [c, 0])) as Record<PlacementCategory, number>;
  let observed = false;
  for (const s of spells) {
    if (s.observedUntil >= to) observed = true;
    if (s.start >= to) continue;
    for (const p of s.periods) {
      if (p.start >= to) break;
      const open = p.end === null;
      if ((open && s.observedUntil >= to) || (!open && p.end! >= to)) out[p.category]++;
    }
  }
  return observed ? out : null;
}

export interface BacktestOptions extends Omit<CalibrateOptions, 'horizonYears'> {
  /** Years forecast after the reference window. */
  years: number;
  replications: number;
  seed: number;
  workers?: number;
  /** Supply settings to use instead of the template (SSDA903 holds none): the forecast otherwise runs unconstrained by capacity. */
  supply?: ModelParameters['supply'];
}

export interface BacktestRow {
  /** A 31 March after the reference window. */
  date: string;
  category: PlacementCategory | 'total';
  /** Monte Carlo mean of the children in care at the end of the date (children). */
  forecastMean: number;
  forecastP05: number;
  forecastP95: number;
  /** Expected-value (deterministic cohort) projection of the same parameters (children). */
  expected: number;
  /** Children in care at the end of the date in the data. */
  actual: number;
  /** forecastMean - actual (children). */
  error: number;
  /** expected - actual (children). */
  expectedError: number;
  /** Whether the actual lies in the forecast's 5-95% range. */
  within90: boolean;
}

/** Children in care at one month end of the forecast, by category: Monte Carlo mean and 5-95% range, expected value. */
export interface BacktestSeriesRow {
  /** ISO date: the forecast's start (the stock on the reference end) or a month end. */
  date: string;
  category: PlacementCategory | 'total';
  mean: number;
  p05: number;
  p95: number;
  expected: number;
}

/** Errors of one category over every compared 31 March (children). */
export interface BacktestErrorSummary {
  category: PlacementCategory | 'total';
  /** How many 31 March dates were compared. */
  dates: number;
  /** Mean of forecastMean - actual. */
  meanError: number;
  /** Mean of |forecastMean - actual|. */
  meanAbsError: number;
  /** Mean of expected - actual. */
  expectedMeanError: number;
  /** Mean of |expected - actual|. */
  expectedMeanAbsError: number;
  /** Dates whose actual lies in the forecast's 5-95% range. */
  within90: number;
}

export interface BacktestResult {
  rows: BacktestRow[];
  /** Error by category over the compared dates, in PLACEMENT_CATEGORIES order then total. */
  errors: BacktestErrorSummary[];
  /** The forecast month by month, for charts. */
  series: BacktestSeriesRow[];
  parameters: ModelParameters;
  warnings: string[];
}

/**
 * Fits the model on the reference window, forecasts the following years by Monte Carlo and by the
 * expected-value projection, and compares both with the actual stock (children) at each later 31 March, by category.
 */
export async function backtest(spells: readonly CareSpell[], options: BacktestOptions): Promise<BacktestResult> {
  const fit = calibrate(spells, { ...options, horizonYears: options.years });
  const parameters: ModelParameters = { ...fit.parameters };
  // Without local supply figures the template would invent capacity limits; leave supply unlimited.
  parameters.supply = options.supply ?? { capacity: {}, fallback: {} };
  const run = await simulate(parameters, {
    seed: options.seed,
    replications: options.replications,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  });
  const key = (date: string, category: string) => `${date}|${category}`;
  const forecast = new Map(summarise(run).filter((r) => r.metric === 'in_care').map((r) => [key(r.date, r.category), r]));
  const expected = new Map(projectExpected(parameters).filter((r) => r.metric === 'in_care').map((r) => [key(r.date, r.category), r.mean]));
  const categories = [...PLACEMENT_CATEGORIES, 'total'] as const;
  const series: BacktestSeriesRow[] = [];
  for (const date of run.dates) {
    for (const category of categories) {
      const f = forecast.get(key(date, category));
      series.push({ date, category, mean: f?.mean ?? 0, p05: f?.p05 ?? 0, p95: f?.p95 ?? 0, expected: expected.get(key(date, category)) ?? 0 });
    }
  }
  const rows: BacktestRow[] = [];
  const start = isoToDay(parameters.start);
  for (let k = 1; k <= options.years; k++) {
    const date = dayToIso(isoToDay(addMonths(parameters.start, 12 * k)) - 1);
    if (!date.endsWith('-03-31') || isoToDay(date) < start) continue;
    const actual = stockOn(spells, date);
    if (!actual) continue;
    for (const category of categories) {
      const f = forecast.get(key(date, category));
      const a = category === 'total' ? Object.values(actual).reduce((x, y) => x + y, 0) : actual[category];
      const mean = f?.mean ?? 0;
      const ev = expected.get(key(date, category)) ?? 0;
      rows.push({
        date,
        category,
        forecastMean: mean,
        forecastP05: f?.p05 ?? 0,
        forecastP95: f?.p95 ?? 0,
        expected: ev,
        actual: a,
        error: mean - a,
        expectedError: ev - a,
        within90: a >= (f?.p05 ?? 0) && a <= (f?.p95 ?? 0),
      });
    }
  }
  return { rows, errors: summariseErrors(rows), series, parameters, warnings: [...fit.warnings, ...run.warnings] };
}

/** Mean and mean absolute error (children) by category over the compared dates, for both modes. */
export function summariseErrors(rows: readonly BacktestRow[]): BacktestErrorSummary[] {
  const out: BacktestErrorSummary[] = [];
  for (const category of [...PLACEMENT_CATEGORIES, 'total'] as const) {
    const of = rows.filter((r) => r.category === category);
    if (of.length === 0) continue;
    const mean = (f: (r: BacktestRow) => number) => of.reduce((s, r) => s + f(r), 0) / of.length;
    out.push({
      category,
      dates: of.length,
      meanError: mean((r) => r.error),
      meanAbsError: mean((r) => Math.abs(r.error)),
      expectedMeanError: mean((r) => r.expectedError),
      expectedMeanAbsError: mean((r) => Math.abs(r.expectedError)),
      within90: of.filter((r) => r.within90).length,
    });
  }
  return out;
}

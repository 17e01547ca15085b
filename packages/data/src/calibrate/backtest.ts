import {
  PLACEMENT_CATEGORIES,
  addMonths,
  dayToIso,
  isoToDay,
  projectExpected,
  simulate,
  summarise,
  withoutParameterUncertainty,
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
  /**
   * Month ends (ISO) to compare, each after the reference end and within `years` of it; those the data
   * do not cover are left out. __Default value:__ every 31 March within `years` of the reference end
   */
  dates?: readonly string[];
}

export interface BacktestRow {
  /** A 31 March after the reference window. */
  date: string;
  category: PlacementCategory | 'total';
  /** Monte Carlo mean of the children in care at the end of the date (children). */
  forecastMean: number;
  forecastP05: number;
  /** 25th and 75th percentiles of the replications (the 50% band). */
  forecastP25: number;
  forecastP75: number;
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
  /** Whether the actual lies in the forecast's 25-75% range. */
  within50: boolean;
  /**
   * Children (expected value) the forecast still held on the date among those in its start stock whose
   * open episode vanished from a later return before the date: the data close them without an exit,
   * so this much is taken off every forecast figure above and is not forecast error.
   */
  vanished: number;
}

/** Children in care at one month end of the forecast, by category: Monte Carlo mean and 5-95% range, expected value. */
export interface BacktestSeriesRow {
  /** ISO date: the forecast's start (the stock on the reference end) or a month end. */
  date: string;
  category: PlacementCategory | 'total';
  mean: number;
  p05: number;
  p25: number;
  p75: number;
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
  /** Children in the start stock whose open episode vanished from a later return within the compared dates. */
  vanishedChildren: number;
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
      series.push({ date, category, mean: f?.mean ?? 0, p05: f?.p05 ?? 0, p25: f?.p25 ?? 0, p75: f?.p75 ?? 0, p95: f?.p95 ?? 0, expected: expected.get(key(date, category)) ?? 0 });
    }
  }
  const rows: BacktestRow[] = [];
  const start = isoToDay(parameters.start);
  const warnings = [...fit.warnings, ...run.warnings];
  let vanishedChildren = 0;
  for (const date of compareDates(parameters.start, options)) {
    const actual = stockOn(spells, date);
    if (!actual) continue;
    const gone = vanishedBefore(spells, start, isoToDay(date) + 1);
    vanishedChildren = Math.max(vanishedChildren, gone.length);
    const held = gone.length > 0 ? heldByForecast(gone, parameters, options, date) : new Map<string, number>();
    for (const category of categories) {
      const f = forecast.get(key(date, category));
      const a = category === 'total' ? Object.values(actual).reduce((x, y) => x + y, 0) : actual[category];
      const v = held.get(category) ?? 0;
      const mean = (f?.mean ?? 0) - v;
      const p05 = (f?.p05 ?? 0) - v;
      const p25 = (f?.p25 ?? 0) - v;
      const p75 = (f?.p75 ?? 0) - v;
      const p95 = (f?.p95 ?? 0) - v;
      const ev = (expected.get(key(date, category)) ?? 0) - v;
      rows.push({
        date,
        category,
        forecastMean: mean,
        forecastP05: p05,
        forecastP25: p25,
        forecastP75: p75,
        forecastP95: p95,
        expected: ev,
        actual: a,
        error: mean - a,
        expectedError: ev - a,
        within90: a >= p05 && a <= p95,
        within50: a >= p25 && a <= p75,
        vanished: v,
      });
    }
  }
  if (vanishedChildren > 0) {
    warnings.push(
      `${vanishedChildren} children in the forecast's start stock have an open episode that vanished from a later return: the data close it at the end ` +
        'of the last return holding it, without an exit, so the forecast figures leave out the care the model still expected for them (column vanished)',
    );
  }
  return { rows, errors: summariseErrors(rows), series, parameters, vanishedChildren, warnings };
}

/** The dates a backtest compares: `options.dates` within the forecast, or each 31 March within `years` of its start. */
function compareDates(start: string, options: BacktestOptions): string[] {
  const from = isoToDay(start);
  const to = isoToDay(addMonths(start, 12 * options.years)) - 1;
  if (options.dates) {
    return options.dates.filter((d) => {
      const day = isoToDay(d);
      return day >= from && day <= to;
    });
  }
  const out: string[] = [];
  for (let k = 1; k <= options.years; k++) {
    const date = dayToIso(isoToDay(addMonths(start, 12 * k)) - 1);
    if (date.endsWith('-03-31')) out.push(date);
  }
  return out;
}

/** Spells in care at the forecast start (day `start`) whose open episode vanished from the returns before day `until`. */
function vanishedBefore(spells: readonly CareSpell[], start: number, until: number): CareSpell[] {
  return spells.filter((s) => s.vanished && s.end === null && s.start < start && s.observedUntil > start && s.observedUntil < until);
}

/**
 * Expected children (by category and total) still in care on `date` under the fitted model among the
 * start-stock children given: their stock cells projected forward with no entries.
 */
function heldByForecast(gone: readonly CareSpell[], parameters: ModelParameters, options: BacktestOptions, date: string): Map<string, number> {
  const cells = calibrate(gone, { ...options, horizonYears: options.years }).parameters.initialPopulation;
  // The projection takes rates as known; the posteriors of the entries left out would no longer match them.
  const only: ModelParameters = { ...withoutParameterUncertainty(parameters), initialPopulation: cells, entries: { ...parameters.entries, perYear: {} } };
  delete only.uasc;
  const out = new Map<string, number>();
  for (const r of projectExpected(only)) if (r.metric === 'in_care' && r.date === date) out.set(r.category, r.mean);
  return out;
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

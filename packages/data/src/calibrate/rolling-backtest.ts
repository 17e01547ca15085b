import { PLACEMENT_CATEGORIES, addMonths, dayToIso, isoToDay, type PlacementCategory } from '@carecast/engine';
import { backtest, type BacktestOptions, type BacktestRow, type BacktestSeriesRow } from './backtest.js';

/** Forecast horizons scored by default (months after the origin): half a year, one year, two years. */
export const DEFAULT_HORIZONS_MONTHS: readonly number[] = [6, 12, 24];

/** Years of data each origin's fit uses by default: the three-year window `carecast calibrate` is shown with. */
export const DEFAULT_REFERENCE_YEARS = 3;

export interface RollingBacktestOptions extends Omit<BacktestOptions, 'referenceStart' | 'referenceEnd' | 'years' | 'dates'> {
  /** First day the returns cover (ISO): the 1 April the first collection year starts (`returnsCoverage`). */
  dataStart: string;
  /** Last day the returns cover (ISO): the 31 March the last collection year ends. */
  dataEnd: string;
  /** Years of data before each origin the model is fitted on (whole years). __Default value:__ 3 */
  referenceYears?: number;
  /** Months after the origin at which each forecast is scored (whole months). __Default value:__ [6, 12, 24] */
  horizonsMonths?: readonly number[];
}

/** One forecast origin the data allow: a 31 March, the reference window ending on it and the dates scored. */
export interface RollingOrigin {
  /** The 31 March the fit ends on (ISO); the forecast starts the next day. */
  origin: string;
  referenceStart: string;
  referenceEnd: string;
  /** Each horizon the data cover, with the month end it falls on. */
  targets: { horizonMonths: number; date: string }[];
}

/** One scored forecast: an origin, a horizon and a category (or the total). Error = forecast − actual. */
export interface RollingRow extends BacktestRow {
  origin: string;
  horizonMonths: number;
  /** |error| / actual (a fraction); null when the actual stock is 0. */
  absPercentError: number | null;
}

/** The forecast of one origin month by month (children), for charts. */
export interface RollingSeriesRow extends BacktestSeriesRow {
  origin: string;
}

/**
 * Accuracy of the Monte Carlo forecasts of one horizon and category over every origin scored
 * (children, error = forecast − actual: above 0 the forecast was too high).
 */
export interface RollingSummary {
  horizonMonths: number;
  category: PlacementCategory | 'total';
  /** Forecasts scored (origins covering this horizon). */
  forecasts: number;
  /** Bias: mean of forecast − actual (children). */
  meanError: number;
  /** Relative bias: Σ(forecast − actual) / Σ actual (a fraction); null when every actual is 0. */
  relativeBias: number | null;
  /** Mean of |forecast − actual| (children). */
  meanAbsError: number;
  /** Mean absolute percentage error over the forecasts with an actual above 0 (a fraction); null when none. */
  mape: number | null;
  /** Forecasts with an actual above 0 (the MAPE's count). */
  mapeForecasts: number;
  /** Forecasts whose actual lies in the 25-75% band of the replications. */
  within50: number;
  /** Forecasts whose actual lies in the 5-95% band. */
  within90: number;
}

export interface RollingBacktestResult {
  origins: RollingOrigin[];
  referenceYears: number;
  horizonsMonths: number[];
  rows: RollingRow[];
  /** By horizon (ascending), then category in PLACEMENT_CATEGORIES order, then total. */
  summaries: RollingSummary[];
  series: RollingSeriesRow[];
  /** Most children of any origin's start stock whose open episode vanished before a scored date. */
  vanishedChildren: number;
  warnings: string[];
}

/**
 * The first and last day every authority's returns cover: from the 1 April starting the latest of the
 * authorities' first collection years to the 31 March ending the earliest of their last ones (ISO); null
 * without returns. With one authority, its first and last return.
 */
export function returnsCoverage(returns: readonly { la: string; year: number }[]): { dataStart: string; dataEnd: string } | null {
  const span = new Map<string, [number, number]>();
  for (const r of returns) {
    const s = span.get(r.la);
    span.set(r.la, s ? [Math.min(s[0], r.year), Math.max(s[1], r.year)] : [r.year, r.year]);
  }
  if (span.size === 0) return null;
  const first = Math.max(...[...span.values()].map((s) => s[0]));
  const last = Math.min(...[...span.values()].map((s) => s[1]));
  return { dataStart: `${first - 1}-04-01`, dataEnd: `${last}-03-31` };
}

/** Checks the horizons and reference years; a RangeError says what is wrong and what is expected. */
export function checkRollingOptions(referenceYears: number, horizonsMonths: readonly number[]): void {
  if (!Number.isInteger(referenceYears) || referenceYears < 1) {
    throw new RangeError(`reference years: expected a whole number of years, 1 or more; got ${referenceYears}`);
  }
  if (horizonsMonths.length === 0) throw new RangeError('horizons: expected at least one horizon in months, e.g. 6,12,24');
  for (const h of horizonsMonths) {
    if (!Number.isInteger(h) || h <= 0) throw new RangeError(`horizons: expected whole months above 0, e.g. 6,12,24; got ${h}`);
  }
}

/**
 * Every 31 March origin the data allow: the reference window (`referenceYears` ending on the origin)
 * starts on or after `dataStart`, and at least one horizon's month end is on or before `dataEnd`.
 * Horizons the data do not reach are left out of that origin's targets.
 */
export function rollingOrigins(dataStart: string, dataEnd: string, referenceYears: number, horizonsMonths: readonly number[]): RollingOrigin[] {
  checkRollingOptions(referenceYears, horizonsMonths);
  const first = isoToDay(dataStart);
  const last = isoToDay(dataEnd);
  const horizons = [...new Set(horizonsMonths)].sort((a, b) => a - b);
  const out: RollingOrigin[] = [];
  for (let year = Number(dataStart.slice(0, 4)); year <= Number(dataEnd.slice(0, 4)); year++) {
    const referenceStart = `${year - referenceYears}-04-01`;
    const origin = `${year}-03-31`;
    if (isoToDay(referenceStart) < first || isoToDay(origin) >= last) continue;
    const targets = horizons
      .map((h) => ({ horizonMonths: h, date: dayToIso(isoToDay(addMonths(`${year}-04-01`, h)) - 1) }))
      .filter((t) => isoToDay(t.date) <= last);
    if (targets.length > 0) out.push({ origin, referenceStart, referenceEnd: origin, targets });
  }
  return out;
}

/**
 * Rolling-origin accuracy: at every 31 March origin the data allow, fits the model on the years before
 * it (`calibrate`, through `backtest` with the same options), forecasts by Monte Carlo and scores each
 * horizon against the actual stock on its month end, by category and in total. Every origin runs on the
 * same seed. Throws a RangeError when the options are bad or the data allow no origin.
 */
export async function rollingBacktest(spells: Parameters<typeof backtest>[0], options: RollingBacktestOptions): Promise<RollingBacktestResult> {
  const referenceYears = options.referenceYears ?? DEFAULT_REFERENCE_YEARS;
  const horizonsMonths = [...new Set(options.horizonsMonths ?? DEFAULT_HORIZONS_MONTHS)].sort((a, b) => a - b);
  const origins = rollingOrigins(options.dataStart, options.dataEnd, referenceYears, horizonsMonths);
  if (origins.length === 0) {
    throw new RangeError(tooLittleData(options.dataStart, options.dataEnd, referenceYears, horizonsMonths));
  }
  const { dataStart: _s, dataEnd: _e, referenceYears: _r, horizonsMonths: _h, ...fitOptions } = options;
  const rows: RollingRow[] = [];
  const series: RollingSeriesRow[] = [];
  const warnings = new Map<string, string[]>();
  let vanishedChildren = 0;
  for (const o of origins) {
    const lastTarget = o.targets[o.targets.length - 1]!.date;
    const bt = await backtest(spells, {
      ...fitOptions,
      referenceStart: o.referenceStart,
      referenceEnd: o.referenceEnd,
      years: Math.ceil(o.targets[o.targets.length - 1]!.horizonMonths / 12),
      dates: o.targets.map((t) => t.date),
    });
    const horizonOf = new Map(o.targets.map((t) => [t.date, t.horizonMonths]));
    for (const r of bt.rows) {
      rows.push({ ...r, origin: o.origin, horizonMonths: horizonOf.get(r.date)!, absPercentError: r.actual > 0 ? Math.abs(r.error) / r.actual : null });
    }
    for (const s of bt.series) if (s.date <= lastTarget) series.push({ ...s, origin: o.origin });
    vanishedChildren = Math.max(vanishedChildren, bt.vanishedChildren);
    for (const w of bt.warnings) warnings.set(w, [...(warnings.get(w) ?? []), o.origin]);
  }
  rows.sort((a, b) => a.horizonMonths - b.horizonMonths || (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0) || categoryOrder(a.category) - categoryOrder(b.category));
  return {
    origins,
    referenceYears,
    horizonsMonths,
    rows,
    summaries: summariseRolling(rows),
    series,
    vanishedChildren,
    warnings: [...warnings].map(([w, at]) => (at.length === origins.length ? w : `${w} (origins ${at.join(', ')})`)),
  };
}

const CATEGORIES = [...PLACEMENT_CATEGORIES, 'total'] as const;
const categoryOrder = (c: string): number => CATEGORIES.indexOf(c as (typeof CATEGORIES)[number]);

/** Bias, relative bias, mean absolute error, MAPE and band coverage by horizon and category (Monte Carlo forecasts). */
export function summariseRolling(rows: readonly RollingRow[]): RollingSummary[] {
  const out: RollingSummary[] = [];
  const horizons = [...new Set(rows.map((r) => r.horizonMonths))].sort((a, b) => a - b);
  for (const horizonMonths of horizons) {
    for (const category of CATEGORIES) {
      const of = rows.filter((r) => r.horizonMonths === horizonMonths && r.category === category);
      if (of.length === 0) continue;
      const sum = (f: (r: RollingRow) => number) => of.reduce((s, r) => s + f(r), 0);
      const actual = sum((r) => r.actual);
      const apes = of.flatMap((r) => (r.absPercentError === null ? [] : [r.absPercentError]));
      out.push({
        horizonMonths,
        category,
        forecasts: of.length,
        meanError: sum((r) => r.error) / of.length,
        relativeBias: actual > 0 ? sum((r) => r.error) / actual : null,
        meanAbsError: sum((r) => Math.abs(r.error)) / of.length,
        mape: apes.length > 0 ? apes.reduce((a, b) => a + b, 0) / apes.length : null,
        mapeForecasts: apes.length,
        within50: of.filter((r) => r.within50).length,
        within90: of.filter((r) => r.within90).length,
      });
    }
  }
  return out;
}

/** Why no origin fits: what the data cover and what one origin needs. */
export function tooLittleData(dataStart: string, dataEnd: string, referenceYears: number, horizonsMonths: readonly number[]): string {
  const shortest = Math.min(...horizonsMonths);
  const firstOrigin = `${Number(dataStart.slice(0, 4)) + referenceYears}-03-31`;
  const needed = dayToIso(isoToDay(addMonths(`${Number(firstOrigin.slice(0, 4))}-04-01`, shortest)) - 1);
  return (
    `the data cover ${dataStart} to ${dataEnd}, too little for any origin: a rolling backtest fits ${referenceYears} year(s) ending on a 31 March ` +
    `and scores the forecast ${shortest} months later, so the first origin (${firstOrigin}) needs data to ${needed}; ` +
    'expected more collection years, fewer reference years or a shorter horizon'
  );
}

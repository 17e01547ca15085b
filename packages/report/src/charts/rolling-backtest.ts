// Charts of `carecast backtest --rolling`: each origin's forecast (mean with its 50% and 90% bands)
// against the actual stock, and how often the actual fell inside each band by horizon.
import { PLACEMENT_CATEGORIES } from '@carecast/engine';
import type { TopLevelSpec } from 'vega-lite';
import { CATEGORY_SWATCHES, SCENARIO_COLOURS } from '../palette.js';
import { finish, panelled, type Json } from './parts.js';

/**
 * What the rolling charts read (the shape of `@carecast/data`'s `RollingBacktestResult`, which this
 * package does not import): each origin's monthly forecast, the scored actual stocks (children) and the
 * coverage by horizon and category. Withheld actuals are left out by the caller.
 */
export interface RollingChartInput {
  readonly series: readonly {
    readonly origin: string;
    readonly date: string;
    readonly category: string;
    readonly mean: number;
    readonly p05: number;
    readonly p25: number;
    readonly p75: number;
    readonly p95: number;
  }[];
  readonly rows: readonly { readonly date: string; readonly category: string; readonly actual: number }[];
  readonly summaries: readonly { readonly horizonMonths: number; readonly category: string; readonly forecasts: number; readonly within50: number; readonly within90: number }[];
}

const ACTUAL_COLOUR = '#000000';
const BAND_COLOURS = { '50% band (25th-75th percentile)': '#0072B2', '90% band (5th-95th percentile)': '#D55E00' } as const;
const round1 = (x: number): number => Math.round(x * 10) / 10;
const labelOf = (category: string): string => (category === 'total' ? 'All children' : (CATEGORY_SWATCHES.find((s) => s.id === category)?.label ?? category));

/** Categories worth a panel: those with a child in some forecast band or some actual stock. */
export function rollingCategories(input: RollingChartInput): string[] {
  const seen = new Set<string>();
  for (const r of input.series) if (r.p95 >= 0.5) seen.add(r.category);
  for (const r of input.rows) if (r.actual > 0) seen.add(r.category);
  return PLACEMENT_CATEGORIES.filter((c) => seen.has(c));
}

/**
 * Forecast against actual by origin: for each 31 March origin its Monte Carlo mean month by month with
 * the 50% and 90% bands (one colour per origin), and the actual stock on every scored date (black
 * points), one panel per category. Undefined when no category asked for has a forecast.
 */
export function rollingForecastSpec(input: RollingChartInput, categories: readonly string[], title: string): TopLevelSpec | undefined {
  const wanted = new Set(categories);
  const values: Json[] = [];
  for (const r of input.series) {
    if (!wanted.has(r.category)) continue;
    values.push({ panel: labelOf(r.category), origin: r.origin, date: r.date, mean: round1(r.mean), p05: round1(r.p05), p25: round1(r.p25), p75: round1(r.p75), p95: round1(r.p95) });
  }
  if (values.length === 0) return undefined;
  const seen = new Set<string>();
  for (const r of input.rows) {
    const key = `${r.category}|${r.date}`;
    if (!wanted.has(r.category) || seen.has(key)) continue;
    seen.add(key);
    values.push({ panel: labelOf(r.category), date: r.date, actual: r.actual });
  }
  const origins = [...new Set(input.series.map((r) => r.origin))].sort();
  const colour = {
    field: 'origin',
    type: 'nominal',
    title: 'Forecast from',
    scale: { domain: origins, range: origins.map((_, i) => SCENARIO_COLOURS[i % SCENARIO_COLOURS.length]!) },
    legend: { orient: 'bottom' },
  };
  const x = { field: 'date', type: 'temporal', title: null, scale: { type: 'utc' }, axis: { format: '%Y', tickCount: 'year' } };
  const y = (field: string): Json => ({ field, type: 'quantitative', title: 'Children in care (children)', scale: { zero: false } });
  const forecast = { filter: 'isValid(datum.mean)' };
  const layer: Json[] = [
    { transform: [forecast], mark: { type: 'area', opacity: 0.12 }, encoding: { x, y: y('p05'), y2: { field: 'p95' }, color: colour, detail: { field: 'origin' } } },
    { transform: [forecast], mark: { type: 'area', opacity: 0.25 }, encoding: { x, y: y('p25'), y2: { field: 'p75' }, color: colour, detail: { field: 'origin' } } },
    {
      transform: [forecast],
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x,
        y: y('mean'),
        color: colour,
        tooltip: [
          { field: 'origin', type: 'nominal', title: 'Forecast from' },
          { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Month end', format: '%d %b %Y' },
          { field: 'mean', type: 'quantitative', title: 'mean', format: ',.1f' },
          { field: 'p25', type: 'quantitative', title: '25th percentile', format: ',.1f' },
          { field: 'p75', type: 'quantitative', title: '75th percentile', format: ',.1f' },
          { field: 'p05', type: 'quantitative', title: '5th percentile', format: ',.1f' },
          { field: 'p95', type: 'quantitative', title: '95th percentile', format: ',.1f' },
        ],
      },
    },
    {
      transform: [{ filter: 'isValid(datum.actual)' }],
      mark: { type: 'point', filled: true, size: 50, color: ACTUAL_COLOUR },
      encoding: {
        x,
        y: y('actual'),
        tooltip: [
          { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Actual stock on', format: '%d %b %Y' },
          { field: 'actual', type: 'quantitative', title: 'children', format: ',.0f' },
        ],
      },
    },
  ];
  const panels = categories.map(labelOf);
  const head: Json = {
    title: {
      text: title,
      subtitle: [
        'Each colour: the model fitted on the years up to one 31 March and forecast from the next day (mean line;',
        'darker band 25th-75th, lighter band 5th-95th percentile of the replications). Black points: the actual stock on each scored date.',
      ],
    },
    data: { values },
  };
  return finish(panelled(head, panels, layer));
}

/**
 * Coverage by horizon: for each category and in total, the share of forecasts whose actual fell inside
 * the 50% band and inside the 90% band, with the nominal 50% and 90% as dashed rules. Undefined without summaries.
 */
export function rollingCoverageSpec(input: RollingChartInput): TopLevelSpec | undefined {
  const values: Json[] = [];
  const order = [...PLACEMENT_CATEGORIES, 'total'].map(labelOf);
  for (const s of input.summaries) {
    if (s.forecasts === 0) continue;
    const base = { horizon: `${s.horizonMonths} months`, months: s.horizonMonths, category: labelOf(s.category), forecasts: s.forecasts };
    values.push({ ...base, band: '50% band (25th-75th percentile)', inside: s.within50, share: s.within50 / s.forecasts, nominal: 0.5 });
    values.push({ ...base, band: '90% band (5th-95th percentile)', inside: s.within90, share: s.within90 / s.forecasts, nominal: 0.9 });
  }
  if (values.length === 0) return undefined;
  const colour = { field: 'band', type: 'nominal', title: null, scale: { domain: Object.keys(BAND_COLOURS), range: Object.values(BAND_COLOURS) }, legend: { orient: 'bottom', labelLimit: 320 } };
  const shown = order.filter((c) => values.some((v) => v['category'] === c));
  const horizons = [...new Set(input.summaries.map((s) => s.horizonMonths))].sort((a, b) => a - b).map((h) => `${h} months`);
  return finish({
    title: {
      text: 'How often the actual stock fell inside the forecast bands',
      subtitle: ['Share of origins whose actual stock lay inside the 50% and 90% bands, by horizon. Dashed: what honest bands would give (50% and 90%).'],
    },
    data: { values },
    facet: { column: { field: 'horizon', type: 'ordinal', title: 'Horizon', sort: horizons } },
    spec: {
      width: 200,
      height: { step: 18 },
      layer: [
        { mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1 }, encoding: { x: { field: 'nominal', type: 'quantitative' }, color: colour } },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            y: { field: 'category', type: 'nominal', title: null, sort: shown },
            x: { field: 'share', type: 'quantitative', title: 'Share of forecasts inside the band', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
            color: colour,
            shape: { field: 'band', type: 'nominal', legend: null },
            tooltip: [
              { field: 'category', type: 'nominal', title: 'Category' },
              { field: 'horizon', type: 'ordinal', title: 'Horizon' },
              { field: 'band', type: 'nominal', title: 'Band' },
              { field: 'inside', type: 'quantitative', title: 'Forecasts inside' },
              { field: 'forecasts', type: 'quantitative', title: 'Forecasts scored' },
            ],
          },
        },
      ],
    },
  });
}

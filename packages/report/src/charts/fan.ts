import type { SeriesRow } from '@carecast/engine';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, CHART_WIDTH } from '../config.js';
import { round } from '../rows.js';
import { dateX, finish, hoverLayer, startMarker, type Json } from './parts.js';

/** What a fan chart shows: one series' quantiles over time. */
export interface FanOptions {
  readonly rows: readonly SeriesRow[];
  readonly title: string;
  readonly subtitle: string;
  readonly yTitle: string;
  readonly colour: string;
  readonly start: string;
  readonly param: string;
  readonly format: string;
  /** Start the y axis at zero (default true); false zooms in on the bands. */
  readonly zero?: boolean;
}

/** Wide rows of a fan: the quantiles and mean of each date, rounded for embedding. */
export function fanValues(rows: readonly SeriesRow[]): Json[] {
  return rows.map((r) => ({
    date: r.date,
    p05: round(r.p05),
    p25: round(r.p25),
    p50: round(r.p50),
    p75: round(r.p75),
    p95: round(r.p95),
    mean: round(r.mean),
  }));
}

/** Layers of a fan: 5-95% and 25-75% bands taken from the rows' own percentiles, and the mean line. */
export function fanLayers(values: readonly Json[], colour: string, yTitle: string, zero = true): Json[] {
  const data = { values };
  return [
    {
      data,
      mark: { type: 'area', color: colour, opacity: 0.18 },
      encoding: { x: dateX(), y: { field: 'p05', type: 'quantitative', title: yTitle, scale: { zero } }, y2: { field: 'p95' } },
    },
    {
      data,
      mark: { type: 'area', color: colour, opacity: 0.35 },
      encoding: { x: dateX(), y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } },
    },
    {
      data,
      mark: { type: 'line', color: colour, strokeWidth: 2 },
      encoding: { x: dateX(), y: { field: 'mean', type: 'quantitative' } },
    },
  ];
}

/** Tooltip fields of a fan. */
export const FAN_FIELDS = [
  { field: 'mean', title: 'Mean' },
  { field: 'p05', title: '5th percentile' },
  { field: 'p25', title: '25th percentile' },
  { field: 'p50', title: 'Median' },
  { field: 'p75', title: '75th percentile' },
  { field: 'p95', title: '95th percentile' },
] as const;

/** A fan chart of one series: mean line with 25-75% and 5-95% bands between the rows' percentiles. */
export function fanSpec(o: FanOptions): TopLevelSpec {
  const values = fanValues(o.rows);
  return finish({
    title: { text: o.title, subtitle: o.subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [...fanLayers(values, o.colour, o.yTitle, o.zero ?? true), ...startMarker(o.start), hoverLayer(o.param, values, FAN_FIELDS, o.format)],
  });
}

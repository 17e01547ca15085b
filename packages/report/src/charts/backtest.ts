import { PLACEMENT_CATEGORIES } from '@carecast/engine';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from '../config.js';
import { CATEGORY_SWATCHES } from '../palette.js';
import { renderPng } from '../render/png.js';
import { renderSvg } from '../render/svg.js';
import { panelled } from './parts.js';

const FORECAST_COLOUR = '#0072B2';
const EXPECTED_COLOUR = '#D55E00';
const ACTUAL_COLOUR = '#000000';
const LEGEND = {
  domain: ['Monte Carlo mean (5-95% band)', 'Expected value', 'Actual stock on 31 March'],
  range: [FORECAST_COLOUR, EXPECTED_COLOUR, ACTUAL_COLOUR],
};

/**
 * What a backtest chart reads (the shape of `@carecast/data`'s `BacktestResult`, which this package
 * does not import): the monthly forecast and the actual stock on each compared 31 March, in children.
 */
export interface BacktestChartInput {
  readonly parameters: { readonly start: string };
  readonly series: readonly { readonly date: string; readonly category: string; readonly mean: number; readonly p05: number; readonly p95: number; readonly expected: number }[];
  readonly rows: readonly { readonly date: string; readonly category: string; readonly actual: number }[];
}

/** The reference window the model was fitted on (ISO dates, inclusive). */
export interface BacktestWindow {
  referenceStart: string;
  referenceEnd: string;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const labelOf = (category: string): string => (category === 'total' ? 'All children' : (CATEGORY_SWATCHES.find((s) => s.id === category)?.label ?? category));

/** Categories worth a panel: those with a child in the forecast band or the data at some date. */
function shownCategories(result: BacktestChartInput): string[] {
  const seen = new Set<string>();
  for (const r of result.series) if (r.p95 >= 0.5 || r.expected >= 0.5) seen.add(r.category);
  for (const r of result.rows) if (r.actual > 0) seen.add(r.category);
  return PLACEMENT_CATEGORIES.filter((c) => seen.has(c));
}

/**
 * Vega-Lite spec of a backtest: children in care month by month (Monte Carlo mean with its 5-95% band,
 * the expected-value line) and the actual stock at each compared 31 March, one panel per category.
 */
export function backtestChartSpec(result: BacktestChartInput, window: BacktestWindow, categories: readonly string[], title: string): TopLevelSpec {
  const wanted = new Set(categories);
  const values: Record<string, string | number>[] = [];
  for (const r of result.series) {
    if (!wanted.has(r.category)) continue;
    values.push({ panel: labelOf(r.category), date: r.date, mean: round1(r.mean), p05: round1(r.p05), p95: round1(r.p95), expected: round1(r.expected) });
  }
  for (const r of result.rows) {
    if (wanted.has(r.category)) values.push({ panel: labelOf(r.category), date: r.date, actual: r.actual });
  }
  const x = { field: 'date', type: 'temporal', title: null, axis: { format: '%Y', tickCount: 'year' } };
  const y = (field: string) => ({ field, type: 'quantitative', title: 'Children in care (children)', scale: { zero: false } });
  const layer = [
    {
      transform: [{ filter: 'isValid(datum.mean)' }],
      mark: { type: 'area', opacity: 0.2, color: FORECAST_COLOUR },
      encoding: { x, y: y('p05'), y2: { field: 'p95' } },
    },
    {
      transform: [{ filter: 'isValid(datum.mean)' }],
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y: y('mean'), color: { datum: LEGEND.domain[0], scale: LEGEND, legend: { title: null, orient: 'bottom' } } },
    },
    {
      transform: [{ filter: 'isValid(datum.expected)' }],
      mark: { type: 'line', strokeWidth: 2, strokeDash: [6, 3] },
      encoding: { x, y: y('expected'), color: { datum: LEGEND.domain[1] } },
    },
    {
      transform: [{ filter: 'isValid(datum.actual)' }],
      mark: { type: 'point', filled: true, size: 60 },
      encoding: { x, y: y('actual'), color: { datum: LEGEND.domain[2] } },
    },
  ];
  const panels = categories.map(labelOf);
  const head = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: [
        `Fitted on ${window.referenceStart} to ${window.referenceEnd}, forecast from ${result.parameters.start} without capacity limits.`,
        'Band: 5th to 95th percentile of the replications; dashed line: expected-value projection.',
      ],
    },
    config: CHART_CONFIG,
    data: { values },
  };
  return panelled(head, panels, layer) as unknown as TopLevelSpec;
}

/** The backtest charts as output files: the total and one panel per category, each as SVG and PNG. */
export async function backtestChartFiles(result: BacktestChartInput, window: BacktestWindow): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  const charts: [string, string[], string][] = [
    ['backtest-total', ['total'], 'Backtest: children in care, forecast against actual'],
    ['backtest-by-category', shownCategories(result), 'Backtest by placement category: forecast against actual'],
  ];
  for (const [name, categories, title] of charts) {
    if (categories.length === 0) continue;
    const svg = await renderSvg(backtestChartSpec(result, window, categories, title));
    files.set(`charts/${name}.svg`, svg);
    files.set(`charts/${name}.png`, renderPng(svg));
  }
  return files;
}

import type { SeriesRow } from '@carecast/engine';
import { CHART_HEIGHT, CHART_WIDTH } from '../config.js';
import { colourScale, orderOf, sortIds, swatchOf, type SwatchKind } from '../palette.js';
import { round, sumByFinancialYear } from '../rows.js';
import type { Json } from './parts.js';

/** What a stacked bar chart of a flow per financial year shows. */
export interface YearBarsOptions {
  /** Monthly flow rows of one metric, one per category and month (no `total`). */
  readonly rows: readonly SeriesRow[];
  readonly kind: SwatchKind;
  readonly legendTitle: string;
  readonly yTitle: string;
  /** Multiplier from row units to plotted units (e.g. 1e-6 for GBP million). */
  readonly unit: number;
  readonly valueTitle: string;
  readonly format: string;
  readonly digits: number;
}

/** Units of bars that count children per year: plotted as they are, tooltips to one decimal. */
export const CHILDREN_PER_YEAR = { unit: 1, format: ',.1f', digits: 2 } as const;

/**
 * Stacked bars of the sum of monthly means per financial year (April to March) and category; a year
 * the run covers only in part is labelled with its number of months.
 */
export function yearBarsLayer(o: YearBarsOptions): Json | undefined {
  if (o.rows.length === 0) return undefined;
  const sums = sumByFinancialYear(o.rows);
  const categories = sortIds(o.kind, o.rows.map((r) => r.category));
  const years = [...sums.keys()].sort();
  const yearLabel = new Map<string, string>();
  for (const fy of years) {
    const months = Math.max(...[...sums.get(fy)!.values()].map((c) => c.months));
    yearLabel.set(fy, months < 12 ? `${fy} (${months} months)` : fy);
  }
  const values: Json[] = [];
  for (const fy of years) {
    for (const [category, cell] of sums.get(fy)!) {
      values.push({
        year: yearLabel.get(fy),
        label: swatchOf(o.kind, category).label,
        order: orderOf(o.kind, category),
        value: round(cell.total * o.unit, o.digits),
      });
    }
  }
  values.sort((a, b) => (a['year'] as string).localeCompare(b['year'] as string) || (a['order'] as number) - (b['order'] as number));
  return {
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'year',
        type: 'ordinal',
        title: 'Financial year (April to March)',
        sort: years.map((y) => yearLabel.get(y)),
        axis: { labelAngle: 0 },
      },
      y: { field: 'value', type: 'quantitative', stack: 'zero', title: o.yTitle },
      color: { field: 'label', type: 'nominal', title: o.legendTitle, scale: colourScale(o.kind, categories) },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'year', type: 'ordinal', title: 'Financial year' },
        { field: 'label', type: 'nominal', title: o.legendTitle },
        { field: 'value', type: 'quantitative', title: o.valueTitle, format: o.format },
      ],
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  };
}

import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, CHART_WIDTH } from '../config.js';
import { colourScale, orderOf, sortIds, swatchOf, type SwatchKind } from '../palette.js';
import { metricRows, round, runRows, type ReportData } from '../rows.js';
import { CHILDREN_FORMAT, dateX, finish, hoverLayer, replicationsNote, startMarker, widen } from './parts.js';

/** What distinguishes one stacked in-care chart from another. */
export interface StackedInCareOptions {
  /** A stock metric of children whose categories partition `total`. */
  metric: 'in_care' | 'in_care_by_age';
  kind: SwatchKind;
  title: string;
  /** First sentence of the subtitle. */
  subtitle: string;
  legendTitle: string;
  hoverName: string;
}

/** Stacked area of the mean number of children in care (children) split by `kind`, with the start marked. */
export function stackedInCareSpec(data: ReportData, o: StackedInCareOptions): TopLevelSpec | undefined {
  const { results } = data;
  const all = metricRows(runRows(results), o.metric);
  const rows = all.filter((r) => r.category !== 'total');
  if (rows.length === 0) return undefined;
  const ids = sortIds(o.kind, rows.map((r) => r.category));
  const values = rows.map((r) => ({
    date: r.date,
    label: swatchOf(o.kind, r.category).label,
    order: orderOf(o.kind, r.category),
    children: round(r.mean),
  }));
  const keys = all.some((r) => r.category === 'total') ? [...ids, 'total'] : ids;
  const wide = widen(
    all.map((r) => ({ date: r.date, key: r.category, value: round(r.mean) })),
    keys,
  );
  const fields = keys.map((k, i) => ({ field: `s${i}`, title: k === 'total' ? 'Total' : swatchOf(o.kind, k).label }));
  return finish({
    title: {
      text: o.title,
      subtitle: `${o.subtitle} ${replicationsNote(results.replications, results.mode)}.`,
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'area', opacity: 0.9 },
        encoding: {
          x: dateX(),
          y: { field: 'children', type: 'quantitative', stack: 'zero', title: 'Children in care (children)' },
          color: { field: 'label', type: 'nominal', title: o.legendTitle, scale: colourScale(o.kind, ids) },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      ...startMarker(results.start),
      hoverLayer(o.hoverName, wide, fields, CHILDREN_FORMAT),
    ],
  });
}

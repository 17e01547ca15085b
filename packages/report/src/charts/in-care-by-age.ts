import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, CHART_WIDTH } from '../config.js';
import { colourScale, orderOf, sortIds, swatchOf } from '../palette.js';
import { metricRows, round, runRows, type ReportData } from '../rows.js';
import { CHILDREN_FORMAT, dateX, finish, hoverLayer, replicationsNote, startMarker, widen } from './parts.js';

/** Stacked area of the mean number of children in care (children) by DfE age band, with the start marked. */
export function inCareByAgeSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const all = metricRows(runRows(results), 'in_care_by_age');
  const rows = all.filter((r) => r.category !== 'total');
  if (rows.length === 0) return undefined;
  const bands = sortIds('age_band', rows.map((r) => r.category));
  const values = rows.map((r) => ({
    date: r.date,
    label: swatchOf('age_band', r.category).label,
    order: orderOf('age_band', r.category),
    children: round(r.mean),
  }));
  const keys = all.some((r) => r.category === 'total') ? [...bands, 'total'] : bands;
  const wide = widen(
    all.map((r) => ({ date: r.date, key: r.category, value: round(r.mean) })),
    keys,
  );
  const fields = keys.map((k, i) => ({ field: `s${i}`, title: k === 'total' ? 'Total' : swatchOf('age_band', k).label }));
  return finish({
    title: {
      text: 'Children in care by age band',
      subtitle: `Mean number of children at each month end by age in years, stacked. ${replicationsNote(results.replications, results.mode)}.`,
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
          color: { field: 'label', type: 'nominal', title: 'Age band (years)', scale: colourScale('age_band', bands) },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      ...startMarker(results.start),
      hoverLayer('hover_in_care_by_age', wide, fields, CHILDREN_FORMAT),
    ],
  });
}

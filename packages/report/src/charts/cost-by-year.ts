import type { TopLevelSpec } from 'vega-lite';
import { metricRows, runRows, type ReportData } from '../rows.js';
import { finish, MILLION_FORMAT, replicationsNote } from './parts.js';
import { yearBarsLayer } from './year-bars.js';

/** Stacked bars of placement cost (GBP million per year) by placement category and financial year, from monthly cost means. */
export function costByYearSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const cost = metricRows(runRows(results), 'cost');
  const byCategory = cost.filter((r) => r.category !== 'total');
  const layer = yearBarsLayer({
    rows: byCategory.length > 0 ? byCategory : cost,
    kind: 'category',
    legendTitle: 'Placement category',
    yTitle: 'Cost (GBP million per year)',
    unit: 1e-6,
    valueTitle: 'Cost (GBP million)',
    format: MILLION_FORMAT,
    digits: 4,
  });
  if (!layer) return undefined;
  return finish({
    title: {
      text: 'Placement cost by category per financial year',
      subtitle: `Sum of mean monthly cost, GBP million. ${replicationsNote(results.replications, results.mode)}.`,
    },
    ...layer,
  });
}

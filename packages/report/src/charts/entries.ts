import { isAgeBand } from '@carecast/engine';
import type { TopLevelSpec } from 'vega-lite';
import { metricRows, runRows, type ReportData } from '../rows.js';
import { finish, replicationsNote } from './parts.js';
import { CHILDREN_PER_YEAR, yearBarsLayer } from './year-bars.js';

/** Stacked bars of children entering care per financial year (children per year), by age band when the results have them, else by first placement category. */
export function entriesSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const rows = metricRows(runRows(results), 'entries').filter((r) => r.category !== 'total');
  const byAge = rows.filter((r) => isAgeBand(r.category));
  const useAge = byAge.length > 0;
  const layer = yearBarsLayer({
    rows: useAge ? byAge : rows.filter((r) => !isAgeBand(r.category)),
    kind: useAge ? 'age_band' : 'category',
    legendTitle: useAge ? 'Age band at entry (years)' : 'First placement category',
    yTitle: 'Entries (children per year)',
    valueTitle: 'Entries (children)',
    ...CHILDREN_PER_YEAR,
  });
  if (!layer) return undefined;
  return finish({
    title: {
      text: useAge ? 'Children entering care by age band' : 'Children entering care by first placement',
      subtitle: `Mean number of entries per financial year. ${replicationsNote(results.replications, results.mode)}.`,
    },
    ...layer,
  });
}

import { isAgeBand } from '@carecast/engine';
import type { TopLevelSpec } from 'vega-lite';
import { metricRows, runRows, type ReportData } from '../rows.js';
import { finish, replicationsNote } from './parts.js';
import { CHILDREN_PER_YEAR, yearBarsLayer } from './year-bars.js';

/**
 * Stacked bars of children entering care per financial year (children per year), by age band at entry
 * when the results have them (`entries_by_age`, or age bands inside `entries` as older results wrote
 * them), else by first placement category.
 */
export function entriesSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const run = runRows(results);
  const rows = metricRows(run, 'entries').filter((r) => r.category !== 'total');
  const byAgeMetric = metricRows(run, 'entries_by_age').filter((r) => isAgeBand(r.category));
  const byAge = byAgeMetric.length > 0 ? byAgeMetric : rows.filter((r) => isAgeBand(r.category));
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

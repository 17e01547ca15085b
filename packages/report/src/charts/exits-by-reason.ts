import type { TopLevelSpec } from 'vega-lite';
import { metricRows, runRows, type ReportData } from '../rows.js';
import { finish, replicationsNote } from './parts.js';
import { CHILDREN_PER_YEAR, yearBarsLayer } from './year-bars.js';

/** Stacked bars of children leaving care per financial year (children per year) by exit reason. */
export function exitsByReasonSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const layer = yearBarsLayer({
    rows: metricRows(runRows(results), 'exits').filter((r) => r.category !== 'total'),
    kind: 'exit_reason',
    legendTitle: 'Reason for leaving care',
    yTitle: 'Exits (children per year)',
    valueTitle: 'Exits (children)',
    ...CHILDREN_PER_YEAR,
  });
  if (!layer) return undefined;
  return finish({
    title: {
      text: 'Children leaving care by reason',
      subtitle: `Mean number of exits per financial year. ${replicationsNote(results.replications, results.mode)}.`,
    },
    ...layer,
  });
}

import type { TopLevelSpec } from 'vega-lite';
import { metricRows, runRows, type ReportData } from '../rows.js';
import { finish, replicationsNote } from './parts.js';
import { yearBarsLayer } from './year-bars.js';

/** Stacked bars of children leaving care per financial year (children per year) by exit reason. */
export function exitsByReasonSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const layer = yearBarsLayer({
    rows: metricRows(runRows(results), 'exits').filter((r) => r.category !== 'total'),
    kind: 'exit_reason',
    legendTitle: 'Reason for leaving care',
    yTitle: 'Exits (children per year)',
    unit: 1,
    valueTitle: 'Exits (children)',
    format: ',.1f',
    digits: 2,
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

import type { TopLevelSpec } from 'vega-lite';
import { TOTAL_COLOUR } from '../palette.js';
import { round, seriesRows, runRows, type ReportData } from '../rows.js';
import { scenarioRuns } from '../scenarios.js';
import { fanSpec } from './fan.js';
import { CHILDREN_FORMAT, replicationsNote } from './parts.js';
import { scenarioLinesSpec } from './scenario-lines.js';

/** Fan chart of the total number of children in care (children): mean, 25-75% and 5-95% bands. */
export function inCareFanSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const runs = scenarioRuns(data);
  if (runs) {
    return scenarioLinesSpec({
      runs,
      points: (run) => seriesRows(run.rows, 'in_care', 'total').map((r) => ({ date: r.date, value: round(r.mean), low: round(r.p05), high: round(r.p95) })),
      title: 'Children in care in each scenario: mean and range of outcomes',
      subtitle: `Line: mean. Band: 5th to 95th percentile of outcomes. ${replicationsNote(results.replications, results.mode)}.`,
      yTitle: 'Children in care (children)',
      valueTitle: 'Mean (children)',
      format: CHILDREN_FORMAT,
      start: results.start,
      zero: false,
      param: 'hover_fan',
    });
  }
  const rows = seriesRows(runRows(results), 'in_care', 'total');
  if (rows.length === 0) return undefined;
  return fanSpec({
    rows,
    title: 'Children in care: range of outcomes',
    subtitle: `Line: mean. Dark band: 25th to 75th percentile. Light band: 5th to 95th percentile. ${replicationsNote(results.replications, results.mode)}.`,
    yTitle: 'Children in care (children)',
    colour: TOTAL_COLOUR,
    start: results.start,
    param: 'hover_fan',
    format: CHILDREN_FORMAT,
    zero: false,
  });
}

import type { TopLevelSpec } from 'vega-lite';
import { TOTAL_COLOUR } from '../palette.js';
import { seriesRows, runRows, type ReportData } from '../rows.js';
import { fanSpec } from './fan.js';
import { CHILDREN_FORMAT, replicationsNote } from './parts.js';

/** Fan chart of the total number of children in care (children): median, 25-75% and 5-95% bands. */
export function inCareFanSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const rows = seriesRows(runRows(results), 'in_care', 'total');
  if (rows.length === 0) return undefined;
  return fanSpec({
    rows,
    title: 'Children in care: range of outcomes',
    subtitle: `Line: median. Dark band: 25th to 75th percentile. Light band: 5th to 95th percentile. ${replicationsNote(results.replications, results.mode)}.`,
    yTitle: 'Children in care (children)',
    colour: TOTAL_COLOUR,
    start: results.start,
    param: 'hover_fan',
    format: CHILDREN_FORMAT,
    zero: false,
  });
}

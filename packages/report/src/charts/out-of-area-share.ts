import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, FULL_CHART_WIDTH } from '../config.js';
import { TOTAL_COLOUR } from '../palette.js';
import { round, seriesRows, runRows, type ReportData } from '../rows.js';
import { scenarioRuns } from '../scenarios.js';
import { scenarioLinesSpec } from './scenario-lines.js';
import { CHILDREN_FORMAT, dateTooltip, dateX, finish, replicationsNote, SHARE_FORMAT, startMarker } from './parts.js';

/** Share of children in care placed out of area (fraction): mean `out_of_area` total over mean `in_care` total at each month end. */
export function outOfAreaShareSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const runs = scenarioRuns(data);
  if (runs) {
    return scenarioLinesSpec({
      runs,
      points: (run) => {
        const inCare = new Map(seriesRows(run.rows, 'in_care', 'total').map((r) => [r.date, r.mean]));
        return seriesRows(run.rows, 'out_of_area', 'total').flatMap((r) => {
          const total = inCare.get(r.date);
          return total !== undefined && total > 0 ? [{ date: r.date, value: round(r.mean / total, 5) }] : [];
        });
      },
      title: 'Share of children placed out of area in each scenario',
      subtitle: `Mean placed out of area divided by mean in care, at each month end. ${replicationsNote(results.replications, results.mode)}.`,
      yTitle: 'Out of area (% in care)',
      valueTitle: 'Share out of area',
      format: SHARE_FORMAT,
      axisFormat: '.0%',
      start: results.start,
      height: CHART_HEIGHT * 0.7,
      param: 'hover_out_of_area',
    });
  }
  const inCare = new Map(seriesRows(runRows(results), 'in_care', 'total').map((r) => [r.date, r.mean]));
  const values = seriesRows(runRows(results), 'out_of_area', 'total').flatMap((r) => {
    const total = inCare.get(r.date);
    return total !== undefined && total > 0
      ? [{ date: r.date, share: round(r.mean / total, 5), out_of_area: round(r.mean), in_care: round(total) }]
      : [];
  });
  if (values.length === 0) return undefined;
  return finish({
    title: {
      text: 'Share of children placed out of area',
      subtitle: `Mean placed out of area divided by mean in care, at each month end. ${replicationsNote(results.replications, results.mode)}.`,
    },
    width: FULL_CHART_WIDTH,
    height: CHART_HEIGHT * 0.7,
    layer: [
      {
        data: { values },
        mark: { type: 'line', color: TOTAL_COLOUR, strokeWidth: 2, point: { filled: true, size: 18, color: TOTAL_COLOUR } },
        encoding: {
          x: dateX(),
          y: { field: 'share', type: 'quantitative', title: 'Out of area (% in care)', axis: { format: '.0%' }, scale: { zero: true } },
          tooltip: [
            dateTooltip(),
            { field: 'share', type: 'quantitative', title: 'Share out of area', format: SHARE_FORMAT },
            { field: 'out_of_area', type: 'quantitative', title: 'Out of area (children, mean)', format: CHILDREN_FORMAT },
            { field: 'in_care', type: 'quantitative', title: 'In care (children, mean)', format: CHILDREN_FORMAT },
          ],
        },
      },
      ...startMarker(results.start),
    ],
  });
}

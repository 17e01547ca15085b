import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, CHART_WIDTH } from '../config.js';
import { TOTAL_COLOUR } from '../palette.js';
import { metricRows, seriesRows, runRows, type ReportData } from '../rows.js';
import { fanLayers, fanValues, FAN_FIELDS } from './fan.js';
import { CHILDREN_FORMAT, finish, hoverLayer, replicationsNote, startMarker, type Json } from './parts.js';
import { CHILDREN_PER_YEAR, yearBarsLayer } from './year-bars.js';

/**
 * Children placed out of preference per financial year by the category they needed (children per
 * year), above a fan of the children still waiting for it (children).
 */
export function outOfPreferenceSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const panels: Json[] = [];
  const placed = yearBarsLayer({
    rows: metricRows(runRows(results), 'placed_out_of_preference').filter((r) => r.category !== 'total'),
    kind: 'category',
    legendTitle: 'Preferred placement category',
    yTitle: 'Placed (children per year)',
    valueTitle: 'Placed out of preference (children)',
    ...CHILDREN_PER_YEAR,
  });
  if (placed) panels.push({ title: 'Children placed out of preference, by the category they needed', ...placed, height: CHART_HEIGHT * 0.8 });
  const waiting = seriesRows(runRows(results), 'waiting', 'total');
  if (waiting.length > 0) {
    const values = fanValues(waiting);
    panels.push({
      title: 'Children waiting for their preferred placement type (mean, 25-75% and 5-95% bands)',
      width: CHART_WIDTH,
      height: CHART_HEIGHT * 0.7,
      layer: [
        ...fanLayers(values, TOTAL_COLOUR, 'Waiting (children)'),
        ...startMarker(results.start),
        hoverLayer('hover_waiting', values, FAN_FIELDS, CHILDREN_FORMAT),
      ],
    });
  }
  if (panels.length === 0) return undefined;
  return finish({
    title: {
      text: 'Placed out of preference and waiting',
      subtitle: `A child whose preferred placement type is full goes elsewhere and waits for it. ${replicationsNote(results.replications, results.mode)}.`,
    },
    vconcat: panels,
    resolve: { scale: { color: 'independent' } },
  });
}

import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, FULL_CHART_WIDTH } from '../config.js';
import { round, type ReportData } from '../rows.js';
import { scenarioScale, scenarioView } from '../scenarios.js';
import { dateTooltip, dateX, finish, MILLION_FORMAT, startMarker } from './parts.js';

/**
 * Cumulative placement cost avoided against the baseline (GBP million): the running sum of minus the
 * mean monthly cost difference, which is exact for means (percentiles do not add up month by month).
 */
export function costAvoidedSpec(data: ReportData): TopLevelSpec | undefined {
  const view = scenarioView(data, 'cost', 'total');
  const monthly =
    view.deltas.length > 0
      ? view.deltas.flatMap((d) => d.rows.map((r) => ({ name: d.name, date: r.date, mean: r.mean })))
      : view.meanDifferences;
  if (monthly.length === 0) return undefined;
  const names = [...new Set(monthly.map((m) => m.name))];
  const values = names.flatMap((name) => {
    let sum = 0;
    return monthly
      .filter((m) => m.name === name)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((m) => {
        sum -= m.mean;
        return { scenario: name, date: m.date, avoided: round(sum * 1e-6, 4), month: round(-m.mean * 1e-6, 4) };
      });
  });
  return finish({
    title: {
      text: 'Cumulative placement cost avoided against the baseline',
      subtitle: `Running sum of the mean monthly cost difference (baseline minus scenario), GBP million${view.baseline === undefined ? '' : `; baseline: ${view.baseline}`}. Above zero: the scenario costs less.`,
    },
    width: FULL_CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2, point: { size: 16, filled: true } },
        encoding: {
          x: dateX(),
          // Without a format, a scenario equal to its baseline (a zero-width domain) reads "0.000000".
          y: { field: 'avoided', type: 'quantitative', title: 'Avoided so far (GBP million)', axis: { format: ',~f' } },
          color: { field: 'scenario', type: 'nominal', title: 'Scenario', scale: scenarioScale(undefined, names), legend: { labelLimit: 420, orient: 'bottom', direction: 'vertical' } },
          tooltip: [
            dateTooltip(),
            { field: 'scenario', type: 'nominal', title: 'Scenario' },
            { field: 'avoided', type: 'quantitative', title: 'Avoided so far (GBP million)', format: MILLION_FORMAT },
            { field: 'month', type: 'quantitative', title: 'Avoided this month (GBP million)', format: MILLION_FORMAT },
          ],
        },
      },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#000000' }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
      ...startMarker(data.results.start),
    ],
  });
}

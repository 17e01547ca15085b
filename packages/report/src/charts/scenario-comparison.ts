import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT } from '../config.js';
import { round, type ReportData } from '../rows.js';
import { scenarioScale, scenarioView } from '../scenarios.js';
import { fanValues } from './fan.js';
import { CHILDREN_FORMAT, dateTooltip, dateX, finish, startMarker, type Json } from './parts.js';

/** Plot width of each panel: with the two legends at the right (long scenario names) the chart takes the page's 1100 px column. */
const PANEL_WIDTH = 640;

/**
 * Total children in care (children) in each scenario against the baseline (means), above each
 * scenario's difference from the baseline with 25-75% and 5-95% bands taken from the paired `delta` rows.
 */
export function scenarioComparisonSpec(data: ReportData): TopLevelSpec | undefined {
  const view = scenarioView(data, 'in_care', 'total');
  const names = [...view.levels.map((l) => l.name), ...view.deltas.map((d) => d.name)];
  if (view.deltas.length === 0 && view.meanDifferences.length === 0) return undefined;
  const scale = scenarioScale(view.baseline, names);
  const colour = (title: string | null): Json => ({ field: 'scenario', type: 'nominal', title, scale, legend: { labelLimit: 420 } });
  const start = data.results.start;

  const levels = view.levels.flatMap((l) =>
    l.rows.map((r) => ({ scenario: l.name, date: r.date, p50: round(r.p50), mean: round(r.mean) })),
  );
  const top: Json = {
    title: 'Children in care in each scenario (mean)',
    width: PANEL_WIDTH,
    height: CHART_HEIGHT * 0.8,
    layer: [
      {
        data: { values: levels },
        mark: { type: 'line', strokeWidth: 2, point: { size: 16, filled: true } },
        encoding: {
          x: dateX(),
          y: { field: 'mean', type: 'quantitative', title: 'Children in care (children)', scale: { zero: false } },
          color: colour('Scenario'),
          tooltip: [
            dateTooltip(),
            { field: 'scenario', type: 'nominal', title: 'Scenario' },
            { field: 'mean', type: 'quantitative', title: 'Mean (children)', format: CHILDREN_FORMAT },
            { field: 'p50', type: 'quantitative', title: 'Median (children)', format: CHILDREN_FORMAT },
          ],
        },
      },
      ...startMarker(start),
    ],
  };

  // Whole ticks without trailing zeros: with no difference at all (a scenario equal to its baseline)
  // Vega's default format of a zero-width domain reads "0.000000".
  const DIFFERENCE_AXIS = { format: ',~f' };
  const zero = { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#000000' }, encoding: { y: { field: 'zero', type: 'quantitative' } } };
  let bottom: Json;
  if (view.deltas.length > 0) {
    const deltas = view.deltas.flatMap((d) => fanValues(d.rows).map((v) => ({ scenario: d.name, ...v })));
    const data = { values: deltas };
    bottom = {
      title: 'Scenario minus baseline, paired by replication: mean, 25-75% and 5-95% bands of the differences',
      width: PANEL_WIDTH,
      height: CHART_HEIGHT * 0.8,
      layer: [
        { data, mark: { type: 'area', opacity: 0.15 }, encoding: { x: dateX(), y: { field: 'p05', type: 'quantitative', title: 'Difference (children)', axis: DIFFERENCE_AXIS }, y2: { field: 'p95' }, color: colour(null) } },
        { data, mark: { type: 'area', opacity: 0.3 }, encoding: { x: dateX(), y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' }, color: colour(null) } },
        {
          data,
          mark: { type: 'line', strokeWidth: 2, point: { size: 16, filled: true } },
          encoding: {
            x: dateX(),
            y: { field: 'mean', type: 'quantitative' },
            color: colour(null),
            tooltip: [
              dateTooltip(),
              { field: 'scenario', type: 'nominal', title: 'Scenario' },
              { field: 'mean', type: 'quantitative', title: 'Mean difference (children)', format: CHILDREN_FORMAT },
              { field: 'p50', type: 'quantitative', title: 'Median difference (children)', format: CHILDREN_FORMAT },
              { field: 'p25', type: 'quantitative', title: '25th percentile', format: CHILDREN_FORMAT },
              { field: 'p75', type: 'quantitative', title: '75th percentile', format: CHILDREN_FORMAT },
              { field: 'p05', type: 'quantitative', title: '5th percentile', format: CHILDREN_FORMAT },
              { field: 'p95', type: 'quantitative', title: '95th percentile', format: CHILDREN_FORMAT },
            ],
          },
        },
        zero,
      ],
    };
  } else {
    const values = view.meanDifferences.map((d) => ({ scenario: d.name, date: d.date, mean: round(d.mean) }));
    bottom = {
      title: 'Scenario minus baseline: difference of the means (without a range)',
      width: PANEL_WIDTH,
      height: CHART_HEIGHT * 0.8,
      layer: [
        {
          data: { values },
          mark: { type: 'line', strokeWidth: 2, point: { size: 16, filled: true } },
          encoding: {
            x: dateX(),
            y: { field: 'mean', type: 'quantitative', title: 'Difference (children)', axis: DIFFERENCE_AXIS },
            color: colour(null),
            tooltip: [
              dateTooltip(),
              { field: 'scenario', type: 'nominal', title: 'Scenario' },
              { field: 'mean', type: 'quantitative', title: 'Difference of means (children)', format: CHILDREN_FORMAT },
            ],
          },
        },
        zero,
      ],
    };
  }
  return finish({
    title: {
      text: 'Scenarios against the baseline: children in care',
      subtitle: view.baseline === undefined ? 'Differences against the baseline.' : `Baseline: ${view.baseline}.`,
    },
    vconcat: [top, bottom],
  });
}

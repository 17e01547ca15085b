import type { TopLevelSpec } from 'vega-lite';
import { colourScale, sortIds, swatchOf } from '../palette.js';
import { categoriesOf, round, seriesRows, runRows, type ReportData } from '../rows.js';
import { scenarioRuns, scenarioScale, type ScenarioSeries } from '../scenarios.js';
import { CHILDREN_FORMAT, dateTooltip, dateX, finish, replicationsNote } from './parts.js';

const DEMAND = 'Demand: occupied + waiting';
const CAPACITY = 'Capacity';

/**
 * Small multiples, one per capacity-limited category: demand (mean occupied + mean waiting, children)
 * against mean capacity (places), so a reader sees where and when demand runs past supply.
 */
export function sufficiencySpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const runs: readonly ScenarioSeries[] = scenarioRuns(data) ?? [{ name: results.scenario.name, rows: runRows(results) }];
  const comparison = runs.length > 1;
  const categories = sortIds('category', runs.flatMap((run) => categoriesOf(run.rows, 'capacity')).filter((c) => c !== 'total'));
  if (categories.length === 0) return undefined;
  const values = runs.flatMap((run) => categories.flatMap((c) => {
    const label = swatchOf('category', c).label;
    const occupied = new Map(seriesRows(run.rows, 'occupied', c).map((r) => [r.date, r.mean]));
    const waiting = new Map(seriesRows(run.rows, 'waiting', c).map((r) => [r.date, r.mean]));
    // The gap per replication (capacity_gap) with its 5-95% range; absent from older results.
    const gap = new Map(seriesRows(run.rows, 'capacity_gap', c).map((r) => [r.date, r]));
    return seriesRows(run.rows, 'capacity', c).flatMap((r) => {
      const occ = occupied.get(r.date);
      const demand = occ === undefined ? undefined : occ + (waiting.get(r.date) ?? 0);
      const g = gap.get(r.date);
      const base = {
        ...(comparison ? { scenario: run.name } : {}),
        date: r.date,
        label,
        capacity: round(r.mean),
        occupied: round(occ ?? Number.NaN),
        waiting: round(waiting.get(r.date) ?? 0),
        demand: round(demand ?? Number.NaN),
        ...(g === undefined ? {} : { gap: round(g.mean), gapLow: round(g.p05), gapHigh: round(g.p95) }),
      };
      return [
        { ...base, series: CAPACITY, value: base.capacity },
        ...(demand === undefined ? [] : [{ ...base, series: DEMAND, value: base.demand }]),
      ];
    });
  }));
  const withGap = values.some((v) => 'gap' in v);
  const scale = colourScale('category', categories);
  // In a comparison colour tells the scenarios apart; alone it is the category's own colour.
  const colour = comparison
    ? { field: 'scenario', type: 'nominal', title: 'Scenario', scale: scenarioScale(runs[0]!.name, runs.map((r) => r.name)), legend: { labelLimit: 420, orient: 'bottom', direction: 'vertical' } }
    : { field: 'label', type: 'nominal', title: 'Placement category', scale, legend: null };
  return finish({
    title: {
      text: 'Sufficiency: demand against capacity',
      subtitle: [
        `Mean children wanting each capacity-limited placement type (occupied + waiting) against mean places. ${replicationsNote(results.replications, results.mode)}.`,
        'A mean below capacity can hide months when places are full in some runs: children then go elsewhere and wait (see the next chart).',
        ...(withGap ? ['The tooltip gives the gap (places minus demand, taken in each run) with its 5-95% range of outcomes, as the financial-year tables do.'] : []),
        ...(comparison ? [`Every scenario: ${runs.map((r) => r.name).join('; ')}.`] : []),
      ],
    },
    data: { values },
    facet: { field: 'label', type: 'nominal', title: null, sort: scale.domain },
    columns: Math.min(3, categories.length),
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 240,
      height: 170,
      layer: [
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: dateX(),
            y: { field: 'value', type: 'quantitative', title: 'Children or places', scale: { zero: true } },
            color: colour,
            strokeDash: {
              field: 'series',
              type: 'nominal',
              title: 'Series',
              legend: { symbolType: 'stroke', symbolStrokeWidth: 2 },
              scale: { domain: [DEMAND, CAPACITY], range: [[1, 0], [6, 3]] },
            },
          },
        },
        {
          mark: { type: 'point', opacity: 0, size: 40 },
          encoding: {
            x: dateX(),
            y: { field: 'value', type: 'quantitative' },
            tooltip: [
              dateTooltip(),
              ...(comparison ? [{ field: 'scenario', type: 'nominal', title: 'Scenario' }] : []),
              { field: 'label', type: 'nominal', title: 'Placement category' },
              { field: 'capacity', type: 'quantitative', title: 'Capacity (places)', format: CHILDREN_FORMAT },
              { field: 'occupied', type: 'quantitative', title: 'Occupied (children)', format: CHILDREN_FORMAT },
              { field: 'waiting', type: 'quantitative', title: 'Waiting (children)', format: CHILDREN_FORMAT },
              { field: 'demand', type: 'quantitative', title: 'Demand (children)', format: CHILDREN_FORMAT },
              ...(withGap
                ? [
                    { field: 'gap', type: 'quantitative', title: 'Gap, places minus demand (mean)', format: '+,.1f' },
                    { field: 'gapLow', type: 'quantitative', title: 'Gap, 5th percentile of runs', format: '+,.1f' },
                    { field: 'gapHigh', type: 'quantitative', title: 'Gap, 95th percentile of runs', format: '+,.1f' },
                  ]
                : []),
            ],
          },
        },
      ],
    },
  });
}

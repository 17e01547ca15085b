import type { TopLevelSpec } from 'vega-lite';
import { colourScale, sortIds, swatchOf } from '../palette.js';
import { categoriesOf, round, seriesRows, runRows, type ReportData } from '../rows.js';
import { scenarioRuns, scenarioScale, type ScenarioSeries } from '../scenarios.js';
import { CHILDREN_FORMAT, dateTooltip, dateX, finish, replicationsNote, type Json } from './parts.js';

const DEMAND = 'Demand: occupied + waiting';
const CAPACITY = 'Capacity';
/** In a comparison the baseline's lines are drawn wide and half-transparent under the scenarios' (px), so they show where the lines coincide. */
const BASELINE_STROKE_WIDTH = 6;
const BASELINE_OPACITY = 0.4;
const LINE_STROKE_WIDTH = 2;

/**
 * Small multiples, one per capacity-limited category: demand (mean occupied + mean waiting, children)
 * against mean capacity (places), so a reader sees where and when demand runs past supply. In a
 * comparison the baseline's lines lie wide and pale under the scenarios' (a scenario with the baseline's
 * capacity would otherwise hide it).
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
    ? { field: 'scenario', type: 'nominal', title: 'Scenario', scale: scenarioScale(runs[0]!.name, runs.map((r) => r.name)), legend: { labelLimit: 420, orient: 'bottom', direction: 'vertical', symbolOpacity: 1 } }
    : { field: 'label', type: 'nominal', title: 'Placement category', scale, legend: null };
  return finish({
    title: {
      text: 'Sufficiency: demand against capacity',
      subtitle: [
        `Mean children wanting each capacity-limited placement type (occupied + waiting) against mean places. ${replicationsNote(results.replications, results.mode)}.`,
        'A mean below capacity can hide months when places are full in some runs: children then go elsewhere and wait (see the next chart).',
        ...(withGap ? ['The tooltip gives the gap (places minus demand, taken in each run) with its 5-95% range of outcomes, as the financial-year tables do.'] : []),
        ...(comparison ? [`Every scenario: ${runs.map((r) => r.name).join('; ')}. The baseline is the wide pale line under the others, so it shows where they coincide.`] : []),
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
        // The baseline first, wide and pale; then the scenarios' lines over it.
        ...(comparison
          ? [
              lineLayer(colour, { strokeWidth: BASELINE_STROKE_WIDTH, opacity: BASELINE_OPACITY }, { field: 'scenario', equal: runs[0]!.name }),
              lineLayer(colour, { strokeWidth: LINE_STROKE_WIDTH }, { not: { field: 'scenario', equal: runs[0]!.name } }),
            ]
          : [lineLayer(colour, { strokeWidth: LINE_STROKE_WIDTH })]),
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

/** The demand and capacity lines (capacity dashed) of the rows `filter` keeps (all without one), in `mark`'s width and opacity. */
function lineLayer(colour: Json, mark: { strokeWidth: number; opacity?: number }, filter?: Json): Json {
  return {
    ...(filter === undefined ? {} : { transform: [{ filter }] }),
    mark: { type: 'line', ...mark },
    encoding: {
      x: dateX(),
      y: { field: 'value', type: 'quantitative', title: 'Children or places', scale: { zero: true } },
      color: colour,
      strokeDash: {
        field: 'series',
        type: 'nominal',
        title: 'Series',
        // The legend's strokes at full opacity, not the baseline's pale one.
        legend: { symbolType: 'stroke', symbolStrokeWidth: LINE_STROKE_WIDTH, ...(mark.opacity === undefined && filter === undefined ? {} : { symbolOpacity: 1 }) },
        scale: { domain: [DEMAND, CAPACITY], range: [[1, 0], [6, 3]] },
      },
    },
  };
}

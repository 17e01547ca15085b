import type { TopLevelSpec } from 'vega-lite';
import { colourScale, sortIds, swatchOf } from '../palette.js';
import { categoriesOf, round, seriesRows, runRows, type ReportData } from '../rows.js';
import { CHILDREN_FORMAT, dateTooltip, dateX, finish, replicationsNote } from './parts.js';

const DEMAND = 'Demand: occupied + waiting';
const CAPACITY = 'Capacity';

/**
 * Small multiples, one per capacity-limited category: demand (mean occupied + mean waiting, children)
 * against mean capacity (places), so a reader sees where and when demand runs past supply.
 */
export function sufficiencySpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const categories = sortIds('category', categoriesOf(runRows(results), 'capacity').filter((c) => c !== 'total'));
  if (categories.length === 0) return undefined;
  const values = categories.flatMap((c) => {
    const label = swatchOf('category', c).label;
    const occupied = new Map(seriesRows(runRows(results), 'occupied', c).map((r) => [r.date, r.mean]));
    const waiting = new Map(seriesRows(runRows(results), 'waiting', c).map((r) => [r.date, r.mean]));
    return seriesRows(runRows(results), 'capacity', c).flatMap((r) => {
      const occ = occupied.get(r.date);
      const demand = occ === undefined ? undefined : occ + (waiting.get(r.date) ?? 0);
      const base = { date: r.date, label, capacity: round(r.mean), occupied: round(occ ?? Number.NaN), waiting: round(waiting.get(r.date) ?? 0), demand: round(demand ?? Number.NaN) };
      return [
        { ...base, series: CAPACITY, value: base.capacity },
        ...(demand === undefined ? [] : [{ ...base, series: DEMAND, value: base.demand }]),
      ];
    });
  });
  const scale = colourScale('category', categories);
  return finish({
    title: {
      text: 'Sufficiency: demand against capacity',
      subtitle: `Mean children wanting each capacity-limited placement type (occupied + waiting) against mean places. ${replicationsNote(results.replications, results.mode)}.`,
    },
    data: { values },
    facet: { field: 'label', type: 'nominal', title: null, sort: scale.domain },
    columns: 2,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 300,
      height: 170,
      layer: [
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x: dateX(),
            y: { field: 'value', type: 'quantitative', title: 'Children or places', scale: { zero: true } },
            color: { field: 'label', type: 'nominal', title: 'Placement category', scale, legend: null },
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
              { field: 'label', type: 'nominal', title: 'Placement category' },
              { field: 'capacity', type: 'quantitative', title: 'Capacity (places)', format: CHILDREN_FORMAT },
              { field: 'occupied', type: 'quantitative', title: 'Occupied (children)', format: CHILDREN_FORMAT },
              { field: 'waiting', type: 'quantitative', title: 'Waiting (children)', format: CHILDREN_FORMAT },
              { field: 'demand', type: 'quantitative', title: 'Demand (children)', format: CHILDREN_FORMAT },
            ],
          },
        },
      ],
    },
  });
}

import { ACCOMMODATIONS } from '@carecast/engine';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, CHART_WIDTH } from '../config.js';
import { metricRows, round, runRows, type ReportData } from '../rows.js';
import { CHILDREN_FORMAT, dateX, finish, hoverLayer, replicationsNote, startMarker, widen } from './parts.js';

// Care leavers by accommodation (`care_leavers`): a stacked area of their own, with colours of their own
// (staying put in the foster blues and greens of the placement chart, supported states in yellows,
// independent and family in greens, custody and other in greys: Paul Tol's muted scheme).

/** Accommodation states: the words a reader sees and a colour each. */
export const ACCOMMODATION_SWATCHES: readonly { id: string; label: string; colour: string }[] = [
  { id: 'staying_put_inhouse', label: 'Staying put (in-house carer)', colour: '#44AA99' },
  { id: 'staying_put_ifa', label: 'Staying put (IFA carer)', colour: '#88CCEE' },
  { id: 'supported_lodgings', label: 'Supported lodgings', colour: '#DDCC77' },
  { id: 'supported_accommodation', label: 'Supported accommodation', colour: '#999933' },
  { id: 'independent', label: 'Independent tenancy', colour: '#117733' },
  { id: 'parents_or_relatives', label: 'With parents or relatives', colour: '#AA4499' },
  { id: 'custody', label: 'Custody', colour: '#332288' },
  { id: 'other', label: 'Other or not known', colour: '#BBBBBB' },
];

/** Stacked area of the mean number of care leavers (young people) by accommodation, with the start marked; undefined without care leavers. */
export function careLeaversSpec(data: ReportData): TopLevelSpec | undefined {
  const { results } = data;
  const all = metricRows(runRows(results), 'care_leavers');
  const rows = all.filter((r) => r.category !== 'total');
  if (rows.length === 0) return undefined;
  const swatch = (id: string) => ACCOMMODATION_SWATCHES.find((s) => s.id === id) ?? { id, label: id, colour: '#7F7F7F' };
  const ids = ACCOMMODATIONS.filter((a) => rows.some((r) => r.category === a));
  const values = rows.map((r) => ({ date: r.date, label: swatch(r.category).label, order: ids.indexOf(r.category as (typeof ids)[number]), people: round(r.mean) }));
  const keys = [...ids, 'total'];
  const wide = widen(
    all.map((r) => ({ date: r.date, key: r.category, value: round(r.mean) })),
    keys,
  );
  const fields = keys.map((k, i) => ({ field: `s${i}`, title: k === 'total' ? 'Total' : swatch(k).label }));
  return finish({
    title: {
      text: 'Care leavers by accommodation',
      subtitle: `Mean number of care leavers (18 to the end age) at each month end by where they live, stacked. ${replicationsNote(results.replications, results.mode)}.`,
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'area', opacity: 0.9 },
        encoding: {
          x: dateX(),
          y: { field: 'people', type: 'quantitative', stack: 'zero', title: 'Care leavers (young people)' },
          color: {
            field: 'label',
            type: 'nominal',
            title: 'Accommodation',
            scale: { domain: ids.map((i) => swatch(i).label), range: ids.map((i) => swatch(i).colour) },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      ...startMarker(results.start),
      hoverLayer('hover_care_leavers', wide, fields, CHILDREN_FORMAT),
    ],
  });
}

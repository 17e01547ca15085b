import type { TopLevelSpec } from 'vega-lite';
import { byLeverOf, type LeverAttribution, type LeverMeasure } from '../by-lever/attribution.js';
import { LEVER_COST, round, type ReportData } from '../rows.js';
import { formatDate, formatNumber, formatSigned } from '../render/format.js';
import { finish, type Json } from './parts.js';

/** Colours of the waterfall: Okabe-Ito blue for fewer children or money saved, vermillion for more or spent, the whole in the baseline grey. */
const KIND_SCALE = { domain: ['Fewer children or money saved', 'More children or money spent', 'Whole scenario'], range: ['#0072B2', '#D55E00', '#333333'] };
const PANEL_WIDTH = 430;
const PANEL_HEIGHT = 260;

interface Bar {
  readonly step: string;
  readonly from: number;
  readonly to: number;
  readonly total?: boolean;
  /** Positive is good (fewer children, money saved). */
  readonly good: boolean;
}

const horizonMeasure = (a: LeverAttribution, metric: string): LeverMeasure | undefined =>
  a.measures.find((m) => m.metric === metric && m.category === 'total' && m.period === 'horizon');

/** The children panel: from the baseline's count (0 on the axis), each lever's change, then the whole. */
function childrenBars(a: LeverAttribution, m: LeverMeasure): Bar[] {
  let at = 0;
  const bars: Bar[] = a.steps.map((s, k) => {
    const from = at;
    at += m.steps[k]!;
    return { step: s.label, from, to: at, good: m.steps[k]! <= 0 };
  });
  bars.push({ step: 'Whole scenario', from: 0, to: m.difference, total: true, good: m.difference <= 0 });
  return bars;
}

/** The money panel: each lever's placement spend saved and, when priced, its lever cost, then the (net) saving. */
function savingBars(a: LeverAttribution, cost: LeverMeasure, levers: LeverMeasure | undefined): Bar[] {
  let at = 0;
  const bars: Bar[] = [];
  a.steps.forEach((s, k) => {
    const saved = -cost.steps[k]! / 1e6;
    bars.push({ step: levers ? `${s.label}: spend saved` : s.label, from: at, to: (at += saved), good: saved >= 0 });
    if (levers) {
      const spent = levers.steps[k]! / 1e6;
      bars.push({ step: `${s.label}: lever costs`, from: at, to: (at -= spent), good: spent <= 0 });
    }
  });
  const whole = -(cost.difference + (levers?.difference ?? 0)) / 1e6;
  bars.push({ step: levers ? 'Net saving' : 'Whole scenario', from: 0, to: whole, total: true, good: whole >= 0 });
  return bars;
}

/**
 * What a bar adds as its label shows it: the levels it joins (`offset + sign × position`, e.g. the
 * baseline's count plus the change so far) rounded first, as the by-lever table does, so labels agree
 * with the table and add up to the whole.
 */
function shownChange(b: Bar, digits: number, offset: number, sign: number): string {
  const f = 10 ** digits;
  const at = (x: number) => Math.round((offset + sign * x) * f);
  return formatSigned((sign * (at(b.to) - at(b.total ? 0 : b.from))) / f, digits);
}

function panel(title: string, subtitle: string, axis: string, format: string, digits: number, scenario: string, what: string, bars: readonly Bar[], offset: number, sign: number): Json {
  const values = bars.map((b, order) => ({
    scenario,
    panel: what,
    step: b.step,
    order,
    from: round(b.from, 4),
    to: round(b.to, 4),
    value: round(b.to - b.from, 4),
    label: shownChange(b, digits, offset, sign),
    kind: b.total ? KIND_SCALE.domain[2] : b.good ? KIND_SCALE.domain[0] : KIND_SCALE.domain[1],
  }));
  const x = { field: 'step', type: 'nominal', title: null, sort: { field: 'order' }, axis: { labelAngle: -25, labelLimit: 190 } };
  return {
    title: { text: title, subtitle },
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x,
          y: { field: 'from', type: 'quantitative', title: axis },
          y2: { field: 'to' },
          color: { field: 'kind', type: 'nominal', title: null, scale: KIND_SCALE, legend: { orient: 'bottom', direction: 'horizontal' } },
          tooltip: [
            { field: 'step', type: 'nominal', title: 'Step' },
            { field: 'value', type: 'quantitative', title: 'Adds', format },
            { field: 'to', type: 'quantitative', title: 'Running total', format },
          ],
        },
      },
      {
        mark: { type: 'text', dy: -7, fontSize: 11, color: '#000000' },
        encoding: { x, y: { field: 'top', type: 'quantitative' }, text: { field: 'label' } },
        transform: [{ calculate: 'max(datum.from, datum.to)', as: 'top' }],
      },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#000000' }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
    ],
  };
}

/** Waterfall panels of one scenario split by lever: children in care at the horizon, and money saved over it. */
function scenarioPanels(a: LeverAttribution): Json[] {
  const stocks = a.measures.filter((m) => m.metric === 'in_care' && m.category === 'total');
  const last = stocks[stocks.length - 1];
  const cost = horizonMeasure(a, 'cost');
  const levers = horizonMeasure(a, LEVER_COST);
  const panels: Json[] = [];
  if (last) {
    panels.push(
      panel(
        `${a.scenario}: children in care on ${formatDate(last.date ?? '')}, by lever`,
        `Change from ${a.baseline} (${formatNumber(last.baseline)} children), levers added in file order`,
        'Change from the baseline (children)',
        ',.1f',
        1,
        a.scenario,
        `children in care on ${formatDate(last.date ?? '')}, change from ${formatNumber(last.baseline)} in ${a.baseline}`,
        childrenBars(a, last),
        last.baseline,
        1,
      ),
    );
  }
  if (cost) {
    panels.push(
      panel(
        `${a.scenario}: ${levers ? 'net saving' : 'placement spend saved'} over the horizon, by lever`,
        `Against ${a.baseline}, GBP million, cash prices${levers ? '; each lever\'s spend saved, then its own cost' : ''}`,
        'Saved so far (GBP million)',
        ',.2f',
        2,
        a.scenario,
        `${levers ? 'net saving' : 'placement spend saved'} over the horizon against ${a.baseline}, GBP million`,
        savingBars(a, cost, levers),
        (cost.baseline + (levers?.baseline ?? 0)) / 1e6,
        -1,
      ),
    );
  }
  return panels;
}

/**
 * Waterfalls of what each lever adds, one row per scenario split by lever (`byLever` in the results):
 * the change in children in care at the horizon and the money saved over it, with lever costs and the
 * net saving when the results price the levers. Undefined without a by-lever split.
 */
export function byLeverSpec(data: ReportData): TopLevelSpec | undefined {
  const splits = byLeverOf(data.results);
  const rows = splits.map((a) => ({ hconcat: scenarioPanels(a) })).filter((r) => r.hconcat.length > 0);
  if (rows.length === 0) return undefined;
  return finish({
    title: { text: 'What each lever adds', subtitle: `Levers added one at a time in their file order, on common random numbers; scenarios: ${splits.map((a) => a.scenario).join('; ')}` },
    vconcat: rows,
    resolve: { scale: { color: 'shared' } },
  });
}

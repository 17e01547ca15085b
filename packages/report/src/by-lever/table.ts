import { LEVER_COST } from '../rows.js';
import { formatNumber, formatSigned } from '../render/format.js';
import { textTable } from '../render/text-table.js';
import { measureLabel, type LeverAttribution, type LeverMeasure } from './attribution.js';

/** A line of the by-lever table, as text: the baseline's level, what each step adds, the scenario's level and the difference. */
export interface ByLeverLine {
  readonly label: string;
  readonly unit: 'children' | 'GBP million';
  /** Empty for a line that is a change only (the net saving). */
  readonly baseline: string;
  readonly steps: readonly string[];
  readonly scenario: string;
  readonly difference: string;
}

/** Display units: children to one decimal, GBP (given in pounds) as millions to two decimals. */
const DISPLAY = { children: { per: 10, digits: 1, unit: 'children' }, GBP: { per: 1e-4, digits: 2, unit: 'GBP million' } } as const;

/**
 * Rounds the levels (baseline, after each step, scenario) to what is shown and differences those, so the
 * shown steps add up to the shown difference exactly, as the stored ones do in their finer units.
 */
function shown(unit: 'children' | 'GBP', baseline: number, steps: readonly number[]): { levels: number[]; steps: number[] } {
  const d = DISPLAY[unit];
  const levels = [baseline];
  for (const s of steps) levels.push(levels[levels.length - 1]! + s);
  const units = levels.map((x) => Math.round(x * d.per));
  const toShown = (u: number) => (unit === 'GBP' ? u / 100 : u / 10);
  return { levels: units.map(toShown), steps: units.slice(1).map((u, k) => toShown(u - units[k]!)) };
}

function line(label: string, unit: 'children' | 'GBP', baseline: number, steps: readonly number[]): ByLeverLine {
  const d = DISPLAY[unit];
  const s = shown(unit, baseline, steps);
  const last = s.levels[s.levels.length - 1]!;
  return {
    label,
    unit: d.unit,
    baseline: formatNumber(s.levels[0]!, d.digits),
    steps: s.steps.map((x) => formatSigned(x, d.digits)),
    scenario: formatNumber(last, d.digits),
    difference: formatSigned(last - s.levels[0]!, d.digits),
  };
}

/**
 * The by-lever table of a scenario: one line per measure, and when the levers are priced, spend
 * including lever costs and the net saving (placement spend saved less lever costs) per step.
 */
export function byLeverLines(a: LeverAttribution, options: { horizonOnly?: boolean } = {}): ByLeverLine[] {
  const out: ByLeverLine[] = [];
  const find = (metric: string, period: string) => a.measures.find((m) => m.metric === metric && m.category === 'total' && m.period === period);
  const lastDate = a.measures.filter((m) => m.kind === 'stock').map((m) => m.date ?? '').sort().at(-1);
  const shownHere = (m: LeverMeasure) => !options.horizonOnly || m.period === 'horizon' || (m.kind === 'stock' && m.date === lastDate);
  for (const m of a.measures.filter(shownHere)) {
    out.push(line(measureLabel(m), m.unit, m.baseline, m.steps));
    if (m.metric !== LEVER_COST) continue;
    const cost = find('cost', m.period);
    if (!cost) continue;
    const both = (x: LeverMeasure, y: LeverMeasure, k: number) => x.steps[k]! + y.steps[k]!;
    const steps = m.steps.map((_, k) => both(cost, m, k));
    const when = m.period === 'horizon' ? 'over the horizon' : `in ${m.period}`;
    const spend = line(`Spend including lever costs ${when}`, 'GBP', cost.baseline + m.baseline, steps);
    // The net saving is the fall in that spend: the same rounded figures, sign turned.
    const neg = (x: string) => (x.startsWith('+') ? `-${x.slice(1)}` : x.startsWith('-') ? `+${x.slice(1)}` : x);
    out.push(spend, { label: `Net saving ${when} (spend saved less lever costs)`, unit: spend.unit, baseline: '', steps: spend.steps.map(neg), scenario: '', difference: neg(spend.difference) });
  }
  return out;
}

/** The by-lever table for a terminal: the figures at the horizon (the last year end, and sums over the run). */
export function byLeverText(a: LeverAttribution): string {
  const lines = byLeverLines(a, { horizonOnly: true });
  const header = ['', a.baseline, ...a.steps.map((s) => `+ ${s.label}`), a.scenario, 'difference'];
  const body = lines.map((l) => [`${l.label} (${l.unit})`, l.baseline, ...l.steps, l.scenario, l.difference]);
  return `${a.scenario}: what each lever adds against ${a.baseline} (levers added in file order)\n${textTable(header, body)}`;
}

/** What the by-lever table's figures mean, in words. */
export const BY_LEVER_NOTES = [
  "Each lever's figure is what it adds to the levers before it: the scenario with its first k levers minus the scenario with its first k − 1, every run on common random numbers (the same seed and replications as the comparison). Levers interact, so a lever's figure depends on its place in the order; the order is the scenario file's.",
  'Figures are means over the replications. The levels are rounded before they are differenced, so the steps add up exactly to the difference shown.',
];

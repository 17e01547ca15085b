import type { Metric, Results, SeriesRow } from '@carecast/engine';
import { swatchOf } from '../palette.js';
import { financialYear, LEVER_COST, metricRows } from '../rows.js';
import { formatDate } from '../render/format.js';

/** One step of a by-lever split: a lever added to those before it (or the scenario file's other changes). */
export interface LeverStep {
  /** The lever's label (`label:` in the scenario file), else `Lever N (kind)`. */
  readonly label: string;
  /** The lever in words. */
  readonly lever: string;
}

/**
 * One figure split by lever. Levels are rounded before they are differenced (children to 0.01, GBP to
 * £1), so `baseline + Σ steps = scenario` and `Σ steps = difference` hold exactly in those units.
 */
export interface LeverMeasure {
  readonly metric: Metric;
  /** `total` or a placement category (`lever_cost`: `total`). */
  readonly category: string;
  /** `stock`: counted on `date`; `flow`: summed over the month ends `from` to `to`. */
  readonly kind: 'stock' | 'flow';
  readonly unit: 'children' | 'GBP';
  /** The financial year (`2025-26`) or `horizon` (every month of the run). */
  readonly period: string;
  readonly date?: string;
  readonly from?: string;
  readonly to?: string;
  /** The baseline's mean. */
  readonly baseline: number;
  /** What each step adds to the mean, in step order. */
  readonly steps: readonly number[];
  /** The whole scenario's mean. */
  readonly scenario: number;
  /** scenario − baseline: the sum of the steps. */
  readonly difference: number;
}

/** A compared scenario's difference from the baseline, split by its levers added one at a time in file order (results.json `byLever`). */
export interface LeverAttribution {
  readonly scenario: string;
  readonly baseline: string;
  readonly steps: readonly LeverStep[];
  readonly measures: readonly LeverMeasure[];
}

/** A step's run: the summary rows of the scenario with its levers up to and including this one. */
export interface LeverStepRun extends LeverStep {
  readonly rows: readonly SeriesRow[];
}

/** What `leverAttribution` splits: the baseline's rows and each cumulative run's, the last being the whole scenario. */
export interface LeverAttributionInput {
  readonly scenario: string;
  readonly baseline: string;
  readonly baselineRows: readonly SeriesRow[];
  readonly steps: readonly LeverStepRun[];
}

/** Integer units a measure is rounded to: hundredths of a child, whole pounds. */
export const ATTRIBUTION_SCALE = { children: 100, GBP: 1 } as const;

/** Placement categories whose children the split counts at the horizon (IFA and residential). */
const CATEGORIES_AT_END = ['ifa_foster', 'inhouse_residential', 'external_residential'] as const;

interface MeasureSpec {
  readonly metric: Metric;
  readonly category: string;
  readonly kind: 'stock' | 'flow';
  readonly unit: 'children' | 'GBP';
  readonly period: string;
  /** Stock: the date; flow: the month ends summed. */
  readonly dates: readonly string[];
}

const valueOf = (rows: readonly SeriesRow[], m: MeasureSpec): number => {
  const wanted = new Set(m.dates);
  // A series a run lacks is zero in it (as the engine pairs runs): no children, no lever cost.
  return metricRows(rows, m.metric)
    .filter((r) => r.category === m.category && wanted.has(r.date))
    .reduce((a, r) => a + r.mean, 0);
};

/** Splits each measure's difference into steps: rounded levels, differenced, so the steps add up exactly. */
function split(spec: MeasureSpec, levels: readonly number[]): LeverMeasure {
  const scale = ATTRIBUTION_SCALE[spec.unit];
  // `|| 0` turns -0 into 0, so JSON never shows "-0".
  const units = levels.map((x) => Math.round(x * scale) || 0);
  const at = (k: number) => units[k]! / scale;
  const steps = units.slice(1).map((u, k) => (u - units[k]!) / scale);
  const where = spec.kind === 'stock' ? { date: spec.dates[0]! } : { from: spec.dates[0]!, to: spec.dates[spec.dates.length - 1]! };
  return {
    metric: spec.metric,
    category: spec.category,
    kind: spec.kind,
    unit: spec.unit,
    period: spec.period,
    ...where,
    baseline: at(0),
    steps,
    scenario: at(units.length - 1),
    difference: (units[units.length - 1]! - units[0]!) / scale,
  };
}

/** The measures split: children in care at each financial year end, IFA and residential at the horizon, placements out of preference, spend and lever costs per year and over the horizon. */
function measureSpecs(all: readonly (readonly SeriesRow[])[]): MeasureSpec[] {
  const base = all[0]!;
  const months = [...new Set(metricRows(base, 'cost').map((r) => r.date))].sort();
  const years = new Map<string, string[]>();
  for (const d of months) years.set(financialYear(d), [...(years.get(financialYear(d)) ?? []), d]);
  const ends = [...years.values()].map((ds) => ds[ds.length - 1]!);
  const has = (metric: Metric, category: string) => all.some((rows) => rows.some((r) => r.metric === metric && r.category === category));
  const out: MeasureSpec[] = [];
  for (const [fy, ds] of years) out.push({ metric: 'in_care', category: 'total', kind: 'stock', unit: 'children', period: fy, dates: [ds[ds.length - 1]!] });
  const end = ends[ends.length - 1];
  if (end !== undefined) {
    for (const c of CATEGORIES_AT_END) {
      if (has('in_care', c)) out.push({ metric: 'in_care', category: c, kind: 'stock', unit: 'children', period: financialYear(end), dates: [end] });
    }
  }
  if (has('placed_out_of_preference', 'total')) out.push({ metric: 'placed_out_of_preference', category: 'total', kind: 'flow', unit: 'children', period: 'horizon', dates: months });
  const money = (metric: Metric) => {
    for (const [fy, ds] of years) out.push({ metric, category: 'total', kind: 'flow', unit: 'GBP', period: fy, dates: ds });
    out.push({ metric, category: 'total', kind: 'flow', unit: 'GBP', period: 'horizon', dates: months });
  };
  if (has('cost', 'total')) money('cost');
  if (has(LEVER_COST, 'total')) money(LEVER_COST);
  return months.length === 0 ? [] : out;
}

/**
 * A scenario's difference from the baseline split by lever: the baseline, then the scenario with its
 * first lever, its first two, … up to all of them (every run on common random numbers), each step
 * being what that lever adds to those before it. The order matters (levers interact), and is the file's.
 */
export function leverAttribution(input: LeverAttributionInput): LeverAttribution {
  if (input.steps.length === 0) throw new RangeError(`leverAttribution: "${input.scenario}" has no steps to split`);
  const all = [input.baselineRows, ...input.steps.map((s) => s.rows)];
  return {
    scenario: input.scenario,
    baseline: input.baseline,
    steps: input.steps.map(({ label, lever }) => ({ label, lever })),
    measures: measureSpecs(all).map((m) => split(m, all.map((rows) => valueOf(rows, m)))),
  };
}

/** A measure in words: `Children in care on 31 Mar 2030`, `Placement spend in 2026-27`, `Lever costs over the horizon`. */
export function measureLabel(m: Pick<LeverMeasure, 'metric' | 'category' | 'period' | 'date'>): string {
  const when = m.period === 'horizon' ? 'over the horizon' : `in ${m.period}`;
  if (m.metric === 'in_care') {
    const date = formatDate(m.date ?? '');
    return m.category === 'total' ? `Children in care on ${date}` : `${swatchOf('category', m.category).label}: children on ${date}`;
  }
  if (m.metric === 'placed_out_of_preference') return `Children placed out of preference ${when}`;
  if (m.metric === 'cost') return `Placement spend ${when}`;
  if (m.metric === LEVER_COST) return `Lever costs ${when}`;
  return `${m.metric} ${m.category} ${when}`;
}

/** The by-lever splits a results document carries (`byLever`, written by `carecast compare --by-lever`); empty when none. */
export function byLeverOf(results: Results): readonly LeverAttribution[] {
  const v = (results as Results & { byLever?: readonly LeverAttribution[] }).byLever;
  return Array.isArray(v) ? v : [];
}

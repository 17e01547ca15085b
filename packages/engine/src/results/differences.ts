import type { SimulationRun } from '../montecarlo/types.js';
import { summarise, summariseDifference } from './summarise.js';
import type { SeriesRow } from './types.js';

/** A scenario's difference against the baseline on one headline measure, with the 95% interval of the mean difference. */
export interface HeadlineDifference {
  scenario: string;
  measure: string;
  /** The last month end: the stock on it, or the end of the horizon a flow is summed to. */
  date: string;
  /** Baseline mean (children, or GBP for cost). */
  baseline: number;
  /** Scenario mean, same unit. */
  value: number;
  /** Mean paired difference, scenario minus baseline. */
  delta: number;
  /** Student-t 95% interval of the mean paired difference: its precision, not the range of outcomes. */
  ci95_low: number;
  ci95_high: number;
}

/** Running totals per replication of flow series, so the last date holds the total over the horizon. */
function cumulative(run: SimulationRun, keys: readonly string[]): SimulationRun {
  const values = new Map<string, Float64Array[]>();
  for (const key of keys) {
    const reps = run.values.get(key) ?? Array.from({ length: run.replications }, () => new Float64Array(run.dates.length));
    values.set(
      key,
      reps.map((series) => {
        const acc = new Float64Array(series.length);
        let sum = 0;
        for (let i = 0; i < series.length; i++) acc[i] = sum += series[i]!;
        return acc;
      }),
    );
  }
  return { ...run, keys: [...keys], values };
}

const STOCKS = [
  ['in_care|total', 'In care at end'],
  ['out_of_area|total', 'Out of area at end'],
] as const;
const FLOWS = [
  ['cost|total', 'Cost over the horizon (£)'],
  ['placed_out_of_preference|total', 'Placed out of preference over the horizon'],
] as const;

function last(rows: readonly SeriesRow[], key: string): SeriesRow | undefined {
  const [metric, category] = key.split('|');
  let found: SeriesRow | undefined;
  for (const r of rows) if (r.metric === metric && r.category === category) found = r;
  return found;
}

/**
 * Headline differences scenario − baseline (stock at the end; cost in GBP and placements out of
 * preference summed over the horizon), each paired by replication with its Student-t 95% interval.
 */
export function headlineDifferences(baseline: SimulationRun, scenario: SimulationRun, name: string): HeadlineDifference[] {
  const out: HeadlineDifference[] = [];
  const push = (measure: string, key: string, b: readonly SeriesRow[], s: readonly SeriesRow[], d: readonly SeriesRow[]) => {
    const rb = last(b, key);
    const rs = last(s, key);
    const rd = last(d, key);
    if (rb === undefined || rs === undefined || rd === undefined) return;
    out.push({ scenario: name, measure, date: rd.date, baseline: rb.mean, value: rs.mean, delta: rd.mean, ci95_low: rd.ci95_low, ci95_high: rd.ci95_high });
  };
  const b = summarise(baseline);
  const s = summarise(scenario);
  const d = summariseDifference(baseline, scenario, name);
  for (const [key, measure] of STOCKS) push(measure, key, b, s, d);
  const flowKeys = FLOWS.map(([k]) => k);
  const cb = cumulative(baseline, flowKeys);
  const cs = cumulative(scenario, flowKeys);
  const [cbRows, csRows, cdRows] = [summarise(cb), summarise(cs), summariseDifference(cb, cs, name)];
  for (const [key, measure] of FLOWS) push(measure, key, cbRows, csRows, cdRows);
  return out;
}

import { AGE_BANDS, EXIT_REASONS, FLOW_METRICS, PLACEMENT_CATEGORIES, STOCK_METRICS, type SeriesRow, type SimulationRun } from '@carecast/engine';
import { didYouMean } from '../did-you-mean.js';

/**
 * An outcome measure a question asks about, read from a run's results at one date:
 * - a stock metric's category on the date (`in_care[ifa_foster]`: children),
 * - a flow metric summed over the 12 months (`per year`) or the one month (`per month`) ending on it
 *   (`placed_out_of_preference[total] per year`: children; `cost[total] per year`: GBP, cash prices),
 * - `out_of_area_share`: `out_of_area[total] / in_care[total]` on the date (a share, 0 to 1),
 * - `net_cost per year` (or `per month`): `cost[total]` plus `lever_cost[total]` where the results hold it (GBP).
 */
export interface Measure {
  /** As the user wrote it, normalised (`in_care[ifa_foster]`, `cost[total] per year`). */
  text: string;
  kind: 'stock' | 'flow' | 'share';
  /** The results keys (`metric|category`) summed for the measure; for a share, the numerator's. */
  keys: readonly string[];
  /** A share's denominator key. */
  denominator?: string;
  /** Months summed for a flow: 12 (`per year`) or 1 (`per month`); 0 for a stock or share. */
  months: number;
  /** What a value of it counts: `children`, `GBP`, `share`, `places`, `households`, `moves`. */
  unit: 'children' | 'GBP' | 'share' | 'places' | 'households' | 'moves';
}

const EXTRA_FLOWS = ['lever_cost'] as const;
const FLOWS: readonly string[] = [...FLOW_METRICS, ...EXTRA_FLOWS.filter((m) => !(FLOW_METRICS as readonly string[]).includes(m))];
const STOCKS: readonly string[] = STOCK_METRICS;
const DERIVED = ['out_of_area_share', 'net_cost'] as const;
/** Every measure name a question may use (metric names of results.json and the derived ones). */
export const MEASURE_NAMES: readonly string[] = [...STOCKS, ...FLOWS, ...DERIVED];

const CATEGORIES: readonly string[] = [...PLACEMENT_CATEGORIES, ...EXIT_REASONS, ...AGE_BANDS, 'total'];

function unitOf(metric: string): Measure['unit'] {
  if (metric === 'cost' || metric === 'lever_cost' || metric === 'net_cost') return 'GBP';
  if (metric === 'capacity' || metric === 'vacancies') return 'places';
  if (metric.startsWith('households')) return 'households';
  if (metric === 'moves') return 'moves';
  return 'children';
}

/** A measure parsed, or what is wrong with it and what is expected. */
export function parseMeasure(text: string): Measure | { error: string } {
  const m = /^\s*([a-z_]+)\s*(?:\[\s*([^\]]*?)\s*\])?\s*(?:per\s+(year|month))?\s*$/i.exec(text);
  if (m === null) {
    return { error: `cannot read the measure "${text.trim()}"; expected e.g. in_care[ifa_foster], cost[total] per year or out_of_area_share` };
  }
  const name = m[1]!.toLowerCase();
  const category = m[2];
  const period = m[3]?.toLowerCase();
  const months = period === 'year' ? 12 : period === 'month' ? 1 : 0;
  if (!MEASURE_NAMES.includes(name)) {
    return { error: `unknown measure "${name}"${didYouMean(name, MEASURE_NAMES)}; expected a results metric (${[...STOCKS, ...FLOWS].join(', ')}) or ${DERIVED.join(', ')}` };
  }
  if (name === 'out_of_area_share') {
    if (category !== undefined && category !== 'total') return { error: 'out_of_area_share is of all children in care; write it without a category' };
    if (months !== 0) return { error: 'out_of_area_share is a share on the date, not a flow; remove "per ' + period + '"' };
    return { text: 'out_of_area_share', kind: 'share', keys: ['out_of_area|total'], denominator: 'in_care|total', months: 0, unit: 'share' };
  }
  if (name === 'net_cost') {
    if (category !== undefined && category !== 'total') return { error: 'net_cost is of every placement and lever; write it without a category' };
    if (months === 0) return { error: 'net_cost is spending, a flow; expected "net_cost per year" or "net_cost per month"' };
    return { text: `net_cost per ${period}`, kind: 'flow', keys: ['cost|total', 'lever_cost|total'], months, unit: 'GBP' };
  }
  if (category === undefined || category === '') {
    return { error: `${name} needs a category in brackets; expected e.g. ${name}[total]` };
  }
  const [from, to, ...rest] = category.split('->');
  const known = (c: string | undefined) => c !== undefined && CATEGORIES.includes(c);
  const ok = to === undefined ? known(from) : rest.length === 0 && (PLACEMENT_CATEGORIES as readonly string[]).includes(from!) && (PLACEMENT_CATEGORIES as readonly string[]).includes(to);
  if (!ok) {
    return { error: `unknown category "${category}" of ${name}${didYouMean(category, CATEGORIES)}; expected a placement category, exit reason, age band, from->to or total (docs/contract.md)` };
  }
  const stock = STOCKS.includes(name);
  if (stock && months !== 0) {
    return { error: `${name} is a stock (a count on the date), so "per ${period}" does not apply; expected ${name}[${category}] without a period` };
  }
  if (!stock && months === 0) {
    return { error: `${name} is a flow (counted month by month); expected a period: "${name}[${category}] per year" (the 12 months to the date) or "per month"` };
  }
  return { text: stock ? `${name}[${category}]` : `${name}[${category}] per ${period}`, kind: stock ? 'stock' : 'flow', keys: [`${name}|${category}`], months, unit: unitOf(name) };
}

/** Index in a run's dates of the last date on or before `date`, or why the measure cannot be read there. */
export function dateIndex(dates: readonly string[], measure: Measure, date: string): number | { error: string } {
  const start = dates[0]!;
  const end = dates[dates.length - 1]!;
  if (date > end) return { error: `${date} is after the run's end (${end}); expected a date within the horizon ${start} to ${end}` };
  let k = -1;
  for (let i = 0; i < dates.length && dates[i]! <= date; i++) k = i;
  if (k < 0) return { error: `${date} is before the run's start (${start}); expected a date within the horizon ${start} to ${end}` };
  if (measure.months > 0 && k - measure.months + 1 < 1) {
    const first = dates[Math.min(dates.length - 1, measure.months)]!;
    return { error: `the ${measure.months === 12 ? '12 months' : 'month'} to ${date} start before the run (${start}); expected a date from ${first} to ${end}` };
  }
  return k;
}

/** The measure's value at date index `k` from one series per key (missing keys count 0). */
function valueAt(series: (key: string) => ArrayLike<number> | undefined, measure: Measure, k: number): number {
  const sum = (key: string) => {
    const s = series(key);
    if (s === undefined) return 0;
    if (measure.months === 0) return s[k]!;
    let t = 0;
    for (let i = k - measure.months + 1; i <= k; i++) t += s[i]!;
    return t;
  };
  let v = 0;
  for (const key of measure.keys) v += sum(key);
  if (measure.denominator !== undefined) {
    const d = sum(measure.denominator);
    return d > 0 ? v / d : 0;
  }
  return v;
}

/** The measure in each replication of a Monte Carlo run, at date index `k` (replication order). */
export function measureByReplication(run: SimulationRun, measure: Measure, k: number): Float64Array {
  const out = new Float64Array(run.replications);
  for (let r = 0; r < run.replications; r++) out[r] = valueAt((key) => run.values.get(key)?.[r], measure, k);
  return out;
}

/** The measure from summary rows (the expected-value projection's means) at `dates[k]`. */
export function measureFromRows(rows: readonly SeriesRow[], dates: readonly string[], measure: Measure, k: number): number {
  const byKey = new Map<string, Float64Array>();
  const at = new Map(dates.map((d, i) => [d, i]));
  for (const r of rows) {
    if (r.scenario !== undefined) continue;
    const key = `${r.metric}|${r.category}`;
    let s = byKey.get(key);
    if (s === undefined) byKey.set(key, (s = new Float64Array(dates.length)));
    const i = at.get(r.date);
    if (i !== undefined) s[i] = r.mean;
  }
  return valueAt((key) => byKey.get(key), measure, k);
}

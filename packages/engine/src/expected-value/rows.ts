import type { ReplicationSeries } from '../montecarlo/assemble.js';
import { compareSeriesKeys, isStockMetric, parseSeriesKey } from '../results/series-keys.js';
import type { Metric, SeriesRow } from '../results/types.js';

/**
 * The rows `summarise(assembleRun([out]))` writes for one replication, without the statistics'
 * machinery (sorting, quantile search, the t quantile) that one value does not need: the same keys in
 * the same order, stocks from the start date and flows from the first month end, and every statistic
 * the value itself (the mean 0 + v, as the sum over one replication; quantiles of one value and an
 * interval of half-width 0 equal it). `test/expected-value/rows.spec.ts` checks equality with summarise.
 */
export function singleRunRows(out: ReplicationSeries): SeriesRow[] {
  const { dates, series } = out;
  const keys = Object.keys(series);
  // assembleRun's check: every series one value per date.
  for (const key of keys) {
    if (series[key]!.length !== dates.length) throw new Error(`replication 0: series "${key}" has ${series[key]!.length} values for ${dates.length} dates`);
  }
  const order = keyOrder(keys);
  // Sized once (session 20): pushed one by one, the array of 11,102 rows of Anytown grew by copies,
  // about 170 kB of garbage a call.
  let count = 0;
  for (let i = 0; i < order.keys.length; i++) count += Math.max(0, dates.length - (isStockMetric(order.metric[i]!) ? 0 : 1));
  const rows = new Array<SeriesRow>(count);
  let at = 0;
  for (let i = 0; i < order.keys.length; i++) {
    const metric = order.metric[i]!;
    at = putSeriesRows(rows, at, dates, metric, order.category[i]!, series[order.keys[i]!]!, isStockMetric(metric) ? 0 : 1);
  }
  return rows;
}

/** Series keys in the rows' order, each with its metric and category. */
interface KeyOrder {
  /** The keys as `Object.keys` gave them (what the order is for). */
  readonly given: readonly string[];
  readonly keys: readonly string[];
  readonly metric: readonly Metric[];
  readonly category: readonly string[];
}

let lastOrder: KeyOrder | null = null;

/**
 * A row of the rows' shape (their keys in their order) holding `null` where the rows hold numbers,
 * made once when the module loads (session 19). V8 gives object literals with the same keys in the
 * same order one map, and a field of that map that has held something other than a number is tagged:
 * it holds a pointer to the number, which the eight equal statistics of a row share (one box a row),
 * where a double field boxes its number on its own (eight boxes a row: 1.2 MB of the 2.9 MB of rows a
 * projection of Anytown writes). Exported for `rows.spec.ts`, which checks the sharing.
 */
export const ROW_SHAPE = {
  date: '',
  metric: 'in_care',
  category: '',
  mean: null,
  p05: null,
  p25: null,
  p50: null,
  p75: null,
  p95: null,
  ci95_low: null,
  ci95_high: null,
};

/**
 * The keys parsed (every key a metric of the contract: assembleRun's other check) and sorted, or the
 * last call's order when its keys are the same, in the same order (session 18: a projection of a
 * scenario gives the same 182 keys every call, so their parsing and sorting, and V8's compiling of the
 * comparison, are skipped after the first).
 */
function keyOrder(given: readonly string[]): KeyOrder {
  if (lastOrder && sameKeys(lastOrder.given, given)) return lastOrder;
  const parsed = new Map<string, ReturnType<typeof parseSeriesKey>>();
  for (const key of given) parsed.set(key, parseSeriesKey(key));
  const keys = [...given].sort(compareSeriesKeys);
  lastOrder = { given: [...given], keys, metric: Array.from(keys, (k) => parsed.get(k)!.metric), category: Array.from(keys, (k) => parsed.get(k)!.category) };
  return lastOrder;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The rows of one series from date index `from` on, written from `rows[at]` (returns the next index).
 * A function of its own, called once per series (182 a projection of Anytown), so V8 optimises it
 * within the first projection; as a loop inside
 * `singleRunRows`, called once a projection, it stayed unoptimised for about ten projections (session
 * 18: 5-20 ms a call instead of 0.5).
 */
function putSeriesRows(rows: SeriesRow[], at: number, dates: readonly string[], metric: Metric, category: string, values: ArrayLike<number>, from: number): number {
  for (let d = from; d < dates.length; d++) {
    const m = 0 + values[d]!;
    rows[at++] = { date: dates[d]!, metric, category, mean: m, p05: m, p25: m, p50: m, p75: m, p95: m, ci95_low: m, ci95_high: m };
  }
  return at;
}

import { quantileSorted } from 'd3-array';
import { studentTQuantile } from './student-t.js';
import type { Metric, SeriesRow } from './types.js';

/** Mean, quantiles and Student-t 95% interval of one value over replications. */
export interface ReplicationStatistics {
  mean: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  ci95_low: number;
  ci95_high: number;
}

/**
 * A summary row: its identity (with a comparison's scenario and difference flag, when given), then its
 * statistics, in the JSON and CSV column order. A run's own row is one object literal, made whole in one
 * allocation with every field in the object itself (`Object.assign` onto a row of three fields moved
 * them to a separate store as it grew, about 400 bytes of garbage a row, 13,000 rows a run); a
 * comparison's rows, fewer, are built field by field.
 */
export function seriesRow(date: string, metric: Metric, category: string, s: ReplicationStatistics, scenario?: string, delta = false): SeriesRow {
  if (scenario === undefined && !delta) {
    return { date, metric, category, mean: s.mean, p05: s.p05, p25: s.p25, p50: s.p50, p75: s.p75, p95: s.p95, ci95_low: s.ci95_low, ci95_high: s.ci95_high };
  }
  const row = { date, metric, category } as SeriesRow;
  if (scenario !== undefined) row.scenario = scenario;
  if (delta) row.delta = true;
  return Object.assign(row, s);
}

/**
 * Statistics of `values` (one per replication, in replication order). The mean is the sum in
 * replication order divided by R, so means of conserved quantities conserve up to rounding. Quantiles
 * follow the R-7 / Excel PERCENTILE.INC definition (d3-array's): linear interpolation at position
 * (R - 1) p of the sorted values. The interval is mean ± t(0.975, R-1) s / √R with the
 * sample standard deviation s; with one replication it collapses to the mean.
 */
export function replicationStatistics(values: ArrayLike<number>, scratch?: Float64Array): ReplicationStatistics {
  const n = values.length;
  if (n === 0) throw new RangeError('replicationStatistics: no replications');
  if (n === 1) return oneReplication(values[0]!);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  const work = scratch && scratch.length === n ? scratch : new Float64Array(n);
  for (let i = 0; i < n; i++) work[i] = values[i]!;
  let halfWidth = 0;
  if (n > 1) {
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = values[i]! - mean;
      ss += d * d;
    }
    halfWidth = (studentTQuantile(0.975, n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n);
  }
  const [p05, p25, p50, p75, p95] = quantilesR7(work, QUANTILES);
  return { mean, p05: p05!, p25: p25!, p50: p50!, p75: p75!, p95: p95!, ci95_low: mean - halfWidth, ci95_high: mean + halfWidth };
}

/**
 * `replicationStatistics` of one value, without its scratch arrays and sorts: the same expressions
 * reduced by hand. The sum `0 + v` (a zero written -0 reads 0, as the sum and the counting sort make
 * it), the mean that over 1, every quantile the one sorted value and the interval of zero width.
 */
function oneReplication(value: number): ReplicationStatistics {
  const v = 0 + value;
  const mean = v / 1;
  return { mean, p05: v, p25: v, p50: v, p75: v, p95: v, ci95_low: mean - 0, ci95_high: mean + 0 };
}

const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/**
 * R-7 quantiles of `work` (d3-array's `quantileSorted` of the sorted values), sorting `work` in
 * place. Counts (whole numbers in a range up to 4 n wide, most series) are sorted by counting in
 * O(n); anything else by the typed array's numeric sort.
 */
export function quantilesR7(work: Float64Array, ps: readonly number[]): number[] {
  const n = work.length;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = work[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  if (whole && max - min <= 4 * n) {
    const counts = new Int32Array(max - min + 1);
    for (let i = 0; i < n; i++) counts[work[i]! - min]!++;
    let i = 0;
    for (let b = 0; b < counts.length; b++) for (let c = counts[b]!; c > 0; c--) work[i++] = b + min;
  } else {
    work.sort();
  }
  // d3's types ask for an array, but quantileSorted only indexes and reads `length`.
  const sorted = work as unknown as number[];
  return ps.map((p) => quantileSorted(sorted, p)!);
}

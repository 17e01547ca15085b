import type { SimulationRun } from '../montecarlo/types.js';
import { replicationStatistics, seriesRow } from './replication-statistics.js';
import { compareSeriesKeys, isStockMetric, parseSeriesKey } from './series-keys.js';
import type { SeriesRow } from './types.js';

/** Options of `summarise`. */
export interface SummariseOptions {
  /** Sets `scenario` on every row (for `compare` output). */
  scenario?: string;
}

/**
 * Summary rows (mean, 5/25/50/75/95% quantiles, Student-t 95% interval of the mean) of every series
 * of a run, ordered by metric, category and date; stocks from `start`, flows from the first month end.
 */
export function summarise(run: SimulationRun, options: SummariseOptions = {}): SeriesRow[] {
  return summariseSeries(run.dates, run.keys, run.replications, (key) => run.values.get(key) ?? [], options.scenario, false);
}

/**
 * The pairing rule of a difference of two runs on common random numbers: the same number of
 * replications over the same dates (RangeError otherwise). `summariseDifference` and
 * `RunColumns.difference` (montecarlo/run-columns.ts) both check it here.
 */
export function checkPaired(
  baseline: { readonly replications: number; readonly dates: readonly string[] },
  scenario: { readonly replications: number; readonly dates: readonly string[] },
  scenarioName: string,
): void {
  if (baseline.replications !== scenario.replications) {
    throw new RangeError(
      `summariseDifference: baseline has ${baseline.replications} replications, "${scenarioName}" has ${scenario.replications}; pairing needs equal counts`,
    );
  }
  if (baseline.dates.length !== scenario.dates.length || baseline.dates.some((d, i) => d !== scenario.dates[i])) {
    throw new RangeError(`summariseDifference: "${scenarioName}" covers different dates from the baseline`);
  }
}

/**
 * Rows of the paired differences scenario − baseline, replication by replication (both runs on the
 * same seed, so on common random numbers), with `scenario` set and `delta: true`.
 */
export function summariseDifference(baseline: SimulationRun, scenario: SimulationRun, scenarioName: string): SeriesRow[] {
  checkPaired(baseline, scenario, scenarioName);
  const keys = [...new Set([...baseline.keys, ...scenario.keys])].sort(compareSeriesKeys);
  const n = baseline.dates.length;
  const differences = (key: string): Float64Array[] => {
    const b = baseline.values.get(key);
    const s = scenario.values.get(key);
    return Array.from({ length: baseline.replications }, (_, r) => {
      const diff = new Float64Array(n);
      const br = b?.[r];
      const sr = s?.[r];
      for (let i = 0; i < n; i++) diff[i] = (sr ? sr[i]! : 0) - (br ? br[i]! : 0);
      return diff;
    });
  };
  return summariseSeries(baseline.dates, keys, baseline.replications, differences, scenarioName, true);
}

function summariseSeries(
  dates: readonly string[],
  keys: readonly string[],
  replications: number,
  /** A key's series, one per replication (missing replications count as zeros). */
  seriesOf: (key: string) => readonly (ArrayLike<number> | undefined)[],
  scenario: string | undefined,
  delta: boolean,
): SeriesRow[] {
  const byDate = Array.from({ length: dates.length }, () => new Float64Array(replications));
  return summariseCells(
    dates,
    keys,
    replications,
    (key) => {
      const list = seriesOf(key);
      for (let r = 0; r < replications; r++) {
        const s = list[r];
        for (let d = 0; d < dates.length; d++) byDate[d]![r] = s ? s[d]! : 0;
      }
      return (d) => byDate[d]!;
    },
    scenario,
    delta,
  );
}

/**
 * The rows of every key's cells, in `keys` order (ordered by compareSeriesKeys): `cellsOf(key)` gives a
 * function from a date's index to that month's values over the replications, in replication order (a
 * key's cells are read before the next key is asked for). The one loop behind `summarise`,
 * `summariseDifference` and the columns of a run folded as it arrives (montecarlo/run-columns.ts).
 */
export function summariseCells(
  dates: readonly string[],
  keys: readonly string[],
  replications: number,
  cellsOf: (key: string) => (d: number) => ArrayLike<number>,
  scenario: string | undefined,
  delta: boolean,
): SeriesRow[] {
  const rows: SeriesRow[] = [];
  const scratch = new Float64Array(replications);
  for (const key of keys) {
    const { metric, category } = parseSeriesKey(key);
    const cell = cellsOf(key);
    // A flow's index 0 is an empty interval before the first event, not a month.
    for (let d = isStockMetric(metric) ? 0 : 1; d < dates.length; d++) {
      rows.push(seriesRow(dates[d]!, metric, category, replicationStatistics(cell(d), scratch), scenario, delta));
    }
  }
  return rows;
}

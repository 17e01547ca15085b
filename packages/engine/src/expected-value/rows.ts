import type { ReplicationSeries } from '../montecarlo/assemble.js';
import { compareSeriesKeys, isStockMetric, parseSeriesKey } from '../results/series-keys.js';
import type { SeriesRow } from '../results/types.js';

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
  // assembleRun's checks: every key a metric of the contract, every series one value per date.
  const parsed = new Map<string, ReturnType<typeof parseSeriesKey>>();
  for (const key of keys) {
    parsed.set(key, parseSeriesKey(key));
    if (series[key]!.length !== dates.length) throw new Error(`replication 0: series "${key}" has ${series[key]!.length} values for ${dates.length} dates`);
  }
  keys.sort(compareSeriesKeys);
  const rows: SeriesRow[] = [];
  for (const key of keys) {
    const { metric, category } = parsed.get(key)!;
    const values = series[key]!;
    for (let d = isStockMetric(metric) ? 0 : 1; d < dates.length; d++) {
      const m = 0 + values[d]!;
      rows.push({ date: dates[d]!, metric, category, mean: m, p05: m, p25: m, p50: m, p75: m, p95: m, ci95_low: m, ci95_high: m });
    }
  }
  return rows;
}

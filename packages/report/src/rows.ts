import { addMonths, isoToDay, type Metric, type Results, type SeriesRow } from '@carecast/engine';

/** What every chart builder reads: one run's results, and optionally a baseline and compare rows. */
export interface ReportData {
  readonly results: Results;
  readonly baseline?: Results | undefined;
  /** Rows of `carecast compare`: each carries `scenario`; differences against the baseline carry `delta: true`. */
  readonly compare?: readonly SeriesRow[] | undefined;
}

/**
 * What a scenario's levers cost (GBP in the month, cash prices; category = the lever's label, and
 * `total`), beside `cost`, which is placement cost only. Results written before the engine priced
 * levers have no such rows, and the report then says nothing about lever costs.
 */
export const LEVER_COST = 'lever_cost' as Metric;

const RUN_ROWS = new WeakMap<Results, SeriesRow[]>();

/**
 * The run's own rows: a compare results.json also holds every other scenario's rows (with `scenario`)
 * and the differences (with `delta`), which must not be summed into this run's figures.
 */
export function runRows(results: Results): SeriesRow[] {
  let rows = RUN_ROWS.get(results);
  if (!rows) {
    const own = results.scenario.name;
    rows = results.series.filter((r) => r.delta !== true && (r.scenario === undefined || r.scenario === own));
    // Where both an untagged and a tagged copy of the run exist, keep the untagged one.
    if (rows.some((r) => r.scenario === undefined)) rows = rows.filter((r) => r.scenario === undefined);
    RUN_ROWS.set(results, rows);
  }
  return rows;
}

/** Compare rows of a report: those given, else the tagged rows a compare results.json carries. */
export function compareRows(data: ReportData): readonly SeriesRow[] {
  if (data.compare) return data.compare;
  const own = data.results.scenario.name;
  return data.results.series.filter((r) => r.delta === true || (r.scenario !== undefined && r.scenario !== own));
}

const byDate = (a: SeriesRow, b: SeriesRow): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Rows by metric, each list sorted by date, of the row lists seen so far (with the length they had then). */
const BY_METRIC = new WeakMap<readonly SeriesRow[], { length: number; lists: Map<string, SeriesRow[]> }>();

/**
 * Rows of one metric (any category) from a run, leaving out compare rows, sorted by date (rows of one
 * date in their order in `rows`). The report asks this of the same rows for every chart and table: the
 * rows are grouped by metric once per list, and each call returns a copy of its group.
 */
export function metricRows(rows: readonly SeriesRow[], metric: Metric): SeriesRow[] {
  let index = BY_METRIC.get(rows);
  if (index === undefined || index.length !== rows.length) {
    const lists = new Map<string, SeriesRow[]>();
    for (const r of rows) {
      if (r.delta === true) continue;
      let list = lists.get(r.metric);
      if (list === undefined) lists.set(r.metric, (list = []));
      list.push(r);
    }
    for (const list of lists.values()) list.sort(byDate); // stable: a date's rows keep their order
    index = { length: rows.length, lists };
    BY_METRIC.set(rows, index);
  }
  return index.lists.get(metric)?.slice() ?? [];
}

/** Rows of one metric and category from a run, sorted by date. */
export function seriesRows(rows: readonly SeriesRow[], metric: Metric, category: string): SeriesRow[] {
  return metricRows(rows, metric).filter((r) => r.category === category);
}

/** Difference rows (`delta: true`) of one metric and category, by scenario, sorted by date. */
export function deltaRows(rows: readonly SeriesRow[], metric: Metric, category: string): Map<string, SeriesRow[]> {
  const out = new Map<string, SeriesRow[]>();
  for (const r of rows) {
    if (r.delta !== true || r.metric !== metric || r.category !== category) continue;
    const key = r.scenario ?? 'scenario';
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(r);
  }
  for (const list of out.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}

/** Non-difference compare rows of one metric and category, by scenario, sorted by date. */
export function levelRowsByScenario(rows: readonly SeriesRow[], metric: Metric, category: string): Map<string, SeriesRow[]> {
  const out = new Map<string, SeriesRow[]>();
  for (const r of rows) {
    if (r.delta === true || r.scenario === undefined || r.metric !== metric || r.category !== category) continue;
    let list = out.get(r.scenario);
    if (!list) out.set(r.scenario, (list = []));
    list.push(r);
  }
  for (const list of out.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}

/** Categories present for a metric, in first-seen order. */
export function categoriesOf(rows: readonly SeriesRow[], metric: Metric): string[] {
  return [...new Set(metricRows(rows, metric).map((r) => r.category))];
}

/** Financial year (April to March) of an ISO date, as `2025-26`. */
export function financialYear(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const first = m >= 4 ? y : y - 1;
  return `${first}-${String((first + 1) % 100).padStart(2, '0')}`;
}

/** Year number 1, 2, … from `start` in which a month-end date falls: year k covers (start + k-1 years, start + k years]. */
export function yearFromStart(start: string, iso: string): number {
  // Asked for every row of a table (the same few dozen month ends again and again): each date once.
  const key = `${start} ${iso}`;
  let k = yearsFrom.get(key);
  if (k !== undefined) return k;
  const day = isoToDay(iso);
  for (k = 1; day >= isoToDay(addMonths(start, 12 * k)); ) k++;
  if (yearsFrom.size >= 10_000) yearsFrom.clear();
  yearsFrom.set(key, k);
  return k;
}

/** `yearFromStart`'s answers by start and date (a pure function of both; cleared when large). */
const yearsFrom = new Map<string, number>();

/** The last date in `dates` that is before `start` + `years` years, i.e. the stock at the end of year `years`. */
export function dateAtYearsFromStart(dates: readonly string[], start: string, years: number): string | undefined {
  const limit = isoToDay(addMonths(start, 12 * years));
  let best: string | undefined;
  for (const d of dates) if (isoToDay(d) < limit && (best === undefined || d > best)) best = d;
  return best !== undefined && isoToDay(best) >= limit - 31 ? best : undefined;
}

/** Rounds to `digits` decimals, so embedded data stay small and deterministic. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Sum of row means per financial year and category (flow metrics only: a sum of monthly means is the mean of the sum). */
export function sumByFinancialYear(rows: readonly SeriesRow[]): Map<string, Map<string, { total: number; months: number }>> {
  const out = new Map<string, Map<string, { total: number; months: number }>>();
  for (const r of rows) {
    const fy = financialYear(r.date);
    let byCat = out.get(fy);
    if (!byCat) out.set(fy, (byCat = new Map()));
    const cell = byCat.get(r.category) ?? { total: 0, months: 0 };
    cell.total += r.mean;
    cell.months += 1;
    byCat.set(r.category, cell);
  }
  return out;
}

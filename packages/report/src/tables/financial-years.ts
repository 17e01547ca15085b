import type { Metric, SeriesRow } from '@carecast/engine';
import { sortIds, swatchOf } from '../palette.js';
import { financialYear, metricRows, runRows, type ReportData } from '../rows.js';
import { scenarioRuns, scenarioView, type ScenarioSeries } from '../scenarios.js';

/** A figure of a financial year: the mean, and the 5-95% range of outcomes where the results hold it (stocks). */
export interface FyCell {
  readonly mean: number;
  readonly p05?: number;
  readonly p95?: number;
}

/** A line of a financial-year table. */
export interface FyRow {
  /** What the line counts, without its unit. */
  readonly label: string;
  readonly unit: 'children' | 'GBP';
  /** `stock`: counted on the year's last month end; `flow`: summed over the year's months. */
  readonly kind: 'stock' | 'flow';
  /** Indented under the line before it (a split of a total). */
  readonly sub?: boolean;
  /** One cell per column; undefined where the results have no row. */
  readonly cells: readonly (FyCell | undefined)[];
  /** Flows: the sum over the horizon (a mean). Stocks have none. */
  readonly total: FyCell | undefined;
}

/** A financial year (April to March) of the run. */
export interface FyColumn {
  /** `2025-26`. */
  readonly year: string;
  /** Months of the year the run covers (12 for a whole year). */
  readonly months: number;
  /** The last month end of the year in the run: the date stocks are counted on (ISO). */
  readonly end: string;
}

/** One scenario's figures for every financial year of the horizon. */
export interface FyTable {
  readonly scenario: string;
  /** True for the baseline of a comparison. */
  readonly baseline: boolean;
  readonly columns: readonly FyColumn[];
  readonly rows: readonly FyRow[];
}

const byDate = (rows: readonly SeriesRow[]) => new Map(rows.map((r) => [r.date, r]));

function columnsOf(rows: readonly SeriesRow[]): FyColumn[] {
  const months = new Map<string, string[]>();
  for (const r of metricRows(rows, 'cost').filter((x) => x.category === 'total')) {
    const fy = financialYear(r.date);
    months.set(fy, [...(months.get(fy) ?? []), r.date]);
  }
  return [...months].sort(([a], [b]) => a.localeCompare(b)).map(([year, dates]) => ({ year, months: dates.length, end: dates.sort().at(-1)! }));
}

/** Lines of one scenario: stocks at each year end with their range, flows summed over the year (means only). */
function runTable(run: ScenarioSeries, columns: readonly FyColumn[], difference: readonly SeriesRow[] | undefined, costDifference: readonly SeriesRow[] | undefined): FyRow[] {
  const out: FyRow[] = [];
  const stock = (label: string, rows: readonly SeriesRow[], sub = false) => {
    if (rows.length === 0) return;
    const at = byDate(rows);
    const cell = (r: SeriesRow | undefined): FyCell | undefined => (r === undefined ? undefined : Number.isFinite(r.p05) ? { mean: r.mean, p05: r.p05, p95: r.p95 } : { mean: r.mean });
    out.push({ label, unit: 'children', kind: 'stock', sub, cells: columns.map((c) => cell(at.get(c.end))), total: undefined });
  };
  const flow = (label: string, rows: readonly SeriesRow[], unit: FyRow['unit'], sub = false, sign = 1) => {
    if (rows.length === 0) return;
    const sums = new Map<string, number>();
    for (const r of rows) sums.set(financialYear(r.date), (sums.get(financialYear(r.date)) ?? 0) + r.mean);
    const cells = columns.map((c) => (sums.has(c.year) ? { mean: sign * sums.get(c.year)! } : undefined));
    out.push({ label, unit, kind: 'flow', sub, cells, total: { mean: cells.reduce((a, c) => a + (c?.mean ?? 0), 0) } });
  };
  const rowsOf = (metric: Metric, category: string) => metricRows(run.rows, metric).filter((r) => r.category === category);
  const categories = (metric: Metric) => sortIds('category', metricRows(run.rows, metric).map((r) => r.category).filter((c) => c !== 'total'));

  stock('Children in care at the year end', rowsOf('in_care', 'total'));
  for (const c of categories('in_care')) stock(swatchOf('category', c).label, rowsOf('in_care', c), true);
  if (difference) stock('Difference from the baseline (scenario minus baseline)', difference);
  flow('Children entering care in the year', rowsOf('entries', 'total'), 'children');
  flow('Children leaving care in the year', rowsOf('exits', 'total'), 'children');
  flow('Children placed out of preference in the year', rowsOf('placed_out_of_preference', 'total'), 'children');
  flow('Placement spend in the year', rowsOf('cost', 'total'), 'GBP');
  for (const c of categories('cost')) flow(swatchOf('category', c).label, rowsOf('cost', c), 'GBP', true);
  if (costDifference) flow('Saving against the baseline (baseline minus scenario)', costDifference, 'GBP', false, -1);
  // Sufficiency: for each placement type with limited places, places against demand and who went elsewhere.
  for (const c of categories('capacity')) {
    const label = swatchOf('category', c).label;
    stock(`${label}: places at the year end`, rowsOf('capacity', c));
    const occupied = byDate(rowsOf('occupied', c));
    const waiting = byDate(rowsOf('waiting', c));
    out.push({
      label: `${label}: demand at the year end (occupied + waiting)`,
      unit: 'children',
      kind: 'stock',
      sub: true,
      cells: columns.map((col) => {
        const o = occupied.get(col.end);
        return o === undefined ? undefined : { mean: o.mean + (waiting.get(col.end)?.mean ?? 0) };
      }),
      total: undefined,
    });
    flow(`${label}: placed elsewhere in the year (full, or no suitable vacancy)`, rowsOf('placed_out_of_preference', c), 'children', true);
  }
  return out;
}

/**
 * Financial-year tables (April to March), one per scenario, the baseline first: children in care at
 * each year end by placement type (mean and 5-95% range), entries, exits, placements out of
 * preference, spend by placement type and in total (sums of monthly means), and for a compared
 * scenario its paired difference in care and its saving against the baseline.
 */
export function financialYearTables(data: ReportData): FyTable[] {
  const runs = scenarioRuns(data) ?? [{ name: data.results.scenario.name, rows: runRows(data.results) }];
  const inCare = scenarioView(data, 'in_care', 'total');
  const cost = scenarioView(data, 'cost', 'total');
  const comparison = runs.length > 1;
  return runs.flatMap((run, i) => {
    const columns = columnsOf(run.rows);
    if (columns.length === 0) return [];
    const paired = inCare.deltas.find((d) => d.name === run.name)?.rows;
    const costDelta = cost.deltas.find((d) => d.name === run.name)?.rows;
    // Without paired rows the difference of means is exact for means (it carries no range).
    const meanDiff = (view: typeof cost) =>
      view.meanDifferences.filter((d) => d.name === run.name).map((d) => ({ date: d.date, mean: d.mean }) as SeriesRow);
    const difference = i === 0 ? undefined : (paired ?? (inCare.meanDifferences.length > 0 ? meanDiff(inCare).map((r) => ({ ...r, p05: Number.NaN, p95: Number.NaN })) : undefined));
    const saving = i === 0 ? undefined : (costDelta ?? (cost.meanDifferences.length > 0 ? meanDiff(cost) : undefined));
    return [{ scenario: run.name, baseline: comparison && i === 0, columns, rows: runTable(run, columns, difference, saving) }];
  });
}

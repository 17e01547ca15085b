import type { Metric, SeriesRow } from '@carecast/engine';
import { sortIds, swatchOf } from '../palette.js';
import { financialYear, LEVER_COST, metricRows, runRows, type ReportData } from '../rows.js';
import { scenarioRuns, scenarioView, type ScenarioSeries, type ScenarioView } from '../scenarios.js';

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

/** Labels of the lines the summary sentences read, written once. */
export const FY_LABELS = {
  inCare: 'Children in care at the year end',
  difference: 'Difference from the baseline (scenario minus baseline)',
  entries: 'Children entering care in the year',
  exits: 'Children leaving care in the year',
  outOfPreference: 'Children placed out of preference in the year',
  spend: 'Placement spend in the year',
  leverCosts: 'Lever costs in the year',
  /** Placement spend saved, when the results hold no lever costs. */
  saving: 'Saving against the baseline (baseline minus scenario)',
  /** Placement spend saved, before lever costs (when the results hold lever costs). */
  grossSaving: 'Gross saving in placement spend (baseline minus scenario)',
  leverCostDifference: 'Lever costs against the baseline (scenario minus baseline)',
  netSaving: 'Net saving (gross saving minus lever costs)',
} as const;

/** What a compared scenario's table adds: its differences from the baseline. */
interface AgainstBaseline {
  readonly inCare: readonly SeriesRow[] | undefined;
  readonly cost: readonly SeriesRow[] | undefined;
  /** Lever costs, scenario minus baseline; undefined when the results hold none. */
  readonly leverCost: readonly SeriesRow[] | undefined;
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
function runTable(run: ScenarioSeries, columns: readonly FyColumn[], against: AgainstBaseline | undefined): FyRow[] {
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
    const row: FyRow = { label, unit, kind: 'flow', sub, cells, total: { mean: cells.reduce((a, c) => a + (c?.mean ?? 0), 0) } };
    out.push(row);
    return row;
  };
  const rowsOf = (metric: Metric, category: string) => metricRows(run.rows, metric).filter((r) => r.category === category);
  const categories = (metric: Metric) => sortIds('category', metricRows(run.rows, metric).map((r) => r.category).filter((c) => c !== 'total'));

  stock(FY_LABELS.inCare, rowsOf('in_care', 'total'));
  for (const c of categories('in_care')) stock(swatchOf('category', c).label, rowsOf('in_care', c), true);
  if (against?.inCare) stock(FY_LABELS.difference, against.inCare);
  flow(FY_LABELS.entries, rowsOf('entries', 'total'), 'children');
  flow(FY_LABELS.exits, rowsOf('exits', 'total'), 'children');
  flow(FY_LABELS.outOfPreference, rowsOf('placed_out_of_preference', 'total'), 'children');
  flow(FY_LABELS.spend, rowsOf('cost', 'total'), 'GBP');
  for (const c of categories('cost')) flow(swatchOf('category', c).label, rowsOf('cost', c), 'GBP', true);
  // Lever costs, by lever in the order the results list them (their labels are the scenario's own).
  flow(FY_LABELS.leverCosts, rowsOf(LEVER_COST, 'total'), 'GBP');
  for (const c of [...new Set(metricRows(run.rows, LEVER_COST).map((r) => r.category))].filter((x) => x !== 'total')) flow(c, rowsOf(LEVER_COST, c), 'GBP', true);
  if (against?.cost && against.leverCost) {
    const gross = flow(FY_LABELS.grossSaving, against.cost, 'GBP', false, -1);
    const levers = flow(FY_LABELS.leverCostDifference, against.leverCost, 'GBP');
    if (gross && levers) {
      const net = (g: FyCell | undefined, l: FyCell | undefined): FyCell | undefined => (g === undefined ? undefined : { mean: g.mean - (l?.mean ?? 0) });
      out.push({ label: FY_LABELS.netSaving, unit: 'GBP', kind: 'flow', cells: gross.cells.map((g, i) => net(g, levers.cells[i])), total: net(gross.total, levers.total) });
    }
  } else if (against?.cost) flow(FY_LABELS.saving, against.cost, 'GBP', false, -1);
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
    // The gap with the range of the gap itself (capacity_gap, per replication); results written before
    // that metric existed give the difference of the means, with no range.
    const gapLabel = `${label}: gap at the year end (places minus demand; below zero: short)`;
    const gap = rowsOf('capacity_gap', c);
    if (gap.length > 0) stock(gapLabel, gap, true);
    else {
      const places = byDate(rowsOf('capacity', c));
      const meanGap = (col: FyColumn): FyCell | undefined => {
        const p = places.get(col.end);
        const o = occupied.get(col.end);
        return p === undefined || o === undefined ? undefined : { mean: p.mean - o.mean - (waiting.get(col.end)?.mean ?? 0) };
      };
      out.push({ label: gapLabel, unit: 'children', kind: 'stock', sub: true, cells: columns.map(meanGap), total: undefined });
    }
    stock(`${label}: spare places at the year end`, rowsOf('vacancies', c), true);
    stock(`${label}: children waiting for it at the year end`, rowsOf('waiting', c), true);
    flow(`${label}: placed elsewhere in the year (full, or no suitable vacancy)`, rowsOf('placed_out_of_preference', c), 'children', true);
  }
  return out;
}

/**
 * A scenario's lever costs minus the baseline's: the paired `delta` rows, else the difference of the
 * monthly means (a baseline without lever rows costs nothing); undefined when neither has lever costs.
 */
function leverCostAgainst(view: ScenarioView, run: ScenarioSeries, baseline: ScenarioSeries): SeriesRow[] | undefined {
  const paired = view.deltas.find((d) => d.name === run.name)?.rows;
  if (paired) return [...paired];
  const own = metricRows(run.rows, LEVER_COST).filter((r) => r.category === 'total');
  const base = new Map(metricRows(baseline.rows, LEVER_COST).filter((r) => r.category === 'total').map((r) => [r.date, r.mean]));
  if (own.length === 0 && base.size === 0) return undefined;
  const dates = new Set([...own.map((r) => r.date), ...base.keys()]);
  const mine = new Map(own.map((r) => [r.date, r.mean]));
  return [...dates].sort().map((date) => ({ date, mean: (mine.get(date) ?? 0) - (base.get(date) ?? 0) }) as SeriesRow);
}

/**
 * Financial-year tables (April to March), one per scenario, the baseline first: children in care at
 * each year end by placement type (mean and 5-95% range), entries, exits, placements out of
 * preference, spend by placement type and in total (sums of monthly means), lever costs when the
 * results hold them, and for a compared scenario its paired difference in care and its saving against
 * the baseline (gross, lever costs and net when there are lever costs).
 */
export function financialYearTables(data: ReportData): FyTable[] {
  const runs = scenarioRuns(data) ?? [{ name: data.results.scenario.name, rows: runRows(data.results) }];
  const inCare = scenarioView(data, 'in_care', 'total');
  const cost = scenarioView(data, 'cost', 'total');
  const leverCost = scenarioView(data, LEVER_COST, 'total');
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
    const against = i === 0 ? undefined : { inCare: difference, cost: saving, leverCost: leverCostAgainst(leverCost, run, runs[0]!) };
    return [{ scenario: run.name, baseline: comparison && i === 0, columns, rows: runTable(run, columns, against) }];
  });
}

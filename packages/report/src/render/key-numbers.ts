import type { SeriesRow } from '@carecast/engine';
import { assumptionsOf, uncertaintyInWords } from '../assumptions.js';
import { swatchOf, sortIds } from '../palette.js';
import { dateAtYearsFromStart, LEVER_COST, metricRows, runRows, seriesRows, yearFromStart, type ReportData } from '../rows.js';
import { scenarioView, type ScenarioView } from '../scenarios.js';
import { formatNumber, formatPercent, formatSigned, formatDate } from './format.js';

/** One line of the key-numbers table: words, then one formatted cell per year column. */
export interface KeyRow {
  readonly label: string;
  readonly cells: readonly string[];
  /** Indented under the row before it (placement and age mix lines). */
  readonly sub?: boolean;
}

/** A titled block of key-number rows. */
export interface KeyBlock {
  readonly title: string;
  readonly rows: readonly KeyRow[];
}

/** One column of the table: the start, the end of a year from the start, or the end of a run that stops mid-year. */
export interface KeyColumn {
  /** 0 for the start; k for the end of year k (the year a partial last column falls in, for the end). */
  readonly year: number;
  /** The date stocks are counted on (ISO): the start, or a month end. */
  readonly date: string;
  /** As the report's header shows it, e.g. `Year 1 (to 31 Mar 2026)`. */
  readonly label: string;
}

/**
 * The key numbers, the same in the terminal (`keyNumbersText`) and in report.html: stocks at the end of
 * every year from the start, flows summed over each year. One statistic throughout: the mean, with the
 * 5-95% range of outcomes over replications where the results hold it.
 */
export interface KeyNumbers {
  /** Column headers, one per year of the horizon. */
  readonly columns: readonly string[];
  readonly years: readonly KeyColumn[];
  readonly blocks: readonly KeyBlock[];
  /** Sentences saying what each figure and range covers, shown under the table. */
  readonly notes: readonly string[];
}

const MILLION = 1e-6;

const at = (rows: readonly SeriesRow[], date: string) => rows.find((r) => r.date === date);
const inYear = (rows: readonly SeriesRow[], start: string, k: number) => rows.filter((r) => yearFromStart(start, r.date) === k);
const sumMeans = (rows: readonly SeriesRow[]) => rows.reduce((s, r) => s + r.mean, 0);

/** `453 (420 to 488)`: the mean with the 5-95% range of outcomes. */
export function meanAndRange(r: Pick<SeriesRow, 'mean' | 'p05' | 'p95'>, digits = 0, signed = false): string {
  const f = signed ? formatSigned : formatNumber;
  return `${f(r.mean, digits)} (${f(r.p05, digits)} to ${f(r.p95, digits)})`;
}

/** A scenario's difference against the baseline at one date; percentiles and interval only for paired `delta` rows. */
interface Difference {
  readonly date: string;
  readonly mean: number;
  readonly row?: SeriesRow;
}

function againstBaseline(view: ScenarioView, name: string): { levels: readonly SeriesRow[]; differences: readonly Difference[]; paired: boolean } {
  const levels = view.levels.find((l) => l.name === name)?.rows ?? [];
  const delta = view.deltas.find((d) => d.name === name)?.rows;
  if (delta) return { levels, differences: delta.map((r) => ({ date: r.date, mean: r.mean, row: r })), paired: true };
  return { levels, differences: view.meanDifferences.filter((d) => d.name === name), paired: false };
}

/** The start, the end of every whole year from the start that the run covers, and the run's end when it stops mid-year. */
function yearColumns(data: ReportData): KeyColumn[] {
  const { results } = data;
  const stockDates = [...new Set(metricRows(runRows(results), 'in_care').map((r) => r.date))].sort();
  if (stockDates.length === 0) return [];
  const out: KeyColumn[] = [{ year: 0, date: stockDates[0]!, label: `Start (${formatDate(stockDates[0]!)})` }];
  for (let k = 1; ; k++) {
    const date = dateAtYearsFromStart(stockDates, results.start, k);
    if (date === undefined) break;
    out.push({ year: k, date, label: `Year ${k} (to ${formatDate(date)})` });
  }
  const last = stockDates[stockDates.length - 1]!;
  if (last > out[out.length - 1]!.date) out.push({ year: yearFromStart(results.start, last), date: last, label: `End (to ${formatDate(last)})` });
  return out;
}

/** Key numbers of a report: in care, placement mix, age mix, out of area, waiting and cost each year, and each compared scenario against the baseline. */
export function keyNumbers(data: ReportData): KeyNumbers {
  const { results } = data;
  const series = runRows(results);
  const years = yearColumns(data);
  const cells = (f: (k: number, date: string) => string) => years.map(({ year, date }) => f(year, date));
  // Flows happen over a year: the start column has none.
  const flowCells = (f: (k: number) => string) => years.map(({ year }) => (year === 0 ? '' : f(year)));
  // An expected-value projection has no spread: its figures carry no range.
  const spread = results.mode !== 'expected-value';
  const stockCells = (rows: readonly SeriesRow[]) => cells((_, d) => {
    const r = at(rows, d);
    if (!r) return 'n/a';
    return spread ? meanAndRange(r) : formatNumber(r.mean);
  });

  const total = seriesRows(series, 'in_care', 'total');
  const main: KeyRow[] = [];
  if (total.length > 0) main.push({ label: 'Children in care', cells: stockCells(total) });
  // Counts with their share of the mean total, so a plan gets numbers and the mix at once.
  const mix = (metric: 'in_care' | 'in_care_by_age', kind: 'category' | 'age_band', heading: string) => {
    const ids = sortIds(kind, metricRows(series, metric).map((r) => r.category).filter((c) => c !== 'total'));
    if (total.length === 0 || ids.length === 0) return;
    main.push({ label: heading, cells: cells(() => '') });
    for (const id of ids) {
      const rows = seriesRows(series, metric, id);
      main.push({
        label: swatchOf(kind, id).label,
        sub: true,
        cells: cells((_, d) => {
          const r = at(rows, d);
          const t = at(total, d);
          return r && t && t.mean > 0 ? `${formatNumber(r.mean)} (${formatPercent(r.mean / t.mean)})` : 'n/a';
        }),
      });
    }
  };
  mix('in_care', 'category', 'By placement type: mean children (% of children in care)');
  mix('in_care_by_age', 'age_band', 'By age band: mean children (% of children in care)');
  const ooa = seriesRows(series, 'out_of_area', 'total');
  if (ooa.length > 0) main.push({ label: 'Placed out of area (children)', cells: stockCells(ooa) });
  const waiting = seriesRows(series, 'waiting', 'total');
  if (waiting.length > 0) main.push({ label: 'Waiting for their preferred placement type (children)', cells: stockCells(waiting) });
  const oop = seriesRows(series, 'placed_out_of_preference', 'total');
  if (oop.length > 0) {
    main.push({ label: 'Placed out of preference in the year (children)', cells: flowCells((k) => formatNumber(sumMeans(inYear(oop, results.start, k)))) });
  }
  const cost = seriesRows(series, 'cost', 'total');
  if (cost.length > 0) {
    main.push({ label: 'Placement cost in the year (GBP million)', cells: flowCells((k) => formatNumber(sumMeans(inYear(cost, results.start, k)) * MILLION, 2)) });
  }
  const leverCost = seriesRows(series, LEVER_COST, 'total');
  if (leverCost.length > 0) {
    main.push({ label: 'Lever costs in the year (GBP million)', cells: flowCells((k) => formatNumber(sumMeans(inYear(leverCost, results.start, k)) * MILLION, 2)) });
  }
  const blocks: KeyBlock[] = [{ title: results.scenario.name, rows: main }];

  const views = {
    inCare: scenarioView(data, 'in_care', 'total'),
    outOfArea: scenarioView(data, 'out_of_area', 'total'),
    outOfPreference: scenarioView(data, 'placed_out_of_preference', 'total'),
    cost: scenarioView(data, 'cost', 'total'),
    leverCost: scenarioView(data, LEVER_COST, 'total'),
  };
  const compared = new Set(Object.values(views).flatMap((v) => [...v.deltas.map((d) => d.name), ...v.meanDifferences.map((d) => d.name)]));
  let anyPaired = false;
  for (const name of compared) {
    const rows: KeyRow[] = [];
    const stock = (view: ScenarioView, what: string) => {
      const { levels, differences, paired } = againstBaseline(view, name);
      if (differences.length === 0) return;
      anyPaired ||= paired;
      rows.push({ label: what, cells: stockCells(levels) });
      rows.push({
        label: 'Difference from the baseline',
        sub: true,
        cells: cells((_, d) => {
          const diff = differences.find((r) => r.date === d);
          if (!diff) return 'n/a';
          return diff.row ? meanAndRange(diff.row, 0, true) : formatSigned(diff.mean);
        }),
      });
    };
    // Flows are summed over the year from monthly means: means add up, percentiles do not, so no range.
    const flow = (view: ScenarioView, what: string, unit: number, digits: number) => {
      const { levels, differences } = againstBaseline(view, name);
      if (differences.length === 0) return undefined;
      // A scenario starting on another date has no months in some of the baseline's years: n/a, not 0.
      const ran = (k: number) => levels.some((r) => r.date !== levels[0]!.date && yearFromStart(results.start, r.date) === k);
      const paired = (k: number) => differences.some((r) => yearFromStart(results.start, r.date) === k);
      rows.push({ label: what, cells: flowCells((k) => (ran(k) ? formatNumber(sumMeans(inYear(levels, results.start, k)) * unit, digits) : 'n/a')) });
      rows.push({
        label: 'Difference from the baseline',
        sub: true,
        cells: flowCells((k) => (paired(k) ? formatSigned(inYearSum(differences, k) * unit, digits) : 'n/a')),
      });
      return differences;
    };
    const inYearSum = (xs: readonly Difference[], k: number) => xs.filter((r) => yearFromStart(results.start, r.date) === k).reduce((s, r) => s + r.mean, 0);
    stock(views.inCare, 'Children in care');
    stock(views.outOfArea, 'Placed out of area (children)');
    flow(views.outOfPreference, 'Placed out of preference in the year (children)', 1, 0);
    const costDifference = flow(views.cost, 'Placement cost in the year (GBP million)', MILLION, 2);
    const leverDifference = flow(views.leverCost, 'Lever costs in the year (GBP million)', MILLION, 2);
    if (costDifference && leverDifference) {
      // Saving net of lever costs: what the placement spend saved, less what the levers cost beyond the baseline's.
      rows.push({ label: 'Net saving in the year, after lever costs (GBP million)', cells: flowCells((k) => formatSigned(-(inYearSum(costDifference, k) + inYearSum(leverDifference, k)) * MILLION, 2)) });
    }
    if (rows.length > 0) {
      // A compare results.json read on its own is the baseline's run: its rows are untagged.
      const own = compared.has(results.scenario.name) ? undefined : results.scenario.name;
      const against = views.inCare.baseline ?? views.cost.baseline ?? own ?? 'the baseline';
      blocks.push({ title: `${name} against ${against} (difference: scenario minus baseline)`, rows });
    }
  }
  const notes = keyNotes(data, blocks.length > 1, anyPaired);
  const calendar = calendarNote(results.start, results.end, views.inCare.levels);
  if (calendar) notes.push(calendar);
  return { columns: years.map((y) => y.label), years, blocks, notes };
}

/**
 * When a compared scenario runs over other dates than the baseline (this year's forecast over last
 * year's), how the table lines them up, in words; undefined when every scenario shares the baseline's dates.
 */
function calendarNote(start: string, end: string, levels: readonly { name: string; rows: readonly SeriesRow[] }[]): string | undefined {
  const other = levels.filter((l) => l.rows.length > 0 && (l.rows[0]!.date !== start || l.rows[l.rows.length - 1]!.date !== end));
  if (other.length === 0) return undefined;
  const spans = other.map((l) => `${l.name} runs from ${formatDate(l.rows[0]!.date)} to ${formatDate(l.rows[l.rows.length - 1]!.date)}`).join('; ');
  return (
    `The scenarios run over different dates (${spans}; the baseline from ${formatDate(start)} to ${formatDate(end)}). Columns are the baseline's years, ` +
    'on the calendar: a scenario shows n/a where it does not run, and a year it covers in part sums only its own months. Differences are paired ' +
    'only on the month ends both runs cover; runs starting on different dates begin from different stocks, so pairing tightens them little.'
  );
}

/** What the ranges hold, as results.json `assumptions` records it (runs written before it: paths only). */
function rangeHolds(data: ReportData): string {
  const kinds = assumptionsOf(data.results).map((a) => a.uncertainty);
  if (kinds.length > 0 && kinds.every((k) => k === 'children-paths-and-rates')) {
    return ", and it includes the uncertainty in the rates themselves (each replication draws its rates from what the data say about them)";
  }
  if (kinds.some((k) => k === 'children-paths-and-rates')) return `; it holds ${kinds.map((k, i) => `${assumptionsOf(data.results)[i]!.scenario}: ${uncertaintyInWords(k)}`).join('; ')}`;
  return ', and it does not include uncertainty in the rates themselves';
}

/** What every figure and range of the table covers, in words. */
function keyNotes(data: ReportData, comparison: boolean, paired: boolean): string[] {
  const { results } = data;
  const notes: string[] = [];
  if (results.mode === 'expected-value') {
    notes.push('Figures are expected values of a deterministic projection: there is no range of outcomes. Capacity limits, fallbacks, matching and waiting act through an approximation (each capacity-limited placement type takes the share of requests a stationary queue with the same occupancy would take).');
  } else {
    notes.push(
      `Each figure is the mean over ${formatNumber(results.replications)} simulated replications; the range in brackets is the 5th to 95th percentile of outcomes, so in 9 runs out of 10 the figure fell inside it. It is the spread of what may happen, not the precision of the mean${rangeHolds(data)}.`,
    );
  }
  notes.push('Children are counted at the start and at the last month end of each year from the start; placements out of preference and costs are summed over that year (the last, partial year when the run ends mid-year). Sums over months carry no range, because percentiles of months do not add up.');
  notes.push('Costs are cash prices: weekly unit costs with the scenario\'s inflation compounded from the start.');
  if (data.results.series.some((r) => r.metric === LEVER_COST) || (data.compare ?? []).some((r) => r.metric === LEVER_COST)) {
    notes.push('Placement cost counts placements only; lever costs are what the levers themselves cost. A net saving is the placement cost saved against the baseline less the extra lever costs.');
  }
  if (comparison) {
    notes.push(
      paired
        ? 'A difference is scenario minus baseline, paired replication by replication on common random numbers; its range is the 5th to 95th percentile of those paired differences.'
        : 'Without paired rows a difference is the difference of the two means, with no range.',
    );
  }
  return notes;
}

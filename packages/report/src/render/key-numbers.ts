import type { SeriesRow } from '@carecast/engine';
import { swatchOf, sortIds } from '../palette.js';
import { dateAtYearsFromStart, metricRows, runRows, seriesRows, yearFromStart, type ReportData } from '../rows.js';
import { scenarioView, type ScenarioView } from '../scenarios.js';
import { formatNumber, formatPercent, formatSigned, formatDate } from './format.js';

/** One line of the key-numbers table: words, then one formatted cell per year column. */
export interface KeyRow {
  readonly label: string;
  readonly cells: readonly string[];
  /** Indented under the row before it (placement mix lines). */
  readonly sub?: boolean;
}

/** A titled block of key-number rows. */
export interface KeyBlock {
  readonly title: string;
  readonly rows: readonly KeyRow[];
}

/** The key-numbers table: stocks at the end of years 1, 3 and 5 from the start, flows summed over those years. */
export interface KeyNumbers {
  readonly columns: readonly string[];
  readonly blocks: readonly KeyBlock[];
}

const YEARS = [1, 3, 5] as const;
const MILLION = 1e-6;

const at = (rows: readonly SeriesRow[], date: string) => rows.find((r) => r.date === date);
const inYear = (rows: readonly SeriesRow[], start: string, k: number) => rows.filter((r) => yearFromStart(start, r.date) === k);
const sumMeans = (rows: readonly SeriesRow[]) => rows.reduce((s, r) => s + r.mean, 0);

/** A scenario's difference against the baseline at one date; the interval is there for paired `delta` rows only. */
interface Difference {
  readonly date: string;
  readonly mean: number;
  readonly low?: number;
  readonly high?: number;
}

/** A scenario's own levels and its differences against the baseline, paired (`delta` rows) when the results have them. */
function againstBaseline(view: ScenarioView, name: string): { levels: readonly SeriesRow[]; differences: readonly Difference[]; paired: boolean } {
  const levels = view.levels.find((l) => l.name === name)?.rows ?? [];
  const delta = view.deltas.find((d) => d.name === name)?.rows;
  if (delta) return { levels, differences: delta.map((r) => ({ date: r.date, mean: r.mean, low: r.ci95_low, high: r.ci95_high })), paired: true };
  return { levels, differences: view.meanDifferences.filter((d) => d.name === name), paired: false };
}

// No-break spaces keep the interval's words together, so a narrow cell wraps only after the difference.
const NBSP = '\u00a0';

/** A level with its difference, e.g. `406 (-48; 95% interval -50 to -46)`; `n/a` for a missing level or difference. */
function levelAndDifference(level: number | undefined, difference: Omit<Difference, 'date'> | undefined, digits: number): string {
  const own = level === undefined ? 'n/a' : formatNumber(level, digits);
  if (!difference) return `${own} (n/a)`;
  const interval =
    difference.low === undefined || difference.high === undefined
      ? ''
      : `; ${['95%', 'interval', formatSigned(difference.low, digits), 'to', formatSigned(difference.high, digits)].join(NBSP)}`;
  return `${own} (${formatSigned(difference.mean, digits)}${interval})`;
}

/** Key numbers of a report: in care, placement mix, age mix, out of area and cost at 1, 3 and 5 years, with each compared scenario's own levels and its differences against the baseline. */
export function keyNumbers(data: ReportData): KeyNumbers {
  const { results } = data;
  const series = runRows(results);
  const stockDates = [...new Set(metricRows(series, 'in_care').map((r) => r.date))];
  const years = YEARS.flatMap((k) => {
    const date = dateAtYearsFromStart(stockDates, results.start, k);
    return date === undefined ? [] : [{ k, date }];
  });
  const columns = years.map(({ k, date }) => `Year ${k} (to ${formatDate(date)})`);
  const cells = (f: (k: number, date: string) => string) => years.map(({ k, date }) => f(k, date));

  const total = seriesRows(series, 'in_care', 'total');
  const main: KeyRow[] = [];
  if (total.length > 0) {
    main.push({
      label: 'Children in care: median (5th to 95th percentile)',
      cells: cells((_, d) => {
        const r = at(total, d);
        return r ? `${formatNumber(r.p50)} (${formatNumber(r.p05)} to ${formatNumber(r.p95)})` : 'n/a';
      }),
    });
  }
  const categories = sortIds('category', metricRows(series, 'in_care').map((r) => r.category).filter((c) => c !== 'total'));
  if (total.length > 0 && categories.length > 0) {
    main.push({ label: 'Placement mix (% of children in care, means)', cells: cells(() => '') });
    for (const c of categories) {
      const rows = seriesRows(series, 'in_care', c);
      main.push({
        label: swatchOf('category', c).label,
        sub: true,
        cells: cells((_, d) => {
          const r = at(rows, d);
          const t = at(total, d);
          return r && t && t.mean > 0 ? formatPercent(r.mean / t.mean) : 'n/a';
        }),
      });
    }
  }
  const bands = sortIds('age_band', metricRows(series, 'in_care_by_age').map((r) => r.category).filter((c) => c !== 'total'));
  if (total.length > 0 && bands.length > 0) {
    main.push({ label: 'Age mix (% of children in care, means)', cells: cells(() => '') });
    for (const b of bands) {
      const rows = seriesRows(series, 'in_care_by_age', b);
      main.push({
        label: swatchOf('age_band', b).label,
        sub: true,
        cells: cells((_, d) => {
          const r = at(rows, d);
          const t = at(total, d);
          return r && t && t.mean > 0 ? formatPercent(r.mean / t.mean) : 'n/a';
        }),
      });
    }
  }
  const ooa = seriesRows(series, 'out_of_area', 'total');
  if (ooa.length > 0 && total.length > 0) {
    main.push({
      label: 'Placed out of area (% of children in care, means)',
      cells: cells((_, d) => {
        const r = at(ooa, d);
        const t = at(total, d);
        return r && t && t.mean > 0 ? `${formatPercent(r.mean / t.mean)} (${formatNumber(r.mean)} children)` : 'n/a';
      }),
    });
  }
  const waiting = seriesRows(series, 'waiting', 'total');
  if (waiting.length > 0) {
    main.push({
      label: 'Waiting for their preferred placement type (children, median)',
      cells: cells((_, d) => {
        const r = at(waiting, d);
        return r ? formatNumber(r.p50) : 'n/a';
      }),
    });
  }
  const cost = seriesRows(series, 'cost', 'total');
  if (cost.length > 0) {
    main.push({
      label: 'Placement cost in the year (GBP million, mean)',
      cells: cells((k) => formatNumber(sumMeans(inYear(cost, results.start, k)) * MILLION, 2)),
    });
  }
  const blocks: KeyBlock[] = [{ title: results.scenario.name, rows: main }];

  const views = {
    inCare: scenarioView(data, 'in_care', 'total'),
    outOfArea: scenarioView(data, 'out_of_area', 'total'),
    outOfPreference: scenarioView(data, 'placed_out_of_preference', 'total'),
    cost: scenarioView(data, 'cost', 'total'),
  };
  const compared = new Set(
    Object.values(views).flatMap((v) => [...v.deltas.map((d) => d.name), ...v.meanDifferences.map((d) => d.name)]),
  );
  for (const name of compared) {
    const rows: KeyRow[] = [];
    const stock = (view: ScenarioView, what: string) => {
      const { levels, differences, paired } = againstBaseline(view, name);
      if (differences.length === 0) return;
      rows.push({
        label: `${what}: mean (${paired ? 'difference; 95% interval' : 'difference of means'})`,
        cells: cells((_, d) => levelAndDifference(at(levels, d)?.mean, differences.find((r) => r.date === d), 0)),
      });
    };
    // Flows are summed over the year from monthly means: means add up, intervals do not, so no interval.
    const flow = (view: ScenarioView, what: string, unit: number, digits: number) => {
      const { levels, differences } = againstBaseline(view, name);
      if (differences.length === 0) return;
      rows.push({
        label: `${what}: mean (difference)`,
        cells: cells((k) => {
          const level = levels.length > 0 ? sumMeans(inYear(levels, results.start, k)) * unit : undefined;
          const difference = differences.filter((r) => yearFromStart(results.start, r.date) === k).reduce((s, r) => s + r.mean, 0) * unit;
          return levelAndDifference(level, { mean: difference }, digits);
        }),
      });
    };
    stock(views.inCare, 'Children in care');
    const inCareDelta = views.inCare.deltas.find((d) => d.name === name)?.rows;
    if (inCareDelta) {
      rows.push({
        label: 'Difference across replications: median (5th to 95th percentile)',
        sub: true,
        cells: cells((_, d) => {
          const r = at(inCareDelta, d);
          return r ? `${formatSigned(r.p50)} (${formatSigned(r.p05)} to ${formatSigned(r.p95)})` : 'n/a';
        }),
      });
    }
    stock(views.outOfArea, 'Placed out of area (children)');
    flow(views.outOfPreference, 'Placed out of preference in the year (children)', 1, 0);
    flow(views.cost, 'Placement cost in the year (GBP million)', MILLION, 2);
    if (rows.length > 0) {
      // A compare results.json read on its own is the baseline's run: its rows are untagged.
      const own = compared.has(results.scenario.name) ? undefined : results.scenario.name;
      const against = views.inCare.baseline ?? views.cost.baseline ?? own ?? 'the baseline';
      blocks.push({ title: `${name}, and its difference against ${against} (scenario minus baseline)`, rows });
    }
  }
  return { columns, blocks };
}

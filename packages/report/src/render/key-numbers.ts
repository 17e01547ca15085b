import type { SeriesRow } from '@carecast/engine';
import { swatchOf, sortIds } from '../palette.js';
import { dateAtYearsFromStart, metricRows, runRows, seriesRows, yearFromStart, type ReportData } from '../rows.js';
import { scenarioView } from '../scenarios.js';
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

/** Key numbers of a report: in care, placement mix, out of area and cost at 1, 3 and 5 years, with differences against the baseline. */
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

  const inCareView = scenarioView(data, 'in_care', 'total');
  const costView = scenarioView(data, 'cost', 'total');
  const compared = new Set([
    ...inCareView.deltas.map((d) => d.name),
    ...costView.deltas.map((d) => d.name),
    ...inCareView.meanDifferences.map((d) => d.name),
    ...costView.meanDifferences.map((d) => d.name),
  ]);
  for (const name of compared) {
    const rows: KeyRow[] = [];
    const inCareDelta = inCareView.deltas.find((d) => d.name === name)?.rows;
    if (inCareDelta) {
      rows.push({
        label: 'Children in care: median difference (5th to 95th percentile)',
        cells: cells((_, d) => {
          const r = at(inCareDelta, d);
          return r ? `${formatSigned(r.p50)} (${formatSigned(r.p05)} to ${formatSigned(r.p95)})` : 'n/a';
        }),
      });
    } else {
      const diffs = inCareView.meanDifferences.filter((d) => d.name === name);
      if (diffs.length > 0) {
        rows.push({
          label: 'Children in care: difference of means',
          cells: cells((_, d) => {
            const r = diffs.find((x) => x.date === d);
            return r ? formatSigned(r.mean, 1) : 'n/a';
          }),
        });
      }
    }
    const costDelta = costView.deltas.find((d) => d.name === name)?.rows;
    const costDiffs = costDelta
      ? costDelta.map((r) => ({ date: r.date, mean: r.mean }))
      : costView.meanDifferences.filter((d) => d.name === name);
    if (costDiffs.length > 0) {
      rows.push({
        label: 'Placement cost in the year: difference (GBP million, mean)',
        cells: cells((k) =>
          formatSigned(costDiffs.filter((r) => yearFromStart(results.start, r.date) === k).reduce((s, r) => s + r.mean, 0) * MILLION, 2),
        ),
      });
    }
    if (rows.length > 0) {
      const against = inCareView.baseline ?? costView.baseline ?? 'the baseline';
      blocks.push({ title: `${name} against ${against} (scenario minus baseline)`, rows });
    }
  }
  return { columns, blocks };
}

import type { Metric, SeriesRow } from '@carecast/engine';
import { financialYear, metricRows, runRows, type ReportData } from '../rows.js';
import { scenarioRuns } from '../scenarios.js';
import type { FyCell, FyColumn, FyRow, FyTable } from './financial-years.js';

// Care leavers by financial year (April to March), one table per scenario, for the workbook's "Care
// leavers" sheet: at each year end (mean and 5-95% range) care leavers by age and by accommodation,
// staying put by the former carer's provider and the in-house places it holds; spend in the year (sums
// of monthly means, as every flow in the workbook: the results hold no percentiles of a year's sum).

const AGES: readonly [string, string][] = [
  ['18', 'aged 18'],
  ['19', 'aged 19'],
  ['20', 'aged 20'],
  ['21+', 'aged 21 or over'],
];

const ACCOMMODATION_LABEL: Readonly<Record<string, string>> = {
  staying_put_inhouse: 'staying put with an in-house foster carer',
  staying_put_ifa: 'staying put with an IFA foster carer',
  supported_lodgings: 'in supported lodgings',
  supported_accommodation: 'in supported accommodation',
  independent: 'living independently',
  parents_or_relatives: 'with parents or relatives',
  custody: 'in custody',
  other: 'other or not known',
};

/** Labels of the care-leaver lines, written once (the workbook test reads them). */
export const CARE_LEAVER_LABELS = {
  total: 'Care leavers at the year end',
  byAge: (age: string) => `Care leavers ${AGES.find(([a]) => a === age)?.[1] ?? age}`,
  byAccommodation: (a: string) => `Care leavers ${ACCOMMODATION_LABEL[a] ?? a}`,
  stayingPut: 'Staying-put arrangements at the year end',
  stayingPutBy: (provider: string) => `Staying put with ${provider === 'inhouse_foster' ? 'in-house' : provider === 'ifa_foster' ? 'IFA' : provider} foster carers`,
  placesHeld: 'In-house foster places held by staying put at the year end',
  spend: 'Care-leaver spend in the year',
  spendBy: (a: string) => `Care-leaver spend: ${ACCOMMODATION_LABEL[a] ?? a}`,
} as const;

/** Financial years of a run from its monthly care-leaver spend rows (month ends only); stocks are counted on each year's last. */
function columnsOf(rows: readonly SeriesRow[]): FyColumn[] {
  const months = new Map<string, string[]>();
  for (const r of metricRows(rows, 'care_leaver_cost').filter((x) => x.category === 'total')) {
    const fy = financialYear(r.date);
    months.set(fy, [...(months.get(fy) ?? []), r.date]);
  }
  return [...months].sort(([a], [b]) => a.localeCompare(b)).map(([year, dates]) => ({ year, months: dates.length, end: dates.sort().at(-1)! }));
}

function table(rows: readonly SeriesRow[], columns: readonly FyColumn[]): FyRow[] {
  const out: FyRow[] = [];
  const of = (metric: Metric, category: string) => metricRows(rows, metric).filter((r) => r.category === category);
  const categories = (metric: Metric) => [...new Set(metricRows(rows, metric).map((r) => r.category))].filter((c) => c !== 'total');
  const stock = (label: string, list: readonly SeriesRow[], sub = false) => {
    if (list.length === 0) return;
    const at = new Map(list.map((r) => [r.date, r]));
    const cell = (r: SeriesRow | undefined): FyCell | undefined => (r === undefined ? undefined : Number.isFinite(r.p05) ? { mean: r.mean, p05: r.p05, p95: r.p95 } : { mean: r.mean });
    out.push({ label, unit: 'children', kind: 'stock', sub, cells: columns.map((c) => cell(at.get(c.end))), total: undefined });
  };
  const flow = (label: string, list: readonly SeriesRow[], sub = false) => {
    if (list.length === 0) return;
    const sums = new Map<string, number>();
    for (const r of list) sums.set(financialYear(r.date), (sums.get(financialYear(r.date)) ?? 0) + r.mean);
    const cells = columns.map((c) => (sums.has(c.year) ? { mean: sums.get(c.year)! } : undefined));
    out.push({ label, unit: 'GBP', kind: 'flow', sub, cells, total: { mean: cells.reduce((a, c) => a + (c?.mean ?? 0), 0) } });
  };
  stock(CARE_LEAVER_LABELS.total, of('care_leavers', 'total'));
  for (const [age] of AGES) stock(CARE_LEAVER_LABELS.byAge(age), of('care_leavers_by_age', age), true);
  const accommodations = Object.keys(ACCOMMODATION_LABEL);
  for (const a of accommodations.filter((x) => categories('care_leavers').includes(x))) stock(CARE_LEAVER_LABELS.byAccommodation(a), of('care_leavers', a), true);
  stock(CARE_LEAVER_LABELS.stayingPut, of('staying_put', 'total'));
  for (const p of ['inhouse_foster', 'ifa_foster']) stock(CARE_LEAVER_LABELS.stayingPutBy(p), of('staying_put', p), true);
  stock(CARE_LEAVER_LABELS.placesHeld, of('staying_put_places_held', 'total'));
  flow(CARE_LEAVER_LABELS.spend, of('care_leaver_cost', 'total'));
  for (const a of accommodations.filter((x) => categories('care_leaver_cost').includes(x))) flow(CARE_LEAVER_LABELS.spendBy(a), of('care_leaver_cost', a), true);
  return out;
}

/** Care-leaver tables by financial year, one per scenario (the baseline first); none when the results hold no care leavers. */
export function careLeaverYearTables(data: ReportData): FyTable[] {
  const runs = scenarioRuns(data) ?? [{ name: data.results.scenario.name, rows: runRows(data.results) }];
  const comparison = runs.length > 1;
  return runs.flatMap((run, i) => {
    const columns = columnsOf(run.rows);
    if (columns.length === 0) return [];
    return [{ scenario: run.name, baseline: comparison && i === 0, columns, rows: table(run.rows, columns) }];
  });
}

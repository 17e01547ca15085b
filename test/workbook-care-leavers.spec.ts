import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, carecast, tempDir } from './helpers.js';

// exceljs is the report package's dev dependency (its tests read workbooks back with it), loaded from there; the little of it used here.
interface Workbook {
  xlsx: { load(data: ArrayBuffer): Promise<unknown> };
  getWorksheet(name: string): { eachRow(each: (row: { values: unknown }) => void): void } | undefined;
}
const ExcelJS = createRequire(join(REPO, 'packages/report/package.json'))('exceljs') as { Workbook: new () => Workbook };

// summary.xlsx's "Care leavers" sheet against summary.csv of the same run: year-end stocks are the csv's
// rows on each financial year's last month end (mean, 5th and 95th percentiles), spend is the sum of the
// csv's monthly means over the year.

let tmp: ReturnType<typeof tempDir>;
let rows: (string | number | null)[][];
let csv: string[][];

beforeAll(async () => {
  tmp = tempDir();
  const out = join(tmp.dir, 'run');
  const r = await carecast(['run', 'scenarios/baseline.yaml', '--replications', '12', '--seed', '2', '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, 'summary.xlsx')) as unknown as ArrayBuffer);
  rows = [];
  wb.getWorksheet('Care leavers')!.eachRow((row) => rows.push((row.values as (string | number | null)[]).slice(1)));
  csv = readFileSync(join(out, 'summary.csv'), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\n').slice(1).map((l) => l.split(','));
}, 120_000);
afterAll(() => tmp.remove());

const csvRow = (metric: string, category: string, date: string) => csv.find((f) => f[0] === date && f[1] === metric && f[2] === category && f[3] === '' && f[4] === 'false');
const yearEnd = (fy: string) => `${Number(fy.slice(0, 4)) + 1}-03-31`;
const line = (measure: string, fy: string) => rows.find((r) => r[1] === measure && r[4] === fy);

describe('summary.xlsx: the care-leaver sheet', () => {
  it('has the financial-year columns and every line the issue asks for, in each of the five years', () => {
    expect(rows[0]).toEqual(['Scenario', 'Measure', 'Unit', 'Counted', 'Financial year', 'Months', 'Mean', '5th percentile', '95th percentile']);
    const measures = new Set(rows.slice(1).map((r) => r[1]));
    for (const m of [
      'Care leavers at the year end',
      'Care leavers aged 18',
      'Care leavers aged 19',
      'Care leavers aged 20',
      'Care leavers aged 21 or over',
      'Care leavers staying put with an in-house foster carer',
      'Care leavers in supported accommodation',
      'Staying-put arrangements at the year end',
      'Staying put with in-house foster carers',
      'Staying put with IFA foster carers',
      'In-house foster places held by staying put at the year end',
      'Care-leaver spend in the year',
    ]) expect(measures.has(m), m).toBe(true);
    expect(new Set(rows.slice(1).map((r) => r[4]))).toEqual(new Set(['2025-26', '2026-27', '2027-28', '2028-29', '2029-30', 'Total']));
  });

  it('holds the same figures as summary.csv: stocks at each year end with their range, spend summed over the year', () => {
    const stocks: [string, string, string][] = [
      ['Care leavers at the year end', 'care_leavers', 'total'],
      ['Care leavers aged 18', 'care_leavers_by_age', '18'],
      ['Care leavers aged 20', 'care_leavers_by_age', '20'],
      ['Care leavers in supported lodgings', 'care_leavers', 'supported_lodgings'],
      ['Staying put with in-house foster carers', 'staying_put', 'inhouse_foster'],
      ['Staying put with IFA foster carers', 'staying_put', 'ifa_foster'],
      ['In-house foster places held by staying put at the year end', 'staying_put_places_held', 'total'],
    ];
    for (const fy of ['2025-26', '2027-28', '2029-30']) {
      for (const [measure, metric, category] of stocks) {
        const x = line(measure, fy)!;
        const c = csvRow(metric, category, yearEnd(fy))!;
        expect(x[3]).toBe('year end');
        expect(x[6], `${measure} ${fy}`).toBeCloseTo(Number(c[5]), 4);
        expect(x[7], `${measure} ${fy} p05`).toBeCloseTo(Number(c[6]), 4);
        expect(x[8], `${measure} ${fy} p95`).toBeCloseTo(Number(c[10]), 4);
      }
      const spend = line('Care-leaver spend in the year', fy)!;
      const from = `${fy.slice(0, 4)}-04-01`;
      const monthly = csv.filter((f) => f[1] === 'care_leaver_cost' && f[2] === 'total' && f[3] === '' && f[0]! >= from && f[0]! <= yearEnd(fy));
      expect(monthly).toHaveLength(12);
      expect(spend[2]).toBe('GBP');
      expect(spend[6]).toBeCloseTo(monthly.reduce((s, f) => s + Number(f[5]), 0), 2);
      // The ages add up to the total (means are additive), and so do the two staying-put providers.
      const ages = ['18', '19', '20', '21 or over'].reduce((s, a) => s + Number(line(`Care leavers aged ${a}`, fy)![6]), 0);
      expect(ages).toBeCloseTo(Number(line('Care leavers at the year end', fy)![6]), 6);
      const sp = Number(line('Staying put with in-house foster carers', fy)![6]) + Number(line('Staying put with IFA foster carers', fy)![6]);
      expect(sp).toBeCloseTo(Number(line('Staying-put arrangements at the year end', fy)![6]), 6);
    }
  });
});

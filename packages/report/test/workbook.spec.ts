import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resultsToCsv } from '@carecast/engine';
import { buildReport, FY_SHEET_COLUMNS } from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

const baseline = makeResults();
const scenario = makeResults({ name: 'Foster £ recruitment', entryFactor: 0.9 });
const compare = makeCompare(baseline, [scenario]);
const combined = { ...baseline, series: [...baseline.series, ...compare.filter((r) => r.scenario !== 'Baseline')] };

// summary.csv as carecast compare writes it: the engine's rows, read back as numbers.
const csv = resultsToCsv(combined).trimEnd().split('\n').slice(1).map((l) => l.split(','));
const csvMean = (metric: string, scenarioName: string, from: string, to: string) =>
  csv.filter((f) => f[1] === metric && f[2] === 'total' && f[3] === scenarioName && f[4] === 'false' && f[0]! >= from && f[0]! <= to).reduce((a, f) => a + Number(f[5]), 0);

describe('summary.xlsx', async () => {
  const files = await buildReport({ results: combined });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(files.get('summary.xlsx') as Uint8Array as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Financial years')!;
  const rows: (string | number | null)[][] = [];
  sheet.eachRow((row) => rows.push((row.values as (string | number | null)[]).slice(1)));
  const find = (scenarioName: string, measure: string, year: string) => rows.find((r) => r[0] === scenarioName && r[1] === measure && r[4] === year);

  it('opens with its three sheets and the financial-year columns', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Financial years', 'Assumptions']);
    expect(rows[0]).toEqual([...FY_SHEET_COLUMNS]);
    expect(String(wb.getWorksheet('Summary')!.getRow(2).getCell(1).value)).toMatch(/^Baseline: children in care/);
  });

  it('holds the same figures as summary.csv: spend per year and children in care at the year end, per scenario', () => {
    for (const name of ['', 'Foster £ recruitment']) {
      const label = name === '' ? 'Baseline' : name;
      const spend = find(label, 'Placement spend in the year', '2026-27')!;
      expect(spend[6]).toBeCloseTo(csvMean('cost', name, '2026-04-01', '2027-03-31'), 3);
      const stock = find(label, 'Children in care at the year end', '2027-28')!;
      expect(stock[6]).toBeCloseTo(csvMean('in_care', name, '2028-03-31', '2028-03-31'), 4);
      expect(typeof stock[7]).toBe('number');
    }
  });

  it('gives money a pound format and children a whole-number format', () => {
    const spendRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === 'Placement spend in the year')!;
    expect(spendRow.getCell(7).numFmt).toBe('£#,##0');
    const stockRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === 'Children in care at the year end')!;
    expect(stockRow.getCell(7).numFmt).toBe('#,##0');
  });

  it('records the assumptions the results hold: run, prices, places at the start', () => {
    const notes: string[] = [];
    wb.getWorksheet('Assumptions')!.eachRow((r) => notes.push(`${String(r.getCell(1).value)}: ${String(r.getCell(2).value)}`));
    expect(notes).toContain('Replications: 50');
    expect(notes.some((n) => n.startsWith('Prices: Cash prices'))).toBe(true);
    expect(notes.some((n) => n.startsWith('Places at the start: In-house foster: '))).toBe(true);
  });

  it('financial-years.csv holds the same lines, with a byte-order mark', () => {
    const text = files.get('financial-years.csv') as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(rows.length);
    expect(lines.find((l) => l.startsWith('Foster £ recruitment,Placement spend in the year,GBP,in the year,2026-27,12,'))).toBeDefined();
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resultsToCsv, type Results } from '@carecast/engine';
import { buildReport, checkResults, FY_SHEET_COLUMNS, type ScenarioAssumptions } from '../src/index.js';
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

  it('keeps its layout: column widths, a bold heading row kept in view, sentences wrapped at the top', () => {
    expect(sheet.columns.map((c) => c.width)).toEqual([34, 62, 10, 12, 14, 8, 14, 16, 16]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (let k = 1; k <= FY_SHEET_COLUMNS.length; k++) expect(sheet.getRow(1).getCell(k).font.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.Number);
    const summary = wb.getWorksheet('Summary')!;
    expect(summary.getColumn(1).width).toBe(140);
    expect(summary.getCell('A1').font.bold).toBe(true);
    expect(summary.getCell('A2').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect((summary.views ?? []).some((v) => v.state === 'frozen')).toBe(false);
    const notes = wb.getWorksheet('Assumptions')!;
    expect(Array.from({ length: 10 }, (_, k) => notes.getColumn(k + 1).width)).toEqual([58, 70, 30, 30, 30, 30, 30, 30, 30, 30]);
    expect(notes.getCell('A2').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
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

describe('summary.xlsx assumptions', async () => {
  // As results.json records them (written by the CLI from the scenario's parameters).
  const assumption = (scenario: string, ifa: number, levers: string[]): ScenarioAssumptions => ({
    scenario,
    priceBase: '2025-04-01',
    inflationPerYear: 0.03,
    weeklyCostGbp: { inhouse_foster: 650, ifa_foster: ifa, external_residential: 5600 },
    capacity: [
      { category: 'inhouse_foster', households: 72, placesPerHousehold: 2, recruitmentPerYear: 11, deregistrationPerHouseholdYear: 0.14, matchProbability: 0.1 },
      { category: 'inhouse_residential', beds: 16, matchProbability: 1 },
    ],
    levers,
  });
  const priced = makeResults({ name: 'Foster £ recruitment', entryFactor: 0.9, leverCostsPerMonth: { 'Recruitment campaign': 25_000 } });
  const { series, ...head } = baseline;
  const results = {
    ...head,
    assumptions: [assumption('Baseline', 820, []), assumption('Foster £ recruitment', 900, ['Recruitment campaign: 8 more households a year'])],
    series: [...series, ...makeCompare(baseline, [priced]).filter((r) => r.scenario !== 'Baseline')],
  } as Results;
  const files = await buildReport({ results });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(files.get('summary.xlsx') as Uint8Array as unknown as ArrayBuffer);
  const rows: { values: unknown[]; formats: (string | undefined)[] }[] = [];
  wb.getWorksheet('Assumptions')!.eachRow((r) => rows.push({ values: (r.values as unknown[]).slice(1), formats: [3, 4].map((k) => r.getCell(k).numFmt) }));
  const find = (label: string) => rows.find((r) => r.values[0] === label);

  it('has unit costs in GBP per week per scenario, with a pound format', () => {
    const ifa = find('Unit cost: IFA foster')!;
    expect(ifa.values.slice(1, 4)).toEqual(['GBP per week per placement', 820, 900]);
    expect(ifa.formats).toEqual(['£#,##0', '£#,##0']);
    expect(rows.find((r) => r.values[0] === 'Assumption')!.values).toEqual(['Assumption', 'Unit', 'Baseline', 'Foster £ recruitment']);
  });

  it('has inflation, the price base and capacity at the start', () => {
    expect(find('Inflation of unit costs (compounded from the price base: costs are cash prices)')!.values.slice(1, 3)).toEqual(['per year', 0.03]);
    expect(find('Price base')!.values[2]).toBe('2025-04-01');
    expect(find('Capacity: In-house foster, households at the start')!.values[2]).toBe(72);
    expect(find('Capacity: In-house foster, de-registration')!.values.slice(1, 3)).toEqual(['per household-year', 0.14]);
    expect(find('Capacity: In-house residential, places at the start')!.values[2]).toBe(16);
  });

  it('lists the levers and what each costs over the horizon, from the lever_cost rows', () => {
    expect(find('Levers (before levers act, the figures above hold)')!.values.slice(2, 4)).toEqual(['none', 'Recruitment campaign: 8 more households a year']);
    const cost = find('Lever cost over the horizon: Recruitment campaign')!;
    expect(cost.values[3]).toBeCloseTo(60 * 25_000, 6);
    expect(cost.values[2] ?? null).toBeNull();
  });

  it('checkResults names a malformed assumptions entry', () => {
    const bad = { ...results, assumptions: [{ scenario: 'x', priceBase: '2025-04-01', inflationPerYear: 0.03, weeklyCostGbp: { ifa_foster: 'a lot' }, capacity: [], levers: [] }] } as unknown as Results;
    expect(() => checkResults(bad)).toThrow(/results\.assumptions\[0\]\.weeklyCostGbp\.ifa_foster: expected a finite number of GBP per week, got "a lot"/);
  });
});

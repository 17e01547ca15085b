import type { Results } from '@carecast/engine';
import ExcelJS from 'exceljs';
import { categoriesOf, runRows, seriesRows } from '../rows.js';
import { swatchOf } from '../palette.js';
import type { FyTable } from '../tables/financial-years.js';
import { careLeaverYearTables } from '../tables/care-leaver-years.js';
import { byLeverOf, measureLabel } from '../by-lever/attribution.js';
import { addAssumptionRows } from './workbook-assumptions.js';

/** What summary.xlsx holds. */
export interface WorkbookInput {
  readonly results: Results;
  readonly summary: readonly string[];
  readonly financialYears: readonly FyTable[];
  readonly leversInWords?: readonly string[] | undefined;
}

const CHILDREN = '#,##0';
const CHILDREN_2DP = '#,##0.00';
const GBP = '£#,##0';

/** Columns of the "By lever" sheet: one row per scenario, measure and step (the baseline, each lever, the scenario, the difference). */
export const BY_LEVER_SHEET_COLUMNS = ['Scenario', 'Baseline', 'Measure', 'Unit', 'Step', 'Order', 'Lever in words', 'Value'] as const;

/** Columns of the "Financial years" sheet, one row per scenario, line and year: a table to paste or pivot. */
export const FY_SHEET_COLUMNS = ['Scenario', 'Measure', 'Unit', 'Counted', 'Financial year', 'Months', 'Mean', '5th percentile', '95th percentile'] as const;

// Zip entries carry the time they were written; a fixed one (1 Jan 1980, DOS epoch) makes the file byte-stable.
function fixZipTimes(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('summary.xlsx: no zip end record');
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('summary.xlsx: bad zip directory');
    view.setUint16(p + 12, 0, true);
    view.setUint16(p + 14, 0x21, true);
    const local = view.getUint32(p + 42, true);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, 0x21, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return zip;
}

/** One row per scenario, line and year (and the horizon's total for flows), numbers formatted by unit. */
function addFyRows(sheet: ExcelJS.Worksheet, tables: readonly FyTable[]): void {
  for (const t of tables) {
    for (const r of t.rows) {
      const format = r.unit === 'GBP' ? GBP : CHILDREN;
      const line = (year: string, months: number | null, c: { mean: number; p05?: number; p95?: number } | undefined) => {
        if (!c) return;
        const row = sheet.addRow([t.scenario, r.label, r.unit === 'GBP' ? 'GBP' : 'children', r.kind === 'stock' ? 'year end' : 'in the year', year, months, c.mean, c.p05 ?? null, c.p95 ?? null]);
        for (const k of [7, 8, 9]) row.getCell(k).numFmt = format;
      };
      r.cells.forEach((c, i) => line(t.columns[i]!.year, t.columns[i]!.months, c));
      if (r.total) line('Total', t.columns.reduce((a, c) => a + c.months, 0), r.total);
    }
  }
}

/**
 * summary.xlsx: the summary sentences, the financial-year tables (numbers with number formats: children
 * as whole numbers, GBP in pounds), the split by lever when the results hold one, and the assumptions
 * (run, levers, places at the start; unit costs, inflation, capacity and lever costs when the results
 * record them). The same input gives the same bytes.
 */
export async function summaryWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const { results } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = `${results.tool.name} ${results.tool.version}`;
  wb.created = new Date(`${results.start}T00:00:00Z`);
  wb.modified = wb.created;

  const summary = wb.addWorksheet('Summary');
  summary.columns = [{ header: 'In brief', key: 'text', width: 140 }];
  summary.getRow(1).font = { bold: true };
  for (const s of input.summary) summary.addRow([s]).alignment = { wrapText: true, vertical: 'top' };

  const fy = wb.addWorksheet('Financial years', { views: [{ state: 'frozen', ySplit: 1 }] });
  fy.columns = FY_SHEET_COLUMNS.map((header, i) => ({ header, width: [34, 62, 10, 12, 14, 8, 14, 16, 16][i] ?? 14 }));
  fy.getRow(1).font = { bold: true };
  addFyRows(fy, input.financialYears);

  // Care leavers (when the results follow them): the same columns, one line per year and measure.
  const leavers = careLeaverYearTables({ results });
  if (leavers.some((t) => t.rows.length > 0)) {
    const sheet = wb.addWorksheet('Care leavers', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = FY_SHEET_COLUMNS.map((header, i) => ({ header, width: [34, 62, 10, 12, 14, 8, 14, 16, 16][i] ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    addFyRows(sheet, leavers);
  }

  const splits = byLeverOf(results);
  if (splits.length > 0) {
    const sheet = wb.addWorksheet('By lever', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = BY_LEVER_SHEET_COLUMNS.map((header, i) => ({ header, width: [34, 24, 52, 10, 40, 7, 90, 16][i] ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    for (const a of splits) {
      for (const m of a.measures) {
        const format = m.unit === 'GBP' ? GBP : CHILDREN_2DP;
        const add = (step: string, order: number, words: string, value: number) => {
          sheet.addRow([a.scenario, a.baseline, measureLabel(m), m.unit, step, order, words, value]).getCell(8).numFmt = format;
        };
        add(`Baseline: ${a.baseline}`, 0, '', m.baseline);
        a.steps.forEach((s, k) => add(`+ ${s.label}`, k + 1, s.lever, m.steps[k]!));
        add(`Scenario: ${a.scenario}`, a.steps.length + 1, '', m.scenario);
        add('Difference (sum of the steps)', a.steps.length + 2, '', m.difference);
      }
    }
  }

  const notes = wb.addWorksheet('Assumptions');
  // Room for the assumptions table below the run's facts: a unit column, then one column per scenario.
  notes.columns = [
    { header: 'Item', key: 'k', width: 58 },
    { header: 'Value', key: 'v', width: 70 },
    ...Array.from({ length: 8 }, () => ({ width: 30 })),
  ];
  notes.getRow(1).font = { bold: true };
  const facts: [string, string | number][] = [
    ['Scenario', results.scenario.name],
    ['Scenario file', results.scenario.source],
    ...(results.scenario.description ? ([['Description', results.scenario.description]] as [string, string][]) : []),
    ['Projection', `${results.start} to ${results.end}`],
    ['Method', results.mode === 'expected-value' ? 'Expected values (deterministic projection, supply by an approximation)' : 'Monte Carlo microsimulation'],
    ['Replications', results.replications],
    ['Seed', results.seed],
    ['Statistic', 'Mean over replications; the 5th and 95th percentiles are the range of outcomes, not the precision of the mean, and leave out uncertainty in the rates.'],
    ['Prices', "Cash prices: the scenario file's weekly unit costs with its inflation compounded from the start (see the scenario file for the rates)."],
    ['Flows', 'Entries, exits, placements out of preference and spend are sums of monthly means over the financial year (April to March); they have no percentiles.'],
    ['Tool', `${results.tool.name} ${results.tool.version}`],
  ];
  for (const f of facts) notes.addRow(f).alignment = { wrapText: true, vertical: 'top' };
  const levers = input.leversInWords ?? results.levers;
  for (const l of levers ?? []) notes.addRow(['Lever', l]).alignment = { wrapText: true, vertical: 'top' };
  const run = runRows(results);
  for (const c of categoriesOf(run, 'capacity')) {
    const first = seriesRows(run, 'capacity', c)[0];
    if (first) notes.addRow([`Places at the start: ${swatchOf('category', c).label}`, first.mean]).getCell(2).numFmt = CHILDREN;
  }
  addAssumptionRows(notes, results);

  return fixZipTimes(new Uint8Array(await wb.xlsx.writeBuffer()));
}

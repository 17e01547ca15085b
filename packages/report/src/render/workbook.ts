import type { Results } from '@carecast/engine';
import { categoriesOf, runRows, seriesRows } from '../rows.js';
import { swatchOf } from '../palette.js';
import type { FyTable } from '../tables/financial-years.js';
import { careLeaverYearTables } from '../tables/care-leaver-years.js';
import { byLeverOf, measureLabel } from '../by-lever/attribution.js';
import { addAssumptionRows } from './workbook-assumptions.js';
import { xlsxFile } from './xlsx-file.js';
import { WorkbookSheet } from './workbook-sheet.js';

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
const WRAP = { wrapTop: true } as const;
const FROZEN = { frozenHeader: true } as const;
const fyColumns = () => FY_SHEET_COLUMNS.map((header, i) => ({ header, width: [34, 62, 10, 12, 14, 8, 14, 16, 16][i] ?? 14 }));

/** Columns of the "By lever" sheet: one row per scenario, measure and step (the baseline, each lever, the scenario, the difference). */
export const BY_LEVER_SHEET_COLUMNS = ['Scenario', 'Baseline', 'Measure', 'Unit', 'Step', 'Order', 'Lever in words', 'Value'] as const;

/** Columns of the "Financial years" sheet, one row per scenario, line and year: a table to paste or pivot. */
export const FY_SHEET_COLUMNS = ['Scenario', 'Measure', 'Unit', 'Counted', 'Financial year', 'Months', 'Mean', '5th percentile', '95th percentile'] as const;

/** One row per scenario, line and year (and the horizon's total for flows), numbers formatted by unit. */
function addFyRows(sheet: WorkbookSheet, tables: readonly FyTable[]): void {
  for (const t of tables) {
    for (const r of t.rows) {
      const format = r.unit === 'GBP' ? GBP : CHILDREN;
      const line = (year: string, months: number | null, c: { mean: number; p05?: number; p95?: number } | undefined) => {
        if (!c) return;
        const row = sheet.addRow([t.scenario, r.label, r.unit === 'GBP' ? 'GBP' : 'children', r.kind === 'stock' ? 'year end' : 'in the year', year, months, c.mean, c.p05 ?? null, c.p95 ?? null]);
        for (const k of [7, 8, 9]) row.numFmt(k, format);
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
  const sheets: WorkbookSheet[] = [];
  const addSheet = (sheet: WorkbookSheet) => (sheets.push(sheet), sheet);

  const summary = addSheet(new WorkbookSheet('Summary', [{ header: 'In brief', width: 140 }]));
  for (const s of input.summary) summary.addRow([s], WRAP);

  const fy = addSheet(new WorkbookSheet('Financial years', fyColumns(), FROZEN));
  addFyRows(fy, input.financialYears);

  // Care leavers (when the results follow them): the same columns, one line per year and measure.
  const leavers = careLeaverYearTables({ results });
  if (leavers.some((t) => t.rows.length > 0)) {
    addFyRows(addSheet(new WorkbookSheet('Care leavers', fyColumns(), FROZEN)), leavers);
  }

  const splits = byLeverOf(results);
  if (splits.length > 0) {
    const sheet = addSheet(new WorkbookSheet('By lever', BY_LEVER_SHEET_COLUMNS.map((header, i) => ({ header, width: [34, 24, 52, 10, 40, 7, 90, 16][i] ?? 14 })), FROZEN));
    for (const a of splits) {
      for (const m of a.measures) {
        const format = m.unit === 'GBP' ? GBP : CHILDREN_2DP;
        const add = (step: string, order: number, words: string, value: number) => {
          sheet.addRow([a.scenario, a.baseline, measureLabel(m), m.unit, step, order, words, value]).numFmt(8, format);
        };
        add(`Baseline: ${a.baseline}`, 0, '', m.baseline);
        a.steps.forEach((s, k) => add(`+ ${s.label}`, k + 1, s.lever, m.steps[k]!));
        add(`Scenario: ${a.scenario}`, a.steps.length + 1, '', m.scenario);
        add('Difference (sum of the steps)', a.steps.length + 2, '', m.difference);
      }
    }
  }

  // Room for the assumptions table below the run's facts: a unit column, then one column per scenario.
  const notes = addSheet(
    new WorkbookSheet('Assumptions', [{ header: 'Item', width: 58 }, { header: 'Value', width: 70 }, ...Array.from({ length: 8 }, () => ({ width: 30 }))]),
  );
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
  for (const f of facts) notes.addRow(f, WRAP);
  const levers = input.leversInWords ?? results.levers;
  for (const l of levers ?? []) notes.addRow(['Lever', l], WRAP);
  const run = runRows(results);
  for (const c of categoriesOf(run, 'capacity')) {
    const first = seriesRows(run, 'capacity', c)[0];
    if (first) notes.addRow([`Places at the start: ${swatchOf('category', c).label}`, first.mean]).numFmt(2, CHILDREN);
  }
  addAssumptionRows(notes, results);

  return xlsxFile(sheets.map((s) => s.toSheet()));
}

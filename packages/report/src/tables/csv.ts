import { formatCsvNumber } from '@carecast/engine';
import { FY_SHEET_COLUMNS } from '../render/workbook.js';
import type { FyTable } from './financial-years.js';

/** A byte-order mark, so Excel reads the file as UTF-8 (a £ in a scenario name stays a £). */
export const UTF8_BOM = '\uFEFF';

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** financial-years.csv: the "Financial years" sheet of summary.xlsx as CSV, with a byte-order mark. */
export function financialYearsCsv(tables: readonly FyTable[]): string {
  const lines = [FY_SHEET_COLUMNS.join(',')];
  for (const t of tables) {
    for (const r of t.rows) {
      const line = (year: string, months: number, c: { mean: number; p05?: number; p95?: number } | undefined) => {
        if (!c) return;
        const num = (x: number | undefined) => (x === undefined ? '' : formatCsvNumber(x));
        lines.push([t.scenario, r.label, r.unit === 'GBP' ? 'GBP' : 'children', r.kind === 'stock' ? 'year end' : 'in the year', year, String(months)].map(field).concat([num(c.mean), num(c.p05), num(c.p95)]).join(','));
      };
      r.cells.forEach((c, i) => line(t.columns[i]!.year, t.columns[i]!.months, c));
      if (r.total) line('Total', t.columns.reduce((a, c) => a + c.months, 0), r.total);
    }
  }
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

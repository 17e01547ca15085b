import { formatNumber, formatSigned } from '../render/format.js';
import type { FyCell, FyRow } from './financial-years.js';

/** GBP as the report writes it: `£28.63m`. */
export function formatGbpMillions(gbp: number, signed = false): string {
  const text = (signed ? formatSigned : formatNumber)(gbp / 1e6, 2);
  return text.startsWith('-') ? `-£${text.slice(1)}m` : text.startsWith('+') ? `+£${text.slice(1)}m` : `£${text}m`;
}

/** A cell of a financial-year table as text: stocks `453 (420 to 488)` (`16` when every run gives 16), flows `212`, money `£28.63m`. */
export function formatFyCell(row: Pick<FyRow, 'unit' | 'label'>, cell: FyCell | undefined): string {
  if (cell === undefined) return 'n/a';
  if (row.unit === 'GBP') return formatGbpMillions(cell.mean);
  const signed = row.label.startsWith('Difference') || row.label.includes(': gap at ');
  const f = signed ? formatSigned : formatNumber;
  if (cell.p05 === undefined || cell.p95 === undefined) return f(cell.mean);
  // A figure that is the same in every run (places with no change) needs no range.
  const [mean, low, high] = [f(cell.mean), f(cell.p05), f(cell.p95)];
  return low === mean && high === mean ? mean : `${mean} (${low} to ${high})`;
}

import type { Results, SeriesRow } from './types.js';

/** Columns of summary.csv, in order. */
export const CSV_COLUMNS = [
  'date',
  'metric',
  'category',
  'scenario',
  'delta',
  'mean',
  'p05',
  'p25',
  'p50',
  'p75',
  'p95',
  'ci95_low',
  'ci95_high',
] as const;

const NUMBER_COLUMNS = ['mean', 'p05', 'p25', 'p50', 'p75', 'p95', 'ci95_low', 'ci95_high'] as const;

/**
 * A number as summary.csv writes it: rounded to 6 decimals, without trailing zeros or exponent, and
 * `-0` as `0`, so the same value always prints the same text on every platform.
 */
export function formatCsvNumber(x: number): string {
  if (!Number.isFinite(x)) return x !== x ? 'NaN' : x > 0 ? 'Inf' : '-Inf';
  let s = x.toFixed(6);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** A field quoted per RFC 4180 when it holds a comma, quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(row: SeriesRow, meanOnly: boolean): string {
  const fields = [row.date, row.metric, row.category, row.scenario ?? '', row.delta ? 'true' : 'false'].map(csvField);
  for (const c of NUMBER_COLUMNS) fields.push(meanOnly && c !== 'mean' ? '' : formatCsvNumber(row[c]));
  return fields.join(',');
}

/**
 * summary.csv: a header and one line per row of `results.series`, LF line endings, final newline. An
 * expected-value projection has no range of outcomes: its percentile and interval cells are empty.
 */
export function resultsToCsv(results: Results): string {
  const lines = [CSV_COLUMNS.join(',')];
  const meanOnly = results.mode === 'expected-value';
  for (const row of results.series) lines.push(csvLine(row, meanOnly));
  return lines.join('\n') + '\n';
}

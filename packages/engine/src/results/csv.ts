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
  // A whole number below 2^53 prints the same digits either way (String(-0) is '0'): most counts.
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return String(x);
  const s = x.toFixed(6);
  if (!s.includes('.')) return s; // toFixed writes 1e21 and above in exponent form
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--; // trailing '0'
  if (s.charCodeAt(end - 1) === 46) end--; // a trailing '.'
  const trimmed = s.slice(0, end);
  return trimmed === '-0' ? '0' : trimmed;
}

/** A field quoted per RFC 4180 when it holds a comma, quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(row: SeriesRow, meanOnly: boolean, field: (value: string) => string): string {
  let line = `${field(row.date)},${field(row.metric)},${field(row.category)},${field(row.scenario ?? '')},${row.delta ? 'true' : 'false'}`;
  for (const c of NUMBER_COLUMNS) line += meanOnly && c !== 'mean' ? ',' : `,${formatCsvNumber(row[c])}`;
  return line;
}

/**
 * summary.csv: a header and one line per row of `results.series`, LF line endings, final newline. An
 * expected-value projection has no range of outcomes: its percentile and interval cells are empty.
 */
export function resultsToCsv(results: Results): string {
  const lines = [CSV_COLUMNS.join(',')];
  const meanOnly = results.mode === 'expected-value';
  // Dates, metrics, categories and scenarios repeat from row to row: each is quoted (or not) once.
  const quoted = new Map<string, string>();
  const field = (value: string): string => {
    let q = quoted.get(value);
    if (q === undefined) quoted.set(value, (q = csvField(value)));
    return q;
  };
  for (const row of results.series) lines.push(csvLine(row, meanOnly, field));
  return lines.join('\n') + '\n';
}

import type { Results } from './types.js';

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

/**
 * summary.csv: a header and one line per row of `results.series`, LF line endings, final newline. An
 * expected-value projection has no range of outcomes: its percentile and interval cells are empty.
 * Each line is one `join` of its cells and the file one `join` of its lines: concatenating a line's
 * cells one by one made a tree of some 14 strings per line that the final join had to walk and copy
 * (about 9 MB of garbage for a 1 MB file, and twice the time, run once per command and so cold).
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
  const cells = new Array<string>(CSV_COLUMNS.length).fill('');
  for (const row of results.series) {
    // CSV_COLUMNS in order, each number read by its name written out: this runs once per command, in
    // V8's baseline tier, where a read by a name held in a variable (a loop over the number columns)
    // costs several times as much (session 21, cli README).
    cells[0] = field(row.date);
    cells[1] = field(row.metric);
    cells[2] = field(row.category);
    cells[3] = field(row.scenario ?? '');
    cells[4] = row.delta ? 'true' : 'false';
    cells[5] = formatCsvNumber(row.mean);
    if (!meanOnly) {
      cells[6] = formatCsvNumber(row.p05);
      cells[7] = formatCsvNumber(row.p25);
      cells[8] = formatCsvNumber(row.p50);
      cells[9] = formatCsvNumber(row.p75);
      cells[10] = formatCsvNumber(row.p95);
      cells[11] = formatCsvNumber(row.ci95_low);
      cells[12] = formatCsvNumber(row.ci95_high);
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

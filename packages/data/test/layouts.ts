// Rewrites a synthetic per-year SSDA903 folder (sub-folders named by the 31 March each return ends on,
// as `synthesize` writes them) into the other layouts and date forms the sector uses, for tests.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Layout =
  /** `2026/episodes.csv`: folders named by the year the return ends (DfE). */
  | 'end-year-folders'
  /** `2025-26/episodes.csv`. */
  | 'span-folders'
  /** `2025/episodes.csv`: folders named by the year the return starts (the regional model's port). */
  | 'start-year-folders'
  /** `2025-episodes.csv` in one folder, named by the start year. */
  | 'start-year-files'
  /** One `episodes.csv`, `header.csv`, `uasc.csv` with LA and YEAR (start year) columns. */
  | 'stacked-start-year'
  /** Stacked, YEAR = the year the return ends. */
  | 'stacked-end-year';

export const LAYOUTS: readonly Layout[] = ['end-year-folders', 'span-folders', 'start-year-folders', 'start-year-files', 'stacked-start-year', 'stacked-end-year'];

export type DateForm = 'dmy' | 'mdy' | 'iso' | 'excel-serial';

const TABLES = ['header', 'episodes', 'uasc'] as const;

/** Collection years (end years) in a synthetic folder, ascending. */
export function yearsIn(src: string): number[] {
  return readdirSync(src)
    .filter((n) => /^\d{4}$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
}

/** A CSV as rows of named fields (the synthetic files hold no quoted fields; a byte-order mark is skipped). */
export function readCsv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = head!.split(',');
  return lines.map((line) => Object.fromEntries(columns.map((c, i) => [c, line.split(',')[i] ?? ''])));
}

/** A DD/MM/YYYY date as YYYY-MM-DD. */
export const dmyToIso = (dmy: string): string => `${dmy.slice(6, 10)}-${dmy.slice(3, 5)}-${dmy.slice(0, 2)}`;

/**
 * The oracle for stocks: children in care at the end of `iso`, counted straight from the Episodes CSV of
 * the return (in `folder`'s per-year sub-folders) of the collection year holding that day, short breaks
 * (LS V3, V4) left out.
 */
export function stockFromCsv(folder: string, iso: string): number {
  const year = Number(iso.slice(0, 4)) + (Number(iso.slice(5, 7)) >= 4 ? 1 : 0);
  const inCare = new Set<string>();
  for (const e of readCsv(join(folder, String(year), 'episodes.csv'))) {
    if (e['LS'] === 'V3' || e['LS'] === 'V4') continue;
    if (dmyToIso(e['DECOM']!) <= iso && (e['DEC'] === '' || dmyToIso(e['DEC']!) > iso)) inCare.add(e['CHILD']!);
  }
  return inCare.size;
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n');
}

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** One DD/MM/YYYY cell in another form. */
export function reformatDate(cell: string, form: DateForm): string {
  const m = DMY.exec(cell);
  if (!m || form === 'dmy') return cell;
  const [, d, mo, y] = m;
  if (form === 'mdy') return `${mo}/${d}/${y}`;
  if (form === 'iso') return `${y}-${mo}-${d}`;
  // Excel 1900 date system: serial 25569 is 1970-01-01.
  return String(Date.UTC(Number(y), Number(mo) - 1, Number(d)) / 86_400_000 + 25569);
}

function reformatLines(lines: string[], form: DateForm): string[] {
  if (form === 'dmy') return lines;
  return lines.map((line, i) => (i === 0 ? line : line.split(',').map((c) => reformatDate(c, form)).join(',')));
}

/**
 * Writes the returns in `src` to `out` in `layout`, dates in `form`; `la` names the authority in the
 * stacked layouts. Returns `out`.
 */
export function writeLayout(src: string, out: string, layout: Layout, options: { form?: DateForm; la?: string; dropUasc?: boolean } = {}): string {
  const form = options.form ?? 'dmy';
  const la = options.la ?? '999';
  const stacked: Record<string, string[]> = {};
  for (const end of yearsIn(src)) {
    for (const table of TABLES) {
      if (table === 'uasc' && options.dropUasc) continue;
      const lines = reformatLines(readLines(join(src, String(end), `${table}.csv`)), form);
      const folder =
        layout === 'end-year-folders' ? String(end) : layout === 'span-folders' ? `${end - 1}-${String(end).slice(2)}` : layout === 'start-year-folders' ? String(end - 1) : null;
      if (folder !== null) {
        mkdirSync(join(out, folder), { recursive: true });
        writeFileSync(join(out, folder, `${table}.csv`), `${lines.join('\n')}\n`);
      } else if (layout === 'start-year-files') {
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, `${end - 1}-${table}.csv`), `${lines.join('\n')}\n`);
      } else {
        const year = layout === 'stacked-start-year' ? end - 1 : end;
        const rows = (stacked[table] ??= [`LA,YEAR,${lines[0]}`]);
        for (const line of lines.slice(1)) rows.push(`${la},${year},${line}`);
      }
    }
  }
  for (const [table, rows] of Object.entries(stacked)) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${table}.csv`), `${rows.join('\n')}\n`);
  }
  return out;
}

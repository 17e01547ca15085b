import { DataError } from './errors.js';

/** Opens an input file as UTF-8 text in chunks: Node's file streams (node-files.ts) or a browser's File (text-files.ts). */
export type OpenTable = (file: string) => AsyncIterable<string>;

/** One input table being read: its path and where each wanted column sits (0-based). */
export interface TableColumns {
  file: string;
  /** Upper-case column name -> 0-based index in the file; only columns that are present. */
  index: Record<string, number>;
  /** Columns in the header row. */
  width: number;
}

/**
 * Splits one CSV record (RFC 4180: quoted fields, doubled quotes) into trimmed cells; returns null
 * when a quoted field is still open at the end of the text (the record continues on the next line).
 */
export function splitCsvRecord(text: string): string[] | null {
  if (!text.includes('"')) {
    const cells = text.split(',');
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      if (c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32)) cells[i] = c.trim();
    }
    return cells;
  }
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell.trim());
  return cells;
}

/**
 * Reads the rows of a CSV file from its text `chunks` (any cut: lines are joined across chunks), calling `onRow(cells, row, present)` for each data row (`row`
 * is the 1-based line where the record starts; the header is row 1; `present` counts the cells the
 * record really has, at least up to the last wanted column: fewer means a short row). Column names are matched
 * case-insensitively; a missing `required` column stops with a DataError. Extra columns are ignored.
 */
export async function streamTable(
  file: string,
  chunks: AsyncIterable<string>,
  required: readonly string[],
  optional: readonly string[],
  onHeader: (cols: TableColumns) => void,
  onRow: (cells: string[], row: number, present: number) => void,
): Promise<void> {
  let line = 0;
  let pending = '';
  let pendingRow = 0;
  let header = false;
  // After the header, unquoted lines are cut only at the columns wanted, into one reused array.
  let wantedUpTo = -1;
  const fast: string[] = [];
  const take = (raw: string): void => {
    line++;
    let text = raw.length > 0 && raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (pending !== '') text = `${pending}\n${text}`;
    else pendingRow = line;
    if (header && pending === '' && text.indexOf('"') < 0) {
      if (text.length === 0) return;
      let from = 0;
      let present = wantedUpTo + 1;
      for (let i = 0; i <= wantedUpTo; i++) {
        if (from > text.length && present > i) present = i;
        const comma = text.indexOf(',', from);
        const to = comma < 0 ? text.length : comma;
        const c = from <= text.length ? text.slice(from, to) : '';
        fast[i] = c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32) ? c.trim() : c;
        from = comma < 0 ? text.length + 1 : comma + 1;
      }
      onRow(fast, pendingRow, present);
      return;
    }
    const cells = splitCsvRecord(text);
    if (cells === null) {
      pending = text;
      return;
    }
    pending = '';
    if (cells.length === 1 && cells[0] === '') return;
    if (!header) {
      header = true;
      const cols = headerColumns(file, cells, required, optional);
      wantedUpTo = Math.max(...Object.values(cols.index));
      onHeader(cols);
      return;
    }
    onRow(cells, pendingRow, cells.length);
  };
  try {
    // Lines are cut from 1 MB chunks by hand: several times faster than readline's async iterator.
    let rest = '';
    for await (const chunk of chunks) {
      const text = rest + chunk;
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        take(text.slice(from, nl));
        from = nl + 1;
      }
      rest = text.slice(from);
    }
    if (rest !== '') take(rest);
  } catch (e) {
    if (e instanceof DataError) throw e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') throw new DataError(file, 0, 0, `cannot read the file (${code}); expected a readable CSV file`);
    if (e instanceof Error && e.name === 'NotReadableError') throw new DataError(file, 0, 0, `cannot read the file (${e.message}); expected a readable CSV file`);
    throw e;
  }
  if (pending !== '') {
    throw new DataError(file, pendingRow, 1, 'unparsable CSV: a quoted field is never closed; expected a closing double quote');
  }
  if (!header) throw new DataError(file, 1, 1, `empty file; expected a header row with ${required.join(', ')}`);
}

function headerColumns(file: string, header: string[], required: readonly string[], optional: readonly string[]): TableColumns {
  const index: Record<string, number> = {};
  const wanted = new Set([...required, ...optional]);
  header.forEach((name, i) => {
    const key = name.trim().toUpperCase();
    if (wanted.has(key) && !(key in index)) index[key] = i;
  });
  const missing = required.filter((c) => !(c in index));
  if (missing.length > 0) {
    throw new DataError(
      file,
      1,
      header.length + 1,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected a header with ${required.join(', ')}`,
    );
  }
  return { file, index, width: header.length };
}

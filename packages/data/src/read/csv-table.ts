import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { DataError } from './errors.js';

/** One input table being read: its path and where each wanted column sits (0-based). */
export interface TableColumns {
  file: string;
  /** Upper-case column name -> 0-based index in the file; only columns that are present. */
  index: Record<string, number>;
}

/**
 * Streams the rows of a CSV file, calling `onRow(cells, row)` for each data row (`row` is the
 * 1-based record number with the header as row 1). Column names are matched case-insensitively;
 * a missing `required` column stops with a DataError. Extra columns are ignored.
 */
export async function streamTable(
  file: string,
  required: readonly string[],
  optional: readonly string[],
  onHeader: (cols: TableColumns) => void,
  onRow: (cells: string[], row: number) => void,
): Promise<void> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  const input = createReadStream(file);
  let failure: unknown = null;
  input.on('error', (e) => {
    failure = e;
    parser.destroy(e);
  });
  input.pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (row === 1) {
        onHeader(headerColumns(file, record, required, optional));
        continue;
      }
      if (record.length === 1 && record[0] === '') continue;
      onRow(record, row);
    }
  } catch (e) {
    const cause = failure ?? e;
    if (cause instanceof DataError) throw cause;
    if (cause instanceof CsvError) {
      const lines = (cause as CsvError & { lines?: number }).lines ?? row + 1;
      throw new DataError(file, lines, 1, `unparsable CSV (${cause.message}); expected comma-separated values with a header row`);
    }
    const code = (cause as NodeJS.ErrnoException).code;
    if (code) throw new DataError(file, 0, 0, `cannot read the file (${code}); expected a readable CSV file`);
    throw cause;
  }
  if (row === 0) {
    throw new DataError(file, 1, 1, `empty file; expected a header row with ${required.join(', ')}`);
  }
}

function headerColumns(
  file: string,
  header: string[],
  required: readonly string[],
  optional: readonly string[],
): TableColumns {
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
  return { file, index };
}

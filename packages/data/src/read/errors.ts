/** Where in a file something was found: 1-based row (the header is row 1) and column. */
export interface Place {
  file: string;
  row: number;
  col: number;
}

/** A structural problem with an input file (missing column, unreadable file): reading stops; row 0 = the whole file. */
export class DataError extends Error {
  override readonly name = 'DataError';
  constructor(
    readonly file: string,
    readonly row: number,
    readonly col: number,
    readonly detail: string,
  ) {
    super(row > 0 ? `${file}:${row}:${col}: ${detail}` : `${file}: ${detail}`);
  }
}

/** `file:row:col: message`, the form every data-quality message takes (`file: message` for the whole file). */
export const formatPlace = (p: Place, message: string): string => (p.row > 0 ? `${p.file}:${p.row}:${p.col}: ${message}` : `${p.file}: ${message}`);

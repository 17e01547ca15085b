import type { CellObject, Sheet } from 'write-excel-file/node';

/** A cell's value: text, a number, or nothing (no cell; so is a number that is not finite). */
export type SheetValue = string | number | null;

/** A column of a sheet: its heading in row 1 (when given) and its width in characters. */
export interface SheetColumn {
  readonly header?: string;
  readonly width: number;
}

/** How a row's cells look: bold text, or text wrapped and aligned to the top. */
export interface RowStyle {
  readonly bold?: boolean;
  readonly wrapTop?: boolean;
}

/** One row being written; `numFmt` gives a cell an Excel number format such as `£#,##0`. */
export class SheetRow {
  constructor(readonly cells: (CellObject | null)[]) {}

  /** Gives the cell in 1-based `column` the number format `format`, keeping its other style. */
  numFmt(column: number, format: string): this {
    const cell = this.cells[column - 1];
    if (cell) cell.format = format;
    return this;
  }
}

/**
 * A worksheet as write-excel-file takes it: headings in bold in row 1 when any column has one (kept in
 * view while scrolling with `frozenHeader`), then rows in order.
 */
export class WorkbookSheet {
  private readonly rows: SheetRow[] = [];
  constructor(
    readonly name: string,
    readonly columns: readonly SheetColumn[],
    readonly options: { readonly frozenHeader?: boolean } = {},
  ) {
    if (columns.some((c) => c.header !== undefined)) this.addRow(columns.map((c) => c.header ?? null), { bold: true });
  }

  addRow(values: readonly SheetValue[], style?: RowStyle): SheetRow {
    const look: Partial<CellObject> = { ...(style?.bold ? { fontWeight: 'bold' } : {}), ...(style?.wrapTop ? { wrap: true, alignVertical: 'top' } : {}) };
    const row = new SheetRow(values.map((value) => (value === null || (typeof value === 'number' && !Number.isFinite(value)) ? null : { value, ...look })));
    this.rows.push(row);
    return row;
  }

  /** The sheet as write-excel-file's `Sheet`. */
  toSheet(): Sheet<never> {
    return {
      sheet: this.name,
      columns: this.columns.map((c) => ({ width: c.width })),
      ...(this.options.frozenHeader ? { stickyRowsCount: 1 } : {}),
      data: this.rows.map((r) => r.cells),
    };
  }
}

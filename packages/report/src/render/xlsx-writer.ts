import { zipSync } from 'fflate';

/** A cell's value: text, a number, or nothing (no cell). */
export type XlsxValue = string | number | null;

/** A column of a sheet: its heading in row 1 (when given) and its width in characters. */
export interface XlsxColumn {
  readonly header?: string;
  readonly width: number;
}

/** How a cell looks: bold text, wrapped text aligned to the top, an Excel number format such as `£#,##0`. */
export interface XlsxFormat {
  readonly bold?: boolean;
  readonly wrapTop?: boolean;
  readonly numFmt?: string;
}

/** One row being written: its values, and formats by 1-based column. */
export class XlsxRow {
  readonly formats: (XlsxFormat | undefined)[];
  constructor(
    readonly values: readonly XlsxValue[],
    format: XlsxFormat | undefined,
  ) {
    this.formats = values.map(() => format);
  }

  /** Gives the cell in 1-based `column` the number format `numFmt`, keeping the row's other formatting. */
  numFmt(column: number, numFmt: string): this {
    this.formats[column - 1] = { ...this.formats[column - 1], numFmt };
    return this;
  }
}

/** A worksheet: columns (headings in bold in row 1 when any column has one), then rows in order. */
export class XlsxSheet {
  readonly rows: XlsxRow[] = [];
  constructor(
    readonly name: string,
    readonly columns: readonly XlsxColumn[],
    readonly options: { readonly frozenHeader?: boolean } = {},
  ) {
    if (columns.some((c) => c.header !== undefined)) this.addRow(columns.map((c) => c.header ?? null), { bold: true });
  }

  addRow(values: readonly XlsxValue[], format?: XlsxFormat): XlsxRow {
    const row = new XlsxRow(values, format);
    this.rows.push(row);
    return row;
  }
}

/** The workbook's document properties: who made it and when (an ISO date or date-time, UTC). */
export interface XlsxProperties {
  readonly creator: string;
  readonly created: string;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE_PREFIX = 'application/vnd.openxmlformats-officedocument';
// Zip entries carry the time they were written; a fixed one (1 Jan 1980, the DOS epoch, in the
// writer's local time, which is how zip stores it) makes the file byte-stable.
const ZIP_TIME = new Date(1980, 0, 1);

/** Text escaped for XML, without the control characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are the characters removed
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** Spreadsheet column letters of a 1-based column number: 1 is A, 27 is AA. */
export function columnLetters(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Cell formats numbered as styles.xml lists them (0 is the plain default). */
class Styles {
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = new Map<string, number>([['||', 0]]);
  private readonly xfList: { bold: boolean; wrapTop: boolean; numFmtId: number }[] = [{ bold: false, wrapTop: false, numFmtId: 0 }];

  index(f: XlsxFormat | undefined): number {
    if (!f) return 0;
    const key = `${f.bold ? 'b' : ''}|${f.wrapTop ? 'w' : ''}|${f.numFmt ?? ''}`;
    let i = this.xfs.get(key);
    if (i === undefined) {
      let numFmtId = 0;
      if (f.numFmt !== undefined) {
        numFmtId = this.numFmts.get(f.numFmt) ?? 164 + this.numFmts.size; // 164 on: custom formats
        this.numFmts.set(f.numFmt, numFmtId);
      }
      i = this.xfList.length;
      this.xfList.push({ bold: f.bold === true, wrapTop: f.wrapTop === true, numFmtId });
      this.xfs.set(key, i);
    }
    return i;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xml(code)}"/>`).join('');
    const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
    const xfs = this.xfList
      .map((x) => {
        const apply = `${x.numFmtId ? ' applyNumberFormat="1"' : ''}${x.bold ? ' applyFont="1"' : ''}${x.wrapTop ? ' applyAlignment="1"' : ''}`;
        const body = x.wrapTop ? '<alignment vertical="top" wrapText="1"/>' : '';
        return `<xf numFmtId="${x.numFmtId}" fontId="${x.bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${apply}${body ? `>${body}</xf>` : '/>'}`;
      })
      .join('');
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      (this.numFmts.size > 0 ? `<numFmts count="${this.numFmts.size}">${numFmts}</numFmts>` : '') +
      `<fonts count="2">${font(false)}${font(true)}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfList.length}">${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** Texts numbered as sharedStrings.xml lists them. */
class SharedStrings {
  private readonly ids = new Map<string, number>();
  private count = 0;

  index(text: string): number {
    this.count++;
    let i = this.ids.get(text);
    if (i === undefined) {
      i = this.ids.size;
      this.ids.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items = [...this.ids.keys()].map((t) => (/^\s|\s$|\n/.test(t) ? `<si><t xml:space="preserve">${xml(t)}</t></si>` : `<si><t>${xml(t)}</t></si>`));
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.ids.size}">${items.join('')}</sst>`;
  }
}

function sheetXml(sheet: XlsxSheet, first: boolean, styles: Styles, strings: SharedStrings): string {
  const pane = sheet.options.frozenHeader
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  const view = pane ? `<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` : '';
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  const rows: string[] = [];
  sheet.rows.forEach((row, r) => {
    const cells: string[] = [];
    row.values.forEach((value, c) => {
      if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return;
      const ref = `${columnLetters(c + 1)}${r + 1}`;
      const s = styles.index(row.formats[c]);
      const style = s === 0 ? '' : ` s="${s}"`;
      cells.push(typeof value === 'number' ? `<c r="${ref}"${style}><v>${value}</v></c>` : `<c r="${ref}"${style} t="s"><v>${strings.index(value)}</v></c>`);
    });
    rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${view}<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`
  );
}

/**
 * The bytes of an .xlsx file (Office Open XML) holding `sheets` in order: text as shared strings,
 * numbers as numbers, formats as cell styles. The same input always gives the same bytes.
 */
export function xlsxBytes(sheets: readonly XlsxSheet[], props: XlsxProperties): Uint8Array {
  const styles = new Styles();
  const strings = new SharedStrings();
  const sheetFiles = sheets.map((s, i) => sheetXml(s, i === 0, styles, strings));
  const n = sheets.length;
  const when = props.created.length === 10 ? `${props.created}T00:00:00Z` : props.created;
  const text: Record<string, string> = {
    '[Content_Types].xml':
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${TYPE_PREFIX}.spreadsheetml.sheet.main+xml"/>` +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${TYPE_PREFIX}.spreadsheetml.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${TYPE_PREFIX}.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${TYPE_PREFIX}.spreadsheetml.sharedStrings+xml"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      `<Override PartName="/docProps/app.xml" ContentType="${TYPE_PREFIX}.extended-properties+xml"/>` +
      '</Types>',
    '_rels/.rels':
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
      '</Relationships>',
    'docProps/app.xml': `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xml(props.creator)}</Application></Properties>`,
    'docProps/core.xml':
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${xml(props.creator)}</dc:creator><cp:lastModifiedBy>${xml(props.creator)}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${xml(when)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${xml(when)}</dcterms:modified>` +
      '</cp:coreProperties>',
    'xl/workbook.xml':
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${xml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
    ...Object.fromEntries(sheetFiles.map((x, i) => [`xl/worksheets/sheet${i + 1}.xml`, x])),
    'xl/styles.xml': styles.xml(),
    'xl/sharedStrings.xml': strings.xml(),
  };
  const encoder = new TextEncoder();
  return zipSync(Object.fromEntries(Object.entries(text).map(([path, body]) => [path, encoder.encode(body)])), { level: 6, mtime: ZIP_TIME });
}

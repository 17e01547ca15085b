import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { WorkbookSheet } from '../src/render/workbook-sheet.js';
import { xlsxFile } from '../src/render/xlsx-file.js';
import { stableZip } from '../src/render/stable-zip.js';

const build = () => {
  const sheet = new WorkbookSheet('Odd <names> & "quotes"', [{ header: 'Text', width: 40 }, { header: 'Number', width: 12 }, { width: 9 }], { frozenHeader: true });
  sheet.addRow(['a < b & c > "d"', 1234.5678]).numFmt(2, '£#,##0');
  sheet.addRow([' leading and trailing ', -0.125, null], { wrapTop: true }).numFmt(2, '0.0%');
  sheet.addRow(['two\nlines\u0001 (a control character XML cannot hold)', null, 3]);
  sheet.addRow(['a < b & c > "d"', Number.NaN, Number.POSITIVE_INFINITY]);
  const other = new WorkbookSheet('Second', [{ width: 10 }]);
  other.addRow([1e-9, 'x'], { bold: true });
  return [sheet.toSheet(), other.toSheet()];
};

/** The (time, date) fields of every zip local file header: DOS format, local time of the writer. */
function entryTimes(bytes: Uint8Array): [number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const times: [number, number][] = [];
  for (let p = 0; p + 30 <= bytes.length; p++) {
    if (view.getUint32(p, true) === 0x04034b50) times.push([view.getUint16(p + 10, true), view.getUint16(p + 12, true)]);
  }
  return times;
}

describe('summary.xlsx sheets through write-excel-file', () => {
  it('writes values, formats, widths and a frozen heading that a spreadsheet reader reads back', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsxFile(build())) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Odd <names> & "quotes"', 'Second']);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.columns.map((c) => c.width)).toEqual([40, 12, 9]);
    expect(ws.getRow(1).values).toEqual([undefined, 'Text', 'Number']);
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('a < b & c > "d"');
    expect(ws.getCell('A2').font?.bold).toBeFalsy();
    expect(ws.getCell('B2').value).toBe(1234.5678);
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('B2').numFmt).toBe('£#,##0');
    expect(ws.getCell('A2').numFmt).toBeUndefined();
    expect(ws.getCell('A3').value).toBe(' leading and trailing ');
    expect(ws.getCell('A3').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('B3').value).toBe(-0.125);
    expect(ws.getCell('B3').numFmt).toBe('0.0%');
    expect(ws.getCell('B3').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('A4').value).toBe('two\nlines (a control character XML cannot hold)');
    expect(ws.getCell('A4').alignment?.wrapText).toBeFalsy();
    expect(ws.getCell('C4').value).toBe(3);
    // Not a number: no cell rather than a broken file (write-excel-file itself writes <v>NaN</v>).
    expect(ws.getCell('B5').value).toBeNull();
    expect(ws.getCell('C5').value).toBeNull();
    const second = wb.worksheets[1]!;
    expect(second.views ?? []).toEqual([]);
    expect(second.getColumn(1).width).toBe(10);
    expect(second.getCell('A1').value).toBe(1e-9);
    expect(second.getCell('A1').font.bold).toBe(true);
    expect(second.getCell('B1').value).toBe('x');
  });

  it('gives the same bytes for the same input, every entry dated 1 January 1980: the archive fflate writes for those entries and that date', async () => {
    const node = await xlsxFile(build());
    await new Promise((resolve) => setTimeout(resolve, 2100)); // zip times have a 2-second resolution
    const again = await xlsxFile(build());
    expect(Buffer.from(again).equals(Buffer.from(node))).toBe(true);
    // An independent writer of the same entries with a fixed date: fflate's own zipSync (level 6,
    // write-excel-file's level), as summary.xlsx was made before, by deflating every entry again.
    const rezipped = zipSync(unzipSync(node), { level: 6, mtime: new Date(1980, 0, 1) });
    expect(Buffer.from(rezipped).equals(Buffer.from(node))).toBe(true);
    const times = entryTimes(node);
    expect(times.length).toBe(Object.keys(unzipSync(node)).length);
    expect(times.length).toBeGreaterThanOrEqual(7);
    // DOS time 0 (midnight) and date 0x21: year 1980 + 0, month 1, day 1.
    for (const t of times) expect(t).toEqual([0, 0x21]);
  });

  it('stableZip re-dates central directory and local headers only, and refuses what is not a zip', () => {
    const dated = zipSync({ 'a.txt': new TextEncoder().encode('a'.repeat(100)), 'b/c.xml': new Uint8Array([1, 2, 3]) }, { mtime: new Date(2024, 5, 17, 13, 45, 10) });
    const fixed = stableZip(dated.slice());
    expect(Buffer.from(fixed).equals(Buffer.from(zipSync(unzipSync(dated), { mtime: new Date(1980, 0, 1) })))).toBe(true);
    expect(Buffer.from(fixed).equals(Buffer.from(dated))).toBe(false);
    expect(() => stableZip(new Uint8Array(40))).toThrow(/not a zip archive/);
  });
});

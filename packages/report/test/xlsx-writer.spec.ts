import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, xlsxBytes, XlsxSheet } from '../src/render/xlsx-writer.js';

/** Column letters by their definition: bijective base 26, written out digit by digit. */
function lettersOracle(n: number): string {
  const digits: number[] = [];
  while (n > 0) {
    const d = n % 26 === 0 ? 26 : n % 26;
    digits.unshift(d);
    n = (n - d) / 26;
  }
  return digits.map((d) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[d - 1]).join('');
}

describe('xlsx writer', () => {
  it('names columns as a spreadsheet does', () => {
    expect([1, 26, 27, 52, 702, 703, 16384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA', 'XFD']);
    for (let n = 1; n <= 2000; n++) expect(columnLetters(n)).toBe(lettersOracle(n));
  });

  const build = () => {
    const sheet = new XlsxSheet('Odd <names> & "quotes"', [{ header: 'Text', width: 40 }, { header: 'Number', width: 12 }, { width: 9 }], { frozenHeader: true });
    sheet.addRow(['a < b & c > "d"', 1234.5678]).numFmt(2, '£#,##0');
    sheet.addRow([' leading and trailing ', -0.125, null], { wrapTop: true });
    sheet.addRow(['two\nlines\u0001 (a control character XML cannot hold)', null, 3]);
    sheet.addRow(['a < b & c > "d"', Number.NaN]);
    const other = new XlsxSheet('Second', [{ width: 10 }]);
    other.addRow([1e-9, 'x'], { bold: true });
    return xlsxBytes([sheet, other], { creator: 'carecast 0.1.0', created: '2025-04-01' });
  };

  it('writes values, formats, widths and a frozen heading that a spreadsheet reader reads back', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(build() as unknown as ArrayBuffer);
    expect(wb.creator).toBe('carecast 0.1.0');
    expect(wb.created.toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Odd <names> & "quotes"', 'Second']);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.columns.map((c) => c.width)).toEqual([40, 12, 9]);
    expect(ws.getRow(1).values).toEqual([undefined, 'Text', 'Number']);
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('a < b & c > "d"');
    expect(ws.getCell('B2').value).toBe(1234.5678);
    expect(ws.getCell('B2').numFmt).toBe('£#,##0');
    expect(ws.getCell('A2').numFmt).toBeUndefined();
    expect(ws.getCell('A3').value).toBe(' leading and trailing ');
    expect(ws.getCell('B3').value).toBe(-0.125);
    expect(ws.getCell('B3').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('A4').value).toBe('two\nlines (a control character XML cannot hold)');
    expect(ws.getCell('C4').value).toBe(3);
    expect(ws.getCell('B5').value).toBeNull(); // not a number: no cell rather than a broken file
    const second = wb.worksheets[1]!;
    expect(second.views ?? []).toEqual([]);
    expect(second.getCell('A1').value).toBe(1e-9);
    expect(second.getCell('B1').font.bold).toBe(true);
  });

  it('gives the same bytes for the same input, whatever the time zone of the writer', () => {
    expect(Buffer.from(build()).equals(Buffer.from(build()))).toBe(true);
    // Zip local headers: modification time 0 and date 0x21 (1 January 1980) in each entry.
    const bytes = build();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let entries = 0;
    for (let p = 0; p + 4 <= bytes.length; p++) {
      if (view.getUint32(p, true) !== 0x04034b50) continue;
      expect([view.getUint16(p + 10, true), view.getUint16(p + 12, true)]).toEqual([0, 0x21]);
      entries++;
    }
    expect(entries).toBeGreaterThanOrEqual(9);
  });
});

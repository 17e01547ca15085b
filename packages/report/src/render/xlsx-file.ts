import writeExcelFile, { type Sheet } from 'write-excel-file/node';
import { stableZip } from './stable-zip.js';

/** The bytes of an .xlsx file holding `sheets` (write-excel-file's Node entry); the browser's is xlsx-file.browser.ts. */
export async function xlsxFile(sheets: Sheet<never>[]): Promise<Uint8Array> {
  const bytes = await writeExcelFile(sheets, { fontFamily: 'Calibri', fontSize: 11 }).toBuffer();
  return stableZip(bytes);
}

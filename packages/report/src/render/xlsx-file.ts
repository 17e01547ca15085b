import writeExcelFile, { type Sheet } from 'write-excel-file/universal';
import { stableZip } from './stable-zip.js';

/**
 * The bytes of an .xlsx file holding `sheets`: write-excel-file's universal entry (the same code and
 * the same zip on Node and in a browser, so the same bytes), its entries dated 1 January 1980.
 */
export async function xlsxFile(sheets: Sheet<never>[]): Promise<Uint8Array> {
  const blob = await writeExcelFile(sheets, { fontFamily: 'Calibri', fontSize: 11 }).toBlob();
  return stableZip(new Uint8Array(await blob.arrayBuffer()));
}

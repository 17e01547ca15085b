import writeExcelFile, { type Sheet } from 'write-excel-file/browser';
import { stableZip } from './stable-zip.js';

/** The bytes of an .xlsx file holding `sheets` (write-excel-file's browser entry): the same bytes as xlsx-file.ts's. */
export async function xlsxFile(sheets: Sheet<never>[]): Promise<Uint8Array> {
  const blob = await writeExcelFile(sheets, { fontFamily: 'Calibri', fontSize: 11 }).toBlob();
  return stableZip(new Uint8Array(await blob.arrayBuffer()));
}

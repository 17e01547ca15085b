// Zip entries carry the time they were written; a fixed one (1 Jan 1980, the DOS epoch: time 0, date
// (1980 - 1980) << 9 | 1 << 5 | 1) makes the file byte-stable. fflate writes it for `new Date(1980, 0, 1)`.
const DOS_TIME = 0;
const DOS_DATE = 0x21;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;

/**
 * Dates every entry of a zip archive 1 January 1980, in place, and returns it: the modification time
 * and date fields of each entry's central-directory record and local header (zip's APPNOTE 4.3.7,
 * 4.3.12, 4.3.16), nothing else touched, so the compressed data stay the writer's (no second deflate).
 */
export function stableZip(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22; // the end record is 22 bytes and a comment of up to 65,535
  while (end >= 0 && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new Error('stableZip: not a zip archive (no end of central directory)');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== CENTRAL_ENTRY) throw new Error(`stableZip: central directory entry ${i} not found`);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_ENTRY) throw new Error(`stableZip: local header of entry ${i} not found`);
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    view.setUint16(local + 10, DOS_TIME, true);
    view.setUint16(local + 12, DOS_DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}

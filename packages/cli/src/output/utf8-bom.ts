/** The UTF-8 byte-order mark (U+FEFF), so Excel reads a CSV file as UTF-8 (a £ in a scenario name stays a £). */
const UTF8_BOM_BYTES = Buffer.from('\uFEFF', 'utf8');

/**
 * `text` as UTF-8 bytes after a byte-order mark: the bytes of `\uFEFF${text}`, without making that
 * string, which the mark alone turns into two bytes a character (2.2 MB for a 1,000-replication
 * summary.csv) before it is encoded (session 16: 12 ms against 4 ms of CPU for that file).
 */
export function utf8WithBom(text: string): Uint8Array {
  return Buffer.concat([UTF8_BOM_BYTES, Buffer.from(text, 'utf8')]);
}

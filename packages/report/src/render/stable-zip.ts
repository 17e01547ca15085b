import { unzipSync, zipSync } from 'fflate';

// Zip entries carry the time they were written; a fixed one (1 Jan 1980, the DOS epoch, in the
// writer's local time, which is how zip stores it) makes the file byte-stable.
const ZIP_TIME = new Date(1980, 0, 1);

/**
 * The same zip archive with every entry dated 1 January 1980: the same entries in the same order,
 * compressed again with fflate (write-excel-file dates each entry with the time of writing).
 */
export function stableZip(zip: Uint8Array): Uint8Array {
  return zipSync(unzipSync(zip), { level: 6, mtime: ZIP_TIME });
}

import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DataError } from './errors.js';
import { nodeFileChunks } from './node-files.js';
import { readOc3Table, type Oc3Counts } from './oc3.js';
import { isOc3FileName, sumOc3Tables, type Oc3File, type Oc3Read } from './oc3-tables.js';
import { yearFromName } from './ssda903.js';

// Finding and reading the OC3 care-leaver tables given to calibrate: listed files, or files whose name
// holds `oc3` in a folder of returns (or its per-year sub-folders), each read into counts and summed.

/** The OC3 CSVs (`*oc3*.csv`, any case) in a folder and its per-year sub-folders, with their year labels. */
export async function findOc3Files(folder: string): Promise<Oc3File[]> {
  const out: Oc3File[] = [];
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (e) {
    throw new DataError(folder, 0, 0, `cannot read the folder (${(e as NodeJS.ErrnoException).code}); expected a folder of SSDA903 CSV files`);
  }
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && isOc3FileName(entry.name)) out.push({ path: join(folder, entry.name), year: yearFromName(entry.name) ?? yearFromName(basename(folder)) });
    if (!entry.isDirectory()) continue;
    const inner = await readdir(join(folder, entry.name), { withFileTypes: true });
    for (const f of [...inner].sort((a, b) => a.name.localeCompare(b.name))) {
      if (f.isFile() && isOc3FileName(f.name)) out.push({ path: join(folder, entry.name, f.name), year: yearFromName(entry.name) ?? yearFromName(f.name) });
    }
  }
  return out;
}

/** Reads every OC3 file from disk and sums the counts (see sumOc3Tables). */
export function readOc3Files(files: readonly Oc3File[], fallbackYear: number): Promise<Oc3Read> {
  return sumOc3Tables(files, fallbackYear, nodeFileChunks);
}

/** Reads an OC3 file (see readOc3Table); `chunks` is its text, by default read from disk. */
export function readOc3(file: string, year: number, chunks: AsyncIterable<string> = nodeFileChunks(file)): Promise<Oc3Counts> {
  return readOc3Table(file, year, chunks);
}

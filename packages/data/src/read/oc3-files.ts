import { basename, dirname } from 'node:path';
import { listFolder, nodeFileChunks } from './node-files.js';
import { readOc3Table, type Oc3Counts } from './oc3.js';
import { oc3Layout, oc3YearOf, sumOc3Tables, type Oc3File, type Oc3Read } from './oc3-tables.js';

// Finding and reading the OC3 care-leaver tables given to calibrate: listed files, or files whose name
// holds `oc3` in a folder of returns (or its per-year sub-folders), each read into counts and summed.

/** A named OC3 file (`--oc3`) with its year label by the rule `--folder` uses (oc3YearOf: its own name, else its folder's). */
export const oc3FileAt = (path: string): Oc3File => ({ path, year: oc3YearOf(basename(path), basename(dirname(path))) });

/** The OC3 CSVs (`*oc3*.csv`, any case) in a folder and its per-year sub-folders, with their year labels (see oc3Layout). */
export async function findOc3Files(folder: string): Promise<Oc3File[]> {
  return oc3Layout(basename(folder), await listFolder(folder));
}

/** Reads every OC3 file from disk and sums the counts (see sumOc3Tables). */
export function readOc3Files(files: readonly Oc3File[], fallbackYear: number): Promise<Oc3Read> {
  return sumOc3Tables(files, fallbackYear, nodeFileChunks);
}

/** Reads an OC3 file (see readOc3Table); `chunks` is its text, by default read from disk. */
export function readOc3(file: string, year: number, chunks: AsyncIterable<string> = nodeFileChunks(file)): Promise<Oc3Counts> {
  return readOc3Table(file, year, chunks);
}

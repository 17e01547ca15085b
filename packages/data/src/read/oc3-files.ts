import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ACCOMMODATIONS, CARE_LEAVER_AGES } from '@carecast/engine';
import { DataError } from './errors.js';
import { readOc3, type Oc3Counts } from './oc3.js';
import { yearFromName } from './ssda903.js';

// Finding and reading the OC3 care-leaver tables given to calibrate: listed files, or files whose name
// holds `oc3` in a folder of returns (or its per-year sub-folders), each read into counts and summed.

/** An OC3 file and its collection year (the 31 March it ends on) from its folder's or its own name, if any. */
export interface Oc3File {
  path: string;
  year: number | undefined;
}

/** The OC3 CSVs (`*oc3*.csv`, any case) in a folder and its per-year sub-folders, with their year labels. */
export async function findOc3Files(folder: string): Promise<Oc3File[]> {
  const out: Oc3File[] = [];
  const isOc3 = (name: string) => /\.csv$/i.test(name) && name.toLowerCase().includes('oc3');
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (e) {
    throw new DataError(folder, 0, 0, `cannot read the folder (${(e as NodeJS.ErrnoException).code}); expected a folder of SSDA903 CSV files`);
  }
  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && isOc3(entry.name)) out.push({ path: join(folder, entry.name), year: yearFromName(entry.name) ?? yearFromName(basename(folder)) });
    if (!entry.isDirectory()) continue;
    const inner = await readdir(join(folder, entry.name), { withFileTypes: true });
    for (const f of [...inner].sort((a, b) => a.name.localeCompare(b.name))) {
      if (f.isFile() && isOc3(f.name)) out.push({ path: join(folder, entry.name, f.name), year: yearFromName(entry.name) ?? yearFromName(f.name) });
    }
  }
  return out;
}

/** OC3 counts summed over files, and each file's young people by age group (for the care leavers on a date). */
export interface Oc3Read extends Omit<Oc3Counts, 'byLa'> {
  /** Per file read: its path, collection year and young people (usable rows) by age group 18, 19, 20, 21+. */
  files: { path: string; year: number; byAge: number[] }[];
  /**
   * Per authority (`LA` column of stacked tables), its rows alone read the same way, its `files` the files
   * holding its rows; absent when no file has an LA column.
   */
  byLa?: Map<string, Oc3Read>;
}

const emptyRead = (): Oc3Read => ({ counts: CARE_LEAVER_AGES.map(() => ACCOMMODATIONS.map(() => 0)), stayingPut: CARE_LEAVER_AGES.map(() => 0), used: 0, atSeventeen: 0, unusable: 0, messages: [], files: [] });

/** Adds one file's counts (of `year`, at `path`) to `sum`. */
function addCounts(sum: Oc3Read, c: Oc3Counts, path: string, year: number): void {
  c.counts.forEach((row, g) => row.forEach((n, a) => (sum.counts[g]![a]! += n)));
  c.stayingPut.forEach((n, g) => (sum.stayingPut[g]! += n));
  sum.used += c.used;
  sum.atSeventeen += c.atSeventeen;
  sum.unusable += c.unusable;
  for (const m of c.messages) if (sum.messages.length < 5) sum.messages.push(m);
  sum.files.push({ path, year, byAge: c.counts.map((row, g) => row.reduce((x, y) => x + y, 0) + c.stayingPut[g]!) });
}

/**
 * Reads every OC3 file (a file without a year label takes `fallbackYear`, the 31 March ending the
 * reference window; a `YEAR` column wins row by row) and sums the counts. Structural problems (a missing
 * column, an unreadable file) throw `DataError` at `file:line:col`; unusable rows are counted.
 */
export async function readOc3Files(files: readonly Oc3File[], fallbackYear: number): Promise<Oc3Read> {
  const sum = emptyRead();
  for (const f of files) {
    const year = f.year ?? fallbackYear;
    let c: Oc3Counts;
    try {
      c = await readOc3(f.path, year);
    } catch (e) {
      if (e instanceof DataError) throw e;
      throw new DataError(f.path, 0, 0, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)}); expected an OC3 CSV (CHILD, DOB, ACCOM)`);
    }
    addCounts(sum, c, f.path, year);
    for (const [la, counts] of c.byLa ?? []) {
      sum.byLa ??= new Map();
      let one = sum.byLa.get(la);
      if (!one) sum.byLa.set(la, (one = emptyRead()));
      addCounts(one, counts, f.path, year);
    }
  }
  return sum;
}

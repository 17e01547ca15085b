import { DataError } from './errors.js';
import { byFolderThenName, type FoundFile } from './layout.js';
import { emptyCounts, readOc3Table, yearCounts, type Oc3Counts } from './oc3.js';
import { yearFromName } from './ssda903.js';

// The OC3 care-leaver tables given to calibrate, wherever they come from (a folder on disk,
// oc3-files.ts; files dropped in a browser, text-files.ts): which files are OC3 tables, their counts
// summed, and what makes them unusable. Nothing here reads a disk.

/** An OC3 file and its collection year (the 31 March it ends on) from its folder's or its own name, if any. */
export interface Oc3File {
  path: string;
  year: number | undefined;
}

/** Whether a file in a folder of returns is an OC3 table: a CSV whose name holds `oc3` (any case). */
export const isOc3FileName = (name: string): boolean => /\.csv$/i.test(name) && name.toLowerCase().includes('oc3');

/**
 * An OC3 table's collection year label (the 31 March it ends on): the year its own file name gives,
 * else its folder's (a per-year sub-folder, or the folder given). One rule for `--oc3` files
 * (oc3FileAt) and `--folder` (oc3Layout). The file's name comes first because it names the table
 * itself: a folder may hold several years' tables, and a regional per-year folder is often named by
 * the year its return starts (docs/domain.md §8: `2023/oc3_2024.csv` is April 2023 to March 2024,
 * the DfE's name for it 2024). OC3 holds no episode dates to correct a wrong label by, and a label a
 * year early makes every age a year too young.
 */
export function oc3YearOf(fileName: string, folderName: string | undefined): number | undefined {
  return yearFromName(fileName) ?? (folderName === undefined ? undefined : yearFromName(folderName));
}

/**
 * The OC3 tables among the files of a folder (named `folderName`) and its per-year sub-folders, as
 * `--folder` finds them on disk (oc3-files.ts) and in files dropped on a page (text-files.ts): in the
 * SSDA903 files' order (layout.ts), each year by oc3YearOf.
 */
export function oc3Layout(folderName: string, found: readonly FoundFile[]): Oc3File[] {
  return found
    .filter((f) => isOc3FileName(f.name))
    .sort(byFolderThenName)
    .map((f) => ({ path: f.path, year: oc3YearOf(f.name, f.sub ?? folderName) }));
}

/**
 * OC3 counts summed over files; `byYear` (young people by age group per collection year, summed over the
 * files) gives the care leavers on a date, one year's rows whether the years come in files or in a
 * `YEAR` column.
 */
export interface Oc3Read extends Omit<Oc3Counts, 'byLa'> {
  /** Per file read: its path and the collection years its rows were read as (its `YEAR` values, else its own year). */
  files: { path: string; years: number[] }[];
  /**
   * Per authority (`LA` column of stacked tables), its rows alone read the same way, its `files` the files
   * holding its rows; absent when no file has an LA column.
   */
  byLa?: Map<string, Oc3Read>;
}

const emptyRead = (): Oc3Read => ({ ...emptyCounts(), files: [] });

/** Adds one file's counts (at `path`) to `sum`. */
function addCounts(sum: Oc3Read, c: Oc3Counts, path: string): void {
  c.counts.forEach((row, g) => row.forEach((n, a) => (sum.counts[g]![a]! += n)));
  c.stayingPut.forEach((n, g) => (sum.stayingPut[g]! += n));
  sum.used += c.used;
  sum.atSeventeen += c.atSeventeen;
  sum.unusable += c.unusable;
  for (const m of c.messages) if (sum.messages.length < 5) sum.messages.push(m);
  for (const [year, byAge] of c.byYear) {
    const into = yearCounts(sum, year);
    byAge.forEach((n, g) => (into[g]! += n));
  }
  sum.files.push({ path, years: [...c.byYear.keys()].sort((a, b) => a - b) });
}

/**
 * Reads every OC3 file through `open` (its text in chunks; a file without a year label takes
 * `fallbackYear`, the 31 March ending the reference window; a `YEAR` column wins row by row) and sums
 * the counts, keeping each collection year's young people apart (`byYear`). Structural problems (a missing column, an unreadable file) throw `DataError` at
 * `file:line:col`; unusable rows are counted.
 */
export async function sumOc3Tables(files: readonly Oc3File[], fallbackYear: number, open: (path: string) => AsyncIterable<string>): Promise<Oc3Read> {
  const sum = emptyRead();
  for (const f of files) {
    const year = f.year ?? fallbackYear;
    let c: Oc3Counts;
    try {
      c = await readOc3Table(f.path, year, open(f.path));
    } catch (e) {
      if (e instanceof DataError) throw e;
      throw new DataError(f.path, 0, 0, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)}); expected an OC3 CSV (CHILD, DOB, ACCOM)`);
    }
    addCounts(sum, c, f.path);
    for (const [la, counts] of c.byLa ?? []) {
      sum.byLa ??= new Map();
      let one = sum.byLa.get(la);
      if (!one) sum.byLa.set(la, (one = emptyRead()));
      addCounts(one, counts, f.path);
    }
  }
  return sum;
}

/**
 * What stops or questions a fit from these OC3 tables: `none`, no usable young person aged 18-21 in
 * them (the fit cannot be made); `dropped`, more than `maxDroppedPercent` of their rows unusable
 * (refused unless the user goes on anyway). `limit` names the limit as the caller's option does.
 */
export function oc3Problems(read: Oc3Read, maxDroppedPercent: number, limit = `${maxDroppedPercent}%`): { none?: string; dropped?: string } {
  const rows = read.used + read.unusable + read.atSeventeen;
  const n = read.files.length;
  if (read.used === 0) {
    return {
      none:
        `${read.messages[0] ?? `${read.files[0]?.path ?? 'OC3'}: no rows`}; the OC3 table${n > 1 ? 's' : ''} hold${n > 1 ? '' : 's'} no usable young person aged 18-21 ` +
        `(${read.unusable} of ${rows} rows unusable); expected CHILD, DOB and an OC3 ACCOM code on every row`,
    };
  }
  if (read.unusable > (maxDroppedPercent / 100) * rows) return { dropped: `${read.unusable} of ${rows} OC3 rows unusable (more than ${limit}), first: ${read.messages[0]}` };
  return {};
}

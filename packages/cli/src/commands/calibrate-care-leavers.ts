import { resolve } from 'node:path';
import { DataError, collectionYears, findOc3Files, oc3Problems, readOc3Files, type Oc3File, type Oc3Read } from '@carecast/data';
import type { Args } from '../command.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';

// calibrate's care-leaver part: the OC3 tables (--oc3 files, or `*oc3*.csv` in --folder) read and
// checked before anything is fitted or written (the fitted mix is printed by @carecast/data's careLeaverText).

/**
 * Reads the OC3 tables the options name (`--oc3`, else any in `--folder`); undefined when there are none.
 * A structural problem, a table without one usable row, or more than `--max-dropped` percent of rows
 * unusable (unless `--force`) is a usage error (exit 2) at `file:line:col`, before anything is written.
 */
export async function readCareLeaverTables(args: Args, io: CliIO, referenceEnd: string): Promise<Oc3Read | undefined> {
  let files: Oc3File[];
  try {
    if (Array.isArray(args['oc3'])) files = (args['oc3'] as unknown[]).map((f) => ({ path: resolve(io.cwd, String(f)), year: undefined }));
    else if (typeof args['folder'] === 'string') files = await findOc3Files(resolve(io.cwd, args['folder']));
    else return undefined;
    if (files.length === 0) return undefined;
    const read = await readOc3Files(files, collectionYears(referenceEnd, referenceEnd)[0]!);
    const maxDropped = Number(args['max-dropped'] ?? 10);
    const problems = oc3Problems(read, maxDropped, `--max-dropped ${maxDropped}%`);
    if (problems.none !== undefined) throw new UsageError(problems.none);
    if (problems.dropped !== undefined) {
      if (args['force'] !== true) throw new UsageError(`${problems.dropped}; expected usable OC3 data (fix the input, or pass --force to go on anyway)`);
      io.stderr.write(`warning: ${problems.dropped} (going on: --force)\n`);
    }
    return read;
  } catch (err) {
    if (err instanceof DataError) throw new UsageError(err.message);
    throw err;
  }
}

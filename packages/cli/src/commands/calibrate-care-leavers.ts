import { resolve } from 'node:path';
import { DataError, OC3_MIN_YOUNG_PEOPLE, collectionYears, findOc3Files, oc3FileAt, oc3Problems, shownCount, readOc3Files, type AuthorityCareLeavers, type Oc3File, type Oc3Read } from '@carecast/data';
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
    if (Array.isArray(args['oc3'])) files = (args['oc3'] as unknown[]).map((f) => oc3FileAt(resolve(io.cwd, String(f))));
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

/** One authority's care-leaver line under `--each-la` with OC3 tables: fitted from its own rows (and which ages), or the default and why. */
export function authorityCareLeaverText(la: string, own: AuthorityCareLeavers, suppressBelow: number): string {
  if (!own.fit) return `  care leavers (LA ${la}): ILLUSTRATIVE DEFAULT accommodation mix and start population: ${own.note ?? 'no OC3 rows for it'}\n`;
  const shown = (n: number): string => shownCount(n, suppressBelow);
  const thin = own.fit.evidence.filter((e) => !e.fitted).map((e) => e.age);
  const fitted = own.fit.evidence.filter((e) => e.fitted).map((e) => e.age);
  return (
    `  care leavers (LA ${la}): accommodation mix by age fitted from its own OC3 rows (${shown(own.fit.used)} young people` +
    (fitted.length > 0 ? `; ages ${fitted.join(', ')} fitted` : '') +
    (thin.length > 0 ? `; ILLUSTRATIVE DEFAULT for ages ${thin.join(', ')}: fewer than ${OC3_MIN_YOUNG_PEOPLE} young people` : '') +
    `)${own.fit.initialByAge ? '' : '; care leavers on the start date: ILLUSTRATIVE DEFAULT'}\n`
  );
}

/** One authority's care-leaver source for `--json` (`authorities[].careLeavers`), when OC3 tables were given. */
export function authorityCareLeaversSummary(own: AuthorityCareLeavers | undefined): { careLeavers?: Record<string, unknown> } {
  if (!own) return {};
  if (!own.fit) return { careLeavers: { source: 'illustrative default', note: own.note } };
  return { careLeavers: { source: 'oc3', used: own.fit.used, unusable: own.fit.unusable, atSeventeen: own.fit.atSeventeen, accommodationByAge: own.fit.accommodationByAge, evidence: own.fit.evidence } };
}

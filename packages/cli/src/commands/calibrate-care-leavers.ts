import { resolve } from 'node:path';
import { ACCOMMODATIONS } from '@carecast/engine';
import { DataError, OC3_MIN_YOUNG_PEOPLE, collectionYears, findOc3Files, readOc3Files, type AuthorityCareLeavers, type CareLeaverFit, type Oc3File, type Oc3Read } from '@carecast/data';
import type { Args } from '../command.js';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io.js';

// calibrate's care-leaver part: the OC3 tables (--oc3 files, or `*oc3*.csv` in --folder) read and
// checked before anything is fitted or written, and the fitted mix printed.

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
    const rows = read.used + read.unusable + read.atSeventeen;
    if (read.used === 0) {
      throw new UsageError(
        `${read.messages[0] ?? `${files[0]!.path}: no rows`}; the OC3 table${files.length > 1 ? 's' : ''} hold${files.length > 1 ? '' : 's'} no usable young person aged 18-21 ` +
          `(${read.unusable} of ${rows} rows unusable); expected CHILD, DOB and an OC3 ACCOM code on every row`,
      );
    }
    const maxDropped = Number(args['max-dropped'] ?? 10);
    if (read.unusable > (maxDropped / 100) * rows) {
      const problem = `${read.unusable} of ${rows} OC3 rows unusable (more than --max-dropped ${maxDropped}%), first: ${read.messages[0]}`;
      if (args['force'] !== true) throw new UsageError(`${problem}; expected usable OC3 data (fix the input, or pass --force to go on anyway)`);
      io.stderr.write(`warning: ${problem} (going on: --force)\n`);
    }
    return read;
  } catch (err) {
    if (err instanceof DataError) throw new UsageError(err.message);
    throw err;
  }
}

/** The fitted care-leaver mix for the terminal: per age group the young people and the shares (%), counts under `suppressBelow` shown `<N`. */
export function careLeaverText(fit: CareLeaverFit | undefined, suppressBelow: number): string {
  if (!fit) {
    return 'care leavers: ILLUSTRATIVE DEFAULT accommodation mix and start population (no OC3 table: give --oc3 FILE or put oc3.csv beside the returns)\n';
  }
  const shown = (n: number) => (n > 0 && n < suppressBelow ? `<${suppressBelow}` : String(n));
  const short: Record<string, string> = {
    staying_put_inhouse: 'SP in-h',
    staying_put_ifa: 'SP IFA',
    supported_lodgings: 'lodgings',
    supported_accommodation: 'supp acc',
    independent: 'indep',
    parents_or_relatives: 'family',
    custody: 'custody',
    other: 'other',
  };
  const lines = [
    `care leavers: accommodation mix by age fitted from OC3 (${fit.files.length} file(s), years ${[...new Set(fit.files.map((f) => f.year))].join(', ')}): ` +
      `${shown(fit.used)} young people used, ${shown(fit.unusable)} rows unusable, ${shown(fit.atSeventeen)} aged 17 left out; ` +
      `staying put split ${(100 * fit.inhouseShare).toFixed(1)}% in-house`,
    `  ${'age'.padEnd(5)}${'young people'.padStart(13)}${ACCOMMODATIONS.map((a) => short[a]!.padStart(9)).join('')}`,
  ];
  for (const e of fit.evidence) {
    const mix = fit.accommodationByAge[e.age];
    lines.push(
      `  ${e.age.padEnd(5)}${shown(e.youngPeople).padStart(13)}${ACCOMMODATIONS.map((a) => `${(100 * mix[a]).toFixed(1)}%`.padStart(9)).join('')}` +
        (e.fitted ? '' : '   ILLUSTRATIVE DEFAULT (too few young people)'),
    );
  }
  for (const m of fit.messages) lines.push(`  unusable: ${m}`);
  lines.push(
    fit.initialByAge
      ? `  care leavers on the start date from OC3: ${Object.entries(fit.initialByAge).map(([age, n]) => `${shown(n)} aged ${age}`).join(', ')}`
      : '  care leavers on the start date: ILLUSTRATIVE DEFAULT (no OC3 for the year ending on the window\'s end)',
  );
  return `${lines.join('\n')}\n`;
}

/** One authority's care-leaver line under `--each-la` with OC3 tables: fitted from its own rows (and which ages), or the default and why. */
export function authorityCareLeaverText(la: string, own: AuthorityCareLeavers, suppressBelow: number): string {
  if (!own.fit) return `  care leavers (LA ${la}): ILLUSTRATIVE DEFAULT accommodation mix and start population: ${own.note ?? 'no OC3 rows for it'}\n`;
  const shown = (n: number) => (n > 0 && n < suppressBelow ? `<${suppressBelow}` : String(n));
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

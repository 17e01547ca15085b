import { isoToDay } from '@carecast/engine';
import { streamTable, type OpenTable, type TableColumns } from './csv-table.js';
import type { Place } from './errors.js';
import { FileDates, MAX_UNDECIDED_ROWS } from './file-dates.js';
import { DataQuality, type DropReason } from './quality.js';
import { newGroup, noteDates, resolveReturnYears, type ReturnGroup } from './return-years.js';
import { Interner, ownCopy } from './intern.js';
import { EpisodeStore } from './episode-store.js';
import { isKnownLegalStatus, isKnownRne, mapPlacement, mapReason } from '../clean/codes.js';

/** A child's row from the Header table. Identifiers stay inside the process: no output carries them. */
export interface RawChild {
  /** `LA|CHILD` (just CHILD without an LA column): children are identified within their authority. */
  key: string;
  la: string;
  sex: 'male' | 'female' | null;
  /** Day number of the date of birth. */
  dob: number;
  year: number;
}

/** One Episodes row, as read (codes upper-cased, dates as day numbers). */
export interface RawEpisode {
  key: string;
  la: string;
  /** Collection year of its return (the year of the 31 March it ends on), from the return's dates; 0 when unknown. */
  year: number;
  /** Day the episode started. */
  decom: number;
  /** Day it ceased; null while open. */
  dec: number | null;
  rne: string;
  ls: string;
  place: string;
  provider: string;
  rec: string;
  /** Index into `RawReturn.files`. */
  file: number;
  row: number;
}

/** Everything read from one or more SSDA903 returns. */
export interface RawReturn {
  children: Map<string, RawChild>;
  /** Column store of the Episodes rows; `at(i)` and iteration give RawEpisode objects. */
  episodes: EpisodeStore;
  /** Keys of children listed in a UASC table. */
  uasc: Set<string>;
  files: TableColumns[];
  /**
   * Per authority, the first day after the data (the day after the last 31 March covered), when
   * collection years are known; observation of open episodes is censored there.
   */
  dataEndByLa: Map<string, number>;
  quality: DataQuality;
}

/** Input files: each list may hold one file per year or stacked files with LA and YEAR columns. */
export interface Ssda903Files {
  header: string[];
  episodes: string[];
  uasc?: string[];
  /** The year each file's name or folder names when it has no YEAR column (a label: the dates decide). */
  yearOf?: (file: string) => number | undefined;
  /** Folders (or the selection) with Episodes but no UASC file, warned about when read. */
  missingUasc?: string[];
}

const HEADER_REQUIRED = ['CHILD', 'SEX', 'DOB'] as const;
const EPISODE_REQUIRED = ['CHILD', 'DECOM', 'RNE', 'LS', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC'] as const;
const UASC_REQUIRED = ['CHILD'] as const;
const STACK_COLUMNS = ['LA', 'YEAR'] as const;

/** Collection year named by a folder or file name: `2024`, `2023-24` or `2023_2024` all mean the year to 31 March 2024. */
export function yearFromName(name: string): number | undefined {
  const pair = /(\d{4})\D(\d{2}|\d{4})(?!\d)/.exec(name);
  if (pair) {
    const first = Number(pair[1]);
    const second = pair[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(pair[2]) : Number(pair[2]);
    if (second === first + 1) return second;
  }
  const single = /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(name);
  return single ? Number(single[1]) : undefined;
}

/**
 * Streams SSDA903 Header, Episodes and UASC files into memory-light rows, validating as it goes; `open`
 * gives each file's text (Node's file streams in `readSsda903`, a browser's Files in `readSsda903Texts`).
 */
export async function readSsda903Tables(input: Ssda903Files, open: OpenTable): Promise<RawReturn> {
  const quality = new DataQuality();
  const out: RawReturn = {
    children: new Map(),
    episodes: new EpisodeStore(),
    uasc: new Set(),
    files: [],
    dataEndByLa: new Map(),
    quality,
  };
  // Shared copies of authority codes (the Episodes store keeps its own codes and keys once each).
  const codes = new Interner();

  for (const file of input.header) {
    let cols!: TableColumns;
    let ix = { child: 0, sex: 0, dob: 0, la: -1, year: -1 };
    const fileYear = input.yearOf?.(file) ?? 0;
    const dates = new FileDates(file, quality);
    const onHeader = (c: TableColumns): void => {
      cols = c;
      ix = { child: c.index['CHILD']!, sex: c.index['SEX']!, dob: c.index['DOB']!, la: c.index['LA'] ?? -1, year: c.index['YEAR'] ?? -1 };
    };
    const at = (row: number, col: number): Place => ({ file, row, col: col + 1 });
    const onRow = (cells: string[], row: number, present: number): void => {
      quality.rows.header++;
      if (present <= Math.max(ix.child, ix.sex, ix.dob, ix.la, ix.year)) {
        quality.warn('short-row', at(row, present), `row has ${present} fields, the header ${cols.width}; expected a value (blank allowed) for every column (child left out)`);
        return;
      }
      const child = cells[ix.child] ?? '';
      if (child === '') {
        quality.warn('blank-required-value', at(row, ix.child), 'blank CHILD; expected a child identifier');
        return;
      }
      const la = ix.la < 0 ? '' : codes.get(cells[ix.la] ?? '');
      const year = ix.year < 0 ? fileYear : yearOf(cells[ix.year] ?? '', fileYear);
      const sexCode = cells[ix.sex] ?? '';
      const sex = sexCode === '1' ? 'male' : sexCode === '2' ? 'female' : null;
      if (sex === null) quality.warn('unknown-sex', at(row, ix.sex), `SEX "${sexCode}" is not a known code; expected 1 (male) or 2 (female)`);
      const dob = dates.parse(cells[ix.dob] ?? '', row, ix.dob + 1, 'DOB');
      if (dob !== dob) {
        quality.warn('unparsable-date', at(row, ix.dob), `DOB is not a date (value withheld: personal data); expected DD/MM/YYYY or YYYY-MM-DD`);
        return;
      }
      const key = childKey(la, child);
      const prev = out.children.get(key);
      if (!prev) {
        const own = ownCopy(key);
        out.children.set(own, { key: own, la, sex, dob, year });
      }
      else if (prev.year <= year) {
        prev.sex = sex;
        prev.dob = dob;
        prev.year = year;
      }
    };
    const held = holdUntilDatesKnown(dates, () => [[ix.dob, 'DOB']], onRow);
    await streamTable(file, open(file), HEADER_REQUIRED, STACK_COLUMNS, onHeader, held.onRow);
    held.finish();
    out.files.push(cols);
  }

  const groups: ReturnGroup[] = [];
  for (const file of input.episodes) {
    let cols!: TableColumns;
    let ix!: EpisodeColumns;
    const fileIndex = out.files.length;
    const fileYear = input.yearOf?.(file) ?? 0;
    const dates = new FileDates(file, quality);
    const fileGroups = new Map<string, number>();
    let group = -1;
    let groupKey = '';
    const groupFor = (la: string, label: number): number => {
      const key = `${la}\t${label}`;
      if (key === groupKey) return group;
      let g = fileGroups.get(key);
      if (g === undefined) {
        g = groups.length;
        groups.push(newGroup(la, label, file));
        fileGroups.set(key, g);
      }
      groupKey = key;
      group = g;
      return g;
    };
    const onHeader = (c: TableColumns): void => {
      cols = c;
      const i = c.index;
      ix = {
        child: i['CHILD']!,
        decom: i['DECOM']!,
        rne: i['RNE']!,
        ls: i['LS']!,
        place: i['PLACE']!,
        provider: i['PLACE_PROVIDER']!,
        dec: i['DEC']!,
        rec: i['REC']!,
        la: i['LA'] ?? -1,
        year: i['YEAR'] ?? -1,
        last: Math.max(...Object.values(i)),
      };
    };
    // Hot loop (millions of rows): no closures per row; a Place is built only for a warning.
    const at = (row: number, col: number): Place => ({ file, row, col: col + 1 });
    const onRow = (cells: string[], row: number, present: number): void => {
      quality.rows.episodes++;
      const la = ix.la < 0 || ix.la >= present ? '' : codes.get(cells[ix.la] ?? '');
      const label = ix.year < 0 ? fileYear : ix.year >= present ? 0 : yearOf(cells[ix.year] ?? '', fileYear);
      const g = groups[groupFor(la, label)]!;
      g.rows++;
      if (present <= ix.last) {
        quality.warn(
          'short-row',
          at(row, present),
          `row has ${present} fields, the header ${cols.width}; expected a value (blank allowed) for every column, else a missing DEC would read as an open episode (row left out)`,
        );
        g.dropped['short-row'] = (g.dropped['short-row'] ?? 0) + 1;
        return;
      }
      const child = cells[ix.child] ?? '';
      if (child === '') {
        quality.warn('blank-required-value', at(row, ix.child), 'blank CHILD; expected a child identifier (row left out)');
        g.dropped['blank-child'] = (g.dropped['blank-child'] ?? 0) + 1;
        return;
      }
      const decomText = cells[ix.decom] ?? '';
      const decom = dates.parse(decomText, row, ix.decom + 1, 'DECOM');
      if (decom !== decom) {
        quality.warn('unparsable-date', at(row, ix.decom), `DECOM "${decomText}" is not a date; expected DD/MM/YYYY or YYYY-MM-DD (row left out)`);
        g.dropped['unparsable-decom'] = (g.dropped['unparsable-decom'] ?? 0) + 1;
        return;
      }
      const decText = cells[ix.dec] ?? '';
      let dec: number | null = decText === '' ? null : dates.parse(decText, row, ix.dec + 1, 'DEC');
      if (dec !== null && dec !== dec) {
        quality.warn('unparsable-date', at(row, ix.dec), `DEC "${decText}" is not a date; expected DD/MM/YYYY, YYYY-MM-DD or blank (treated as open)`);
        dec = null;
      }
      if (dec !== null && dec < decom) {
        quality.warn('dec-before-decom', at(row, ix.dec), `DEC ${decText} is before DECOM ${decomText}; expected DEC on or after DECOM (row left out)`);
        g.dropped['dec-before-decom'] = (g.dropped['dec-before-decom'] ?? 0) + 1;
        return;
      }
      noteDates(g, decom, dec);
      const rne = upper(cells[ix.rne]);
      const ls = upper(cells[ix.ls]);
      const place = upper(cells[ix.place]);
      const provider = upper(cells[ix.provider]);
      const rec = upper(cells[ix.rec]);
      if (!isKnownRne(rne)) quality.warn('unknown-code', at(row, ix.rne), `RNE "${rne}" is not a known code; expected S, L, P, T, B or U`);
      if (!isKnownLegalStatus(ls)) quality.warn('unknown-code', at(row, ix.ls), `LS "${ls}" is not a known code; expected C1, C2, E1, D1, V2-V4, L1-L3 or J1-J3`);
      const mapped = mapPlacement(place, provider);
      if (mapped.unknownPlace) quality.warn('unknown-code', at(row, ix.place), `PLACE "${place}" is not a known code; expected a DfE placement code (mapped to other)`);
      if (mapped.unknownProvider) quality.warn('unknown-code', at(row, ix.provider), `PLACE_PROVIDER "${provider}" is not a known code; expected PR0-PR5`);
      if (mapped.providerMissing) {
        quality.warn('provider-missing', at(row, ix.provider), `PLACE ${place} with provider "${provider}"; expected PR1-PR5 (counted as in-house)`);
      }
      if (dec !== null) {
        if (rec === '') quality.warn('blank-required-value', at(row, ix.rec), 'blank REC with a DEC; expected a reason episode ceased (counted as other)');
        else if (mapReason(rec).unknown) quality.warn('unknown-code', at(row, ix.rec), `REC "${rec}" is not a known code; expected X1 or E2-E48 (counted as other)`);
      }
      // The year column holds the row's return group until the groups' collection years are known.
      out.episodes.push({ key: childKey(la, child), la, year: group, decom, dec, rne, ls, place, provider, rec, file: fileIndex, row });
    };
    const episodesBefore = quality.rows.episodes;
    const held = holdUntilDatesKnown(dates, () => [[ix.decom, 'DECOM'], [ix.dec, 'DEC']], onRow);
    await streamTable(file, open(file), EPISODE_REQUIRED, STACK_COLUMNS, onHeader, held.onRow);
    held.finish();
    if (quality.rows.episodes === episodesBefore) {
      quality.warn('empty-episodes-file', { file, row: 1, col: 1 }, 'the Episodes file has a header but no rows; expected the episodes of the year (the year is not counted as covered)');
    }
    out.files.push(cols);
  }

  // Each return's collection year from its dates, then the episodes, the row accounts and the data end.
  resolveReturnYears(groups, quality);
  for (let i = 0; i < out.episodes.length; i++) out.episodes.setYear(i, groups[out.episodes.yearOf(i)]!.year);
  for (const g of groups) {
    const a = quality.account(g.la, g.year);
    a.rowsRead += g.rows;
    for (const [reason, n] of Object.entries(g.dropped) as [DropReason, number][]) quality.drop(g.la, g.year, reason, n);
    if (g.dates > 0 && g.year > 0) {
      const end = isoToDay(`${g.year}-03-31`) + 1;
      if ((out.dataEndByLa.get(g.la) ?? -Infinity) < end) out.dataEndByLa.set(g.la, end);
    }
  }

  for (const file of input.uasc ?? []) {
    let cols!: TableColumns;
    await streamTable(file, open(file), UASC_REQUIRED, STACK_COLUMNS, (c) => (cols = c), (cells, _row, present) => {
      quality.rows.uasc++;
      const child = cells[cols.index['CHILD']!] ?? '';
      if (child === '' || present <= cols.index['CHILD']!) return;
      const la = cols.index['LA'] === undefined ? '' : (cells[cols.index['LA']] ?? '');
      out.uasc.add(childKey(la, child));
    });
    out.files.push(cols);
  }
  for (const where of input.missingUasc ?? []) {
    quality.warn(
      'no-uasc-file',
      { file: where, row: 0, col: 0 },
      'no UASC file for these returns: their unaccompanied asylum-seeking children cannot be told apart and are counted with the others; expected a uasc*.csv',
    );
  }
  return out;
}

/**
 * Wraps a row handler so that rows wait (copied) until the file's date order is known from its values,
 * then pass on in order; `finish()` settles the order of a file that never showed it and passes the rest.
 */
function holdUntilDatesKnown(
  dates: FileDates,
  dateColumns: () => readonly (readonly [number, string])[],
  onRow: (cells: string[], row: number, present: number) => void,
): { onRow: (cells: string[], row: number, present: number) => void; finish: () => void } {
  const held: { cells: string[]; row: number; present: number }[] = [];
  const flush = (): void => {
    for (const h of held) onRow(h.cells, h.row, h.present);
    held.length = 0;
  };
  return {
    onRow(cells, row, present) {
      if (dates.order !== null) {
        if (held.length > 0) flush();
        onRow(cells, row, present);
        return;
      }
      for (const [c, name] of dateColumns()) if (c < present) dates.observe(cells[c] ?? '', row, c + 1, name);
      held.push({ cells: cells.slice(), row, present });
      if (dates.order !== null) flush();
      // A thousand rows without one slash date (ISO or Excel serial dates): the order will not matter.
      else if (held.length >= MAX_UNDECIDED_ROWS || (held.length >= 1000 && dates.slashSeen === 0)) {
        dates.settle();
        flush();
      }
    },
    finish() {
      dates.settle();
      flush();
      dates.report();
    },
  };
}

/** A child's key; without an LA the CHILD text itself, so a million rows need no new strings. */
const childKey = (la: string, child: string): string => (la === '' ? child : `${la}|${child}`);

interface EpisodeColumns {
  child: number;
  decom: number;
  rne: number;
  ls: number;
  place: number;
  provider: number;
  dec: number;
  rec: number;
  la: number;
  year: number;
  /** Last wanted column: a row with fewer cells is short. */
  last: number;
}

const upper = (s: string | undefined): string => {
  if (s === undefined) return '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return s.toUpperCase();
  }
  return s;
};

function yearOf(text: string, fallback: number): number {
  if (text === '') return fallback;
  const y = yearFromName(text);
  return y ?? fallback;
}

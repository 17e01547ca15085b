import { readdir } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { isoToDay } from '@carecast/engine';
import { streamTable, type TableColumns } from './csv-table.js';
import { DataError, type Place } from './errors.js';
import { parseSsdaDate } from './dates.js';
import { DataQuality } from './quality.js';
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
  /** Collection year (the year of the 31 March it ends on); 0 when unknown. */
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
  episodes: RawEpisode[];
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
  /** Collection year of each file when it has no YEAR column (same order as the file lists). */
  yearOf?: (file: string) => number | undefined;
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
 * Finds the Header, Episodes and UASC CSVs in a folder of one return, or in its sub-folders (one per
 * collection year, named like `2024` or `2023-24`); file names need only contain `header`,
 * `episodes` or `uasc` (any case).
 */
export async function findSsda903Files(folder: string): Promise<Ssda903Files> {
  const files: Ssda903Files & { uasc: string[] } = { header: [], episodes: [], uasc: [] };
  const years = new Map<string, number>();
  const visit = async (dir: string, year: number | undefined, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new DataError(dir, 0, 0, `cannot read the folder (${(e as NodeJS.ErrnoException).code}); expected a folder of SSDA903 CSV files`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth === 0) {
        await visit(path, yearFromName(entry.name), 1);
      } else if (entry.isFile() && /\.csv$/i.test(entry.name)) {
        const lower = entry.name.toLowerCase();
        const list = lower.includes('episode') ? files.episodes : lower.includes('uasc') ? files.uasc : lower.includes('header') ? files.header : null;
        if (!list) continue;
        list.push(path);
        const y = year ?? yearFromName(entry.name);
        if (y !== undefined) years.set(path, y);
      }
    }
  };
  await visit(folder, yearFromName(basename(folder)), 0);
  if (files.header.length === 0 || files.episodes.length === 0) {
    throw new DataError(folder, 0, 0, 'no Header or Episodes CSV found; expected files named like header.csv and episodes.csv (per year sub-folders allowed)');
  }
  files.yearOf = (f) => years.get(f);
  return files;
}

/** Streams SSDA903 Header, Episodes and UASC files into memory-light rows, validating as it goes. */
export async function readSsda903(input: Ssda903Files): Promise<RawReturn> {
  const quality = new DataQuality();
  const out: RawReturn = {
    children: new Map(),
    episodes: [],
    uasc: new Set(),
    files: [],
    dataEndByLa: new Map(),
    quality,
  };
  let lastYear = NaN;
  let lastYearEnd = NaN;
  const noteYear = (la: string, year: number): void => {
    if (!(year > 0)) return;
    if (year !== lastYear) {
      lastYear = year;
      lastYearEnd = isoToDay(`${year}-03-31`) + 1;
    }
    const end = lastYearEnd;
    if ((out.dataEndByLa.get(la) ?? -Infinity) < end) out.dataEndByLa.set(la, end);
  };

  for (const file of input.header) {
    let cols!: TableColumns;
    let ix = { child: 0, sex: 0, dob: 0, la: -1, year: -1 };
    const fileYear = input.yearOf?.(file) ?? 0;
    const onHeader = (c: TableColumns): void => {
      cols = c;
      ix = { child: c.index['CHILD']!, sex: c.index['SEX']!, dob: c.index['DOB']!, la: c.index['LA'] ?? -1, year: c.index['YEAR'] ?? -1 };
    };
    const at = (row: number, col: number): Place => ({ file, row, col: col + 1 });
    await streamTable(file, HEADER_REQUIRED, STACK_COLUMNS, onHeader, (cells, row) => {
      quality.rows.header++;
      const child = cells[ix.child] ?? '';
      if (child === '') {
        quality.warn('blank-required-value', at(row, ix.child), 'blank CHILD; expected a child identifier');
        return;
      }
      const la = ix.la < 0 ? '' : (cells[ix.la] ?? '');
      const year = ix.year < 0 ? fileYear : yearOf(cells[ix.year] ?? '', fileYear);
      noteYear(la, year);
      const sexCode = cells[ix.sex] ?? '';
      const sex = sexCode === '1' ? 'male' : sexCode === '2' ? 'female' : null;
      if (sex === null) quality.warn('unknown-sex', at(row, ix.sex), `SEX "${sexCode}" is not a known code; expected 1 (male) or 2 (female)`);
      const dobText = cells[ix.dob] ?? '';
      const dob = parseSsdaDate(dobText);
      if (dob !== dob) {
        quality.warn('unparsable-date', at(row, ix.dob), `DOB is not a date (value withheld: personal data); expected DD/MM/YYYY or YYYY-MM-DD`);
        return;
      }
      const key = childKey(la, child);
      const prev = out.children.get(key);
      if (!prev) out.children.set(key, { key, la, sex, dob, year });
      else if (prev.year <= year) {
        prev.sex = sex;
        prev.dob = dob;
        prev.year = year;
      }
    });
    out.files.push(cols);
  }

  for (const file of input.episodes) {
    let cols!: TableColumns;
    let ix!: EpisodeColumns;
    const fileIndex = out.files.length;
    const fileYear = input.yearOf?.(file) ?? 0;
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
      };
    };
    // Hot loop (a million rows): no closures per row; a Place is built only for a warning.
    const at = (row: number, col: number): Place => ({ file, row, col: col + 1 });
    await streamTable(file, EPISODE_REQUIRED, STACK_COLUMNS, onHeader, (cells, row) => {
      quality.rows.episodes++;
      const child = cells[ix.child] ?? '';
      if (child === '') {
        quality.warn('blank-required-value', at(row, ix.child), 'blank CHILD; expected a child identifier');
        quality.exclude('episode-dropped');
        return;
      }
      const decomText = cells[ix.decom] ?? '';
      const decom = parseSsdaDate(decomText);
      if (decom !== decom) {
        quality.warn('unparsable-date', at(row, ix.decom), `DECOM "${decomText}" is not a date; expected DD/MM/YYYY or YYYY-MM-DD (episode left out)`);
        quality.exclude('episode-dropped');
        return;
      }
      const decText = cells[ix.dec] ?? '';
      let dec: number | null = decText === '' ? null : parseSsdaDate(decText);
      if (dec !== null && dec !== dec) {
        quality.warn('unparsable-date', at(row, ix.dec), `DEC "${decText}" is not a date; expected DD/MM/YYYY, YYYY-MM-DD or blank (treated as open)`);
        dec = null;
      }
      if (dec !== null && dec < decom) {
        quality.warn('dec-before-decom', at(row, ix.dec), `DEC ${decText} is before DECOM ${decomText}; expected DEC on or after DECOM (episode left out)`);
        quality.exclude('episode-dropped');
        return;
      }
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
      const la = ix.la < 0 ? '' : (cells[ix.la] ?? '');
      const year = ix.year < 0 ? fileYear : yearOf(cells[ix.year] ?? '', fileYear);
      noteYear(la, year);
      out.episodes.push({ key: childKey(la, child), la, year, decom, dec, rne, ls, place, provider, rec, file: fileIndex, row });
    });
    out.files.push(cols);
  }

  for (const file of input.uasc ?? []) {
    let cols!: TableColumns;
    await streamTable(file, UASC_REQUIRED, STACK_COLUMNS, (c) => (cols = c), (cells) => {
      quality.rows.uasc++;
      const child = cells[cols.index['CHILD']!] ?? '';
      if (child === '') return;
      const la = cols.index['LA'] === undefined ? '' : (cells[cols.index['LA']] ?? '');
      out.uasc.add(childKey(la, child));
    });
    out.files.push(cols);
  }
  return out;
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

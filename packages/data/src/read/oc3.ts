import { ACCOMMODATIONS, CARE_LEAVER_AGES, DEFAULT_ACCOMMODATION_MIX, type Accommodation, type CareLeaverAge } from '@carecast/engine';
import { streamTable } from './csv-table.js';
import { ageInYears, parseSsdaDate } from './dates.js';
import { formatPlace } from './errors.js';
import { yearFromName } from './ssda903.js';

// The SSDA903 care-leaver table OC3 (`CHILD, DOB, IN_TOUCH, ACTIV, ACCOM`, docs/domain.md §7): each young
// person around their 17th to 21st birthday in the collection year, with their accommodation. Read into
// counts by age (18, 19, 20, 21+) and Carecast's accommodation states; calibrate turns them into
// `careLeavers.accommodationByAge`. A stacked table's `LA` column also splits the counts by authority, its
// `YEAR` column the young people by collection year (calibrate's care leavers on the start date take one year).

/** OC3 ACCOM letters (the suitability digit is ignored) to accommodation states; `Z` is staying put (provider split later). */
const ACCOM_STATE: Readonly<Record<string, Accommodation | 'staying_put'>> = {
  B: 'parents_or_relatives',
  C: 'other',
  D: 'supported_accommodation',
  E: 'supported_lodgings',
  G: 'other',
  H: 'other',
  K: 'independent',
  R: 'other',
  S: 'other',
  T: 'supported_accommodation',
  U: 'independent',
  V: 'other',
  W: 'other',
  X: 'custody',
  Y: 'other',
  Z: 'staying_put',
};

export interface Oc3Counts {
  /** [age group (18, 19, 20, 21+)][state, staying put split later]: young people; `staying_put` counted apart. */
  counts: number[][];
  stayingPut: number[];
  /** Rows used, rows at 17 (still in care, not a care-leaver state), rows unusable (with the first five messages). */
  used: number;
  atSeventeen: number;
  unusable: number;
  messages: string[];
  /**
   * Per collection year (the 31 March it ends on: the row's `YEAR`, else the file's year) that any row was
   * read as: young people (usable rows) by age group 18, 19, 20, 21+. The counts above pool every year.
   */
  byYear: Map<number, number[]>;
  /** Per authority, with an `LA` column (stacked regional tables): the same counts for its rows alone. */
  byLa?: Map<string, Oc3Counts>;
}

/** Counts with nothing counted yet. */
export const emptyCounts = (): Omit<Oc3Counts, 'byLa'> => ({
  counts: CARE_LEAVER_AGES.map(() => ACCOMMODATIONS.map(() => 0)),
  stayingPut: CARE_LEAVER_AGES.map(() => 0),
  used: 0,
  atSeventeen: 0,
  unusable: 0,
  messages: [],
  byYear: new Map(),
});

/** Young people by age group of `year` in `c`, made (all 0) when the year is new. */
export function yearCounts(c: Pick<Oc3Counts, 'byYear'>, year: number): number[] {
  let byAge = c.byYear.get(year);
  if (!byAge) c.byYear.set(year, (byAge = CARE_LEAVER_AGES.map(() => 0)));
  return byAge;
}

/**
 * A `YEAR` cell as the collection year it names, the 31 March it ends on as in a file's name (`2024`,
 * `2023-24`, `2023/24`, `2023-2024`: yearFromName's rule); undefined for anything else (blank, text, a
 * pair of years that do not follow on).
 */
export function yearOfCell(text: string): number | undefined {
  const t = text.trim();
  const shape = /^((?:19|20)\d{2})(?:[-/](?:\d{2}|\d{4}))?$/.exec(t);
  if (!shape) return undefined;
  const year = yearFromName(t);
  // yearFromName falls back to a pair's first year when the second does not follow on: no year here.
  return t.length > 4 && year === Number(shape[1]) ? undefined : year;
}

/**
 * Reads an OC3 file. `year` is the collection year, named by the 31 March it ends on (a `YEAR` column,
 * when present, wins row by row: a stacked table's rows are split by it, `byYear`); a young person's age
 * is their age on that 31 March. Rows with a `YEAR` that names no year, an unreadable DOB, an unknown
 * ACCOM code or an age outside 17-25 are counted as unusable, never guessed.
 * With an `LA` column (a stacked regional table) each authority's rows are also counted apart (`byLa`).
 * `chunks` is the file's text (from disk: oc3-files.ts's readOc3; from a browser's files: text-files.ts).
 */
export async function readOc3Table(file: string, year: number, chunks: AsyncIterable<string>): Promise<Oc3Counts> {
  const out: Oc3Counts = emptyCounts();
  let idx: Record<string, number> = {};
  // The row's authority's own counts (with an LA column), else none.
  let la: Oc3Counts | undefined;
  const bad = (row: number, col: string, what: string): void => {
    for (const c of la ? [out, la] : [out]) {
      c.unusable++;
      if (c.messages.length < 5) c.messages.push(formatPlace({ file, row, col: (idx[col] ?? 0) + 1 }, what));
    }
  };
  await streamTable(
    file,
    chunks,
    ['CHILD', 'DOB', 'ACCOM'],
    ['YEAR', 'LA'],
    (cols) => {
      idx = cols.index;
      if (idx['LA'] !== undefined) out.byLa = new Map();
    },
    (cells, row) => {
      if (out.byLa) {
        const code = cells[idx['LA']!] ?? '';
        la = out.byLa.get(code);
        if (!la) out.byLa.set(code, (la = emptyCounts()));
      }
      const y = idx['YEAR'] !== undefined ? yearOfCell(cells[idx['YEAR']!] ?? '') : year;
      if (y === undefined) {
        return bad(row, 'YEAR', `YEAR "${cells[idx['YEAR']!] ?? ''}" is not a collection year; expected the year the return ends on 31 March (2024 or 2023-24); row left out`);
      }
      const ofYear = la ? [yearCounts(out, y), yearCounts(la, y)] : [yearCounts(out, y)];
      const dob = parseSsdaDate(cells[idx['DOB']!] ?? '');
      if (!Number.isFinite(dob)) return bad(row, 'DOB', 'DOB is not a date (DD/MM/YYYY or YYYY-MM-DD); row left out');
      const yearEnd = parseSsdaDate(`${y}-03-31`);
      const age = ageInYears(dob, yearEnd);
      const code = (cells[idx['ACCOM']!] ?? '').trim().toUpperCase().charAt(0);
      const state = ACCOM_STATE[code];
      if (age === 17) {
        out.atSeventeen++;
        if (la) la.atSeventeen++;
        return;
      }
      if (age < 17 || age > 25) return bad(row, 'DOB', `age ${age} on 31 March ${y} is outside the OC3 ages (17 to 21, 25 on request); row left out`);
      if (!state) return bad(row, 'ACCOM', `ACCOM "${cells[idx['ACCOM']!] ?? ''}" is not an OC3 accommodation code (B, C, D, E, G, H, K, R, S, T, U, V, W, X, Y, Z); row left out`);
      const g = Math.min(age - 18, CARE_LEAVER_AGES.length - 1);
      for (const c of la ? [out, la] : [out]) {
        if (state === 'staying_put') c.stayingPut[g]!++;
        else c.counts[g]![ACCOMMODATIONS.indexOf(state)]!++;
        c.used++;
      }
      for (const byAge of ofYear) byAge[g]!++;
    },
  );
  return out;
}

/** Where the calibrated mix of each age group came from. */
export interface CareLeaverMix {
  accommodationByAge: Record<CareLeaverAge, Record<Accommodation, number>>;
  /** Per age group: `oc3` (n young people) or `default` (fewer than `minYoungPeople` rows). */
  source: Record<CareLeaverAge, string>;
}

/**
 * The accommodation mix by age from OC3 counts. Staying put (OC3 does not name the carer's provider) is
 * split between in-house and IFA by `inhouseShare`; an age group with fewer than `minYoungPeople` rows
 * keeps the illustrative default (labelled so).
 */
export function careLeaverMixFromOc3(c: Oc3Counts, inhouseShare = 0.5, minYoungPeople = 20): CareLeaverMix {
  const accommodationByAge = {} as CareLeaverMix['accommodationByAge'];
  const source = {} as CareLeaverMix['source'];
  CARE_LEAVER_AGES.forEach((age, g) => {
    const counts = c.counts[g]!;
    const total = counts.reduce((a, b) => a + b, 0) + c.stayingPut[g]!;
    if (total < minYoungPeople) {
      accommodationByAge[age] = { ...DEFAULT_ACCOMMODATION_MIX[age] };
      source[age] = `default (only ${total} young people in OC3)`;
      return;
    }
    const mix = Object.fromEntries(ACCOMMODATIONS.map((a, i) => [a, counts[i]! / total])) as Record<Accommodation, number>;
    mix.staying_put_inhouse = (c.stayingPut[g]! * inhouseShare) / total;
    mix.staying_put_ifa = (c.stayingPut[g]! * (1 - inhouseShare)) / total;
    accommodationByAge[age] = mix;
    source[age] = `oc3 (${total} young people)`;
  });
  return { accommodationByAge, source };
}

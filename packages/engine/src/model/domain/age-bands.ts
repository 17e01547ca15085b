import { anniversaryDay } from '../calendar.js';
import { DAYS_PER_YEAR } from '../dates.js';

/**
 * The DfE age bands, from one table: each band's first age in whole years. A band ends where the
 * next begins; the last ends at 18, when every child leaves care.
 */
const AGE_BAND_TABLE = [
  ['<1', 0],
  ['1-4', 1],
  ['5-9', 5],
  ['10-15', 10],
  ['16-17', 16],
] as const;

/** Age a child leaves care at, in whole years (the 18th calendar birthday). */
export const CARE_LEAVING_AGE_YEARS = 18;

/** DfE age bands, youngest first. */
export const AGE_BANDS = AGE_BAND_TABLE.map(([band]) => band) as unknown as readonly ['<1', '1-4', '5-9', '10-15', '16-17'];
export type AgeBand = (typeof AGE_BAND_TABLE)[number][0];
export const AGE_BAND_COUNT = AGE_BAND_TABLE.length;

/** Lower bound of each age band in whole years. */
export const AGE_BAND_START_YEARS = Object.fromEntries(AGE_BAND_TABLE) as Readonly<Record<AgeBand, number>>;

/** Age in whole years at which a child leaves each band (by index): the next band's start, or 18. */
export const AGE_BAND_END_YEARS: readonly number[] = AGE_BAND_TABLE.map((_, b) =>
  b + 1 < AGE_BAND_TABLE.length ? AGE_BAND_TABLE[b + 1]![1] : CARE_LEAVING_AGE_YEARS,
);

/** Age in days (365.25 a year) at which each band starts, by index: the expected-value projection's ages. */
export const AGE_BAND_START_DAYS: readonly number[] = AGE_BAND_TABLE.map(([, years]) => years * DAYS_PER_YEAR);

/** Age in days (365.25 a year) at which a child leaves care; calendar birthdays are within a day of it. */
export const CARE_LEAVING_AGE_DAYS = CARE_LEAVING_AGE_YEARS * DAYS_PER_YEAR;

/** Oldest age in whole days a child in care can have (a day short of 18 years of 365.25 days). */
export const OLDEST_AGE_IN_CARE_DAYS = Math.floor(CARE_LEAVING_AGE_DAYS) - 1;

export const ageBandIndex = (b: AgeBand): number => AGE_BANDS.indexOf(b);
export const isAgeBand = (s: string): s is AgeBand => (AGE_BANDS as readonly string[]).includes(s);

/** Age band index on `day` of a child born on `birth` (calendar birthdays; under 18). */
export function ageBandOn(birth: number, day: number): number {
  let b = 0;
  while (b < AGE_BAND_COUNT - 1 && anniversaryDay(birth, AGE_BAND_END_YEARS[b]!) <= day) b++;
  return b;
}

/** Age band index of an age in days of 365.25-day years (below 18). */
export function ageBandOfAgeDays(ageDays: number): number {
  let a = 0;
  while (a + 1 < AGE_BAND_COUNT && ageDays >= AGE_BAND_START_DAYS[a + 1]!) a++;
  return a;
}

/**
 * Calendar arithmetic on whole day numbers (days since 1970-01-01) without Date objects, so birthdays
 * can be computed for every simulated child cheaply (Hinnant's civil-from-days algorithms).
 */

/** Year, month (1-12) and day of a day number. */
export function civilFromDay(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of a civil date (month 1-12). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Day numbers of 1 January for years YEAR_BASE .. YEAR_BASE + YEAR_SPAN, and whether each is a leap
 * year (1), so that `anniversaryDay` does no division and no modulo (it runs for every birthday of a
 * simulated child).
 */
const YEAR_BASE = 1800;
const YEAR_SPAN = 500;
const YEAR_STARTS = Int32Array.from({ length: YEAR_SPAN + 1 }, (_, i) => dayFromCivil(YEAR_BASE + i, 1, 1));
const LEAP_YEARS = Uint8Array.from({ length: YEAR_SPAN + 1 }, (_, i) => (isLeap(YEAR_BASE + i) ? 1 : 0));
const FIRST_YEAR_START = YEAR_STARTS[0]!;
/** An estimate of the year index only: the table lookups below correct it either way. */
const YEARS_PER_DAY = 1 / 365.2425;

/**
 * The day of the `years`-th anniversary of `day` (a birthday): 29 February falls on 1 March in
 * years that are not leap years, as for the legal age of a child born on 29 February in England.
 */
export function anniversaryDay(day: number, years: number): number {
  const table = YEAR_STARTS;
  let i = Math.floor((day - FIRST_YEAR_START) * YEARS_PER_DAY);
  if (i < 0 || i + years >= YEAR_SPAN) return anniversaryBySlowPath(day, years);
  while (table[i + 1]! <= day) i++;
  while (table[i]! > day) i--;
  const to = i + years;
  if (to >= YEAR_SPAN) return anniversaryBySlowPath(day, years);
  const doy = day - table[i]!;
  const fromLeap = LEAP_YEARS[i]!;
  // Day-of-year 59 is 29 February in a leap year and 1 March otherwise.
  if (fromLeap === LEAP_YEARS[to]! || doy < 59) return table[to]! + doy;
  if (fromLeap === 1) return table[to]! + (doy === 59 ? 59 : doy - 1);
  return table[to]! + doy + 1;
}

function anniversaryBySlowPath(day: number, years: number): number {
  const [y, m, d] = civilFromDay(day);
  const ty = y + years;
  if (m === 2 && d === 29 && !isLeap(ty)) return dayFromCivil(ty, 3, 1);
  return dayFromCivil(ty, m, d);
}

/** Start day of the calendar month containing `day`. */
export function monthStartDay(day: number): number {
  const [y, m] = civilFromDay(day);
  return dayFromCivil(y, m, 1);
}

/** Start day of the calendar month after the one containing `day`. */
export function nextMonthStartDay(day: number): number {
  const [y, m] = civilFromDay(day);
  return m === 12 ? dayFromCivil(y + 1, 1, 1) : dayFromCivil(y, m + 1, 1);
}

/** Whole and fractional calendar months from `fromDay` to `toDay` (both day numbers). */
export function monthsBetween(fromDay: number, toDay: number): number {
  const [y1, m1, d1] = civilFromDay(fromDay);
  const [y2, m2, d2] = civilFromDay(toDay);
  const len1 = dayFromCivil(m1 === 12 ? y1 + 1 : y1, m1 === 12 ? 1 : m1 + 1, 1) - dayFromCivil(y1, m1, 1);
  const len2 = dayFromCivil(m2 === 12 ? y2 + 1 : y2, m2 === 12 ? 1 : m2 + 1, 1) - dayFromCivil(y2, m2, 1);
  return (y2 - y1) * 12 + (m2 - m1) + (d2 - 1) / len2 - (d1 - 1) / len1;
}

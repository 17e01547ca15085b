const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil; no Date objects). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1-12) and day of a day number. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(y: number, m: number, d: number): number {
  if (!(m >= 1 && m <= 12 && d >= 1)) return NaN;
  const max = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
  return d <= max ? daysFromCivil(y, m, d) : NaN;
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/**
 * Day number (days since 1970-01-01) of an SSDA903 date, `DD/MM/YYYY` or ISO `YYYY-MM-DD`
 * (a time part is ignored); NaN when the text is no real calendar date.
 */
export function parseSsdaDate(text: string): number {
  if (text.length === 10) {
    if (text[2] === '/' && text[5] === '/') {
      const d = digit(text, 0) * 10 + digit(text, 1);
      const m = digit(text, 3) * 10 + digit(text, 4);
      const y = digit(text, 6) * 1000 + digit(text, 7) * 100 + digit(text, 8) * 10 + digit(text, 9);
      return validDay(y, m, d);
    }
    if (text[4] === '-' && text[7] === '-') {
      const y = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
      const m = digit(text, 5) * 10 + digit(text, 6);
      const d = digit(text, 8) * 10 + digit(text, 9);
      return validDay(y, m, d);
    }
  }
  let match = DMY.exec(text);
  if (match) return validDay(Number(match[3]), Number(match[2]), Number(match[1]));
  match = ISO.exec(text);
  if (match) return validDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return NaN;
}

/** Day number of the `years`-th calendar anniversary of `day` (29 February falls on 1 March). */
export function anniversary(day: number, years: number): number {
  const [y, m, d] = civilFromDays(day);
  return daysFromCivil(y + years, m, d);
}

/** `DD/MM/YYYY` of a day number, the SSDA903 form. */
export function dayToDmy(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${d < 10 ? '0' : ''}${d}/${m < 10 ? '0' : ''}${m}/${y}`;
}

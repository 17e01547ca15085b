import { civilFromDay, dayFromCivil } from '@carecast/engine';

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?$/;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(y: number, m: number, d: number): number {
  if (!(m >= 1 && m <= 12 && d >= 1)) return NaN;
  const max = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!;
  return d <= max ? dayFromCivil(y, m, d) : NaN;
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
  const [y, m, d] = civilFromDay(day);
  return dayFromCivil(y + years, m, d);
}

/**
 * Age in whole years on `day` of someone born on `dob` (calendar birthdays, as `anniversary`: born on
 * 29 February, a year older on 1 March in other years); 0 before the first birthday or the birth.
 */
export function ageInYears(dob: number, day: number): number {
  const years = civilFromDay(day)[0] - civilFromDay(dob)[0];
  if (years <= 0) return 0;
  return anniversary(dob, years) <= day ? years : years - 1;
}

/** `DD/MM/YYYY` of a day number, the SSDA903 form. */
export function dayToDmy(day: number): string {
  const [y, m, d] = civilFromDay(day);
  return `${d < 10 ? '0' : ''}${d}/${m < 10 ? '0' : ''}${m}/${y}`;
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?$/;
const MS_PER_DAY = 86_400_000;

/**
 * Day number (days since 1970-01-01) of an SSDA903 date, `DD/MM/YYYY` or ISO `YYYY-MM-DD`
 * (a time part is ignored); NaN when the text is no real calendar date.
 */
export function parseSsdaDate(text: string): number {
  let y: number;
  let m: number;
  let d: number;
  let match = DMY.exec(text);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else {
    match = ISO.exec(text);
    if (!match) return NaN;
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return NaN;
  return ms / MS_PER_DAY;
}

/** Day number of the `years`-th calendar anniversary of `day` (29 February falls on 1 March). */
export function anniversary(day: number, years: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / MS_PER_DAY;
}

/** `DD/MM/YYYY` of a day number, the SSDA903 form. */
export function dayToDmy(day: number): string {
  const iso = new Date(day * MS_PER_DAY).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

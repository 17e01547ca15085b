/** Days in a year: every per-year rate is converted with this. */
export const DAYS_PER_YEAR = 365.25;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO `YYYY-MM-DD` date; throws on anything else. */
export function isoToDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`expected an ISO date YYYY-MM-DD, got "${iso}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`"${iso}" is not a real calendar date`);
  }
  return ms / MS_PER_DAY;
}

/** ISO `YYYY-MM-DD` of a whole day number (days since 1970-01-01). */
export function dayToIso(day: number): string {
  return new Date(Math.floor(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True when `iso` is a valid ISO calendar date. */
export function isIsoDate(iso: string): boolean {
  try {
    isoToDay(iso);
    return true;
  } catch {
    return false;
  }
}

/**
 * Month-end days (days since epoch) from the month containing `startDay` through the month containing
 * `endDay`, each at most `endDay`. A stock at a month end is taken at the end of that day.
 */
export function monthEnds(startDay: number, endDay: number): number[] {
  const out: number[] = [];
  const start = new Date(startDay * MS_PER_DAY);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  for (;;) {
    const end = Date.UTC(y, m + 1, 0) / MS_PER_DAY;
    if (end >= endDay) {
      if (out.length === 0 || out[out.length - 1]! < endDay) out.push(Math.min(end, endDay));
      break;
    }
    if (end >= startDay) out.push(end);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

/** Adds whole calendar months to an ISO date, clamping to the month's last day. */
export function addMonths(iso: string, months: number): string {
  const day = isoToDay(iso);
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))).toISOString().slice(0, 10);
}

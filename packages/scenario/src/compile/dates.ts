import { isIsoDate } from '@carecast/engine';
import type { DocPath, IssueList } from '../errors.js';

/** The earliest and latest dates a scenario may name (children's care records; leaves date arithmetic safe). */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2199-12-31';
/** The longest horizon, in months. */
export const MAX_HORIZON_MONTHS = 50 * 12;

/**
 * True when `date` is a real calendar date between FIRST_DATE and LAST_DATE; otherwise says why at `path`.
 * Every date of a scenario is checked here before any arithmetic is done with it.
 */
export function checkDate(issues: IssueList, path: DocPath, date: unknown): date is string {
  if (typeof date !== 'string' || !isIsoDate(date)) {
    issues.add(path, `${JSON.stringify(date)} is not a real calendar date; expected YYYY-MM-DD`);
    return false;
  }
  if (date < FIRST_DATE || date > LAST_DATE) {
    issues.add(path, `${date} is outside the dates Carecast handles; expected a date from ${FIRST_DATE} to ${LAST_DATE}`);
    return false;
  }
  return true;
}

/** A horizon such as `5 years` as whole calendar months or days, or what is wrong with it. */
export function parseHorizon(horizon: string): { months: number } | { days: number } | { error: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s+(year|month|week|day)s?\s*$/.exec(horizon);
  const expected = 'expected whole months or years (e.g. "5 years", "60 months") or days';
  if (!m) return { error: `"${horizon}": ${expected}` };
  const n = Number(m[1]);
  const unit = m[2]!;
  const months = unit === 'year' ? n * 12 : unit === 'month' ? n : ((unit === 'week' ? n * 7 : n) * 12) / 365.25;
  if (months > MAX_HORIZON_MONTHS) return { error: `${horizon.trim()} is longer than 50 years; expected a shorter horizon` };
  if (unit === 'year' || unit === 'month') return Number.isInteger(months) ? { months } : { error: `"${horizon}": ${expected}` };
  const days = unit === 'week' ? n * 7 : n;
  return Number.isInteger(days) ? { days } : { error: `"${horizon}": ${expected}` };
}

import { isoToDay } from '../dates.js';
import { monthStartDay, monthsBetween } from '../calendar.js';
import { ParameterError } from '../parameter-error.js';
import { optionalNumber, requireDate } from './validation.js';

/** A modifier's window [fromDay, untilDay) and its ramp in months. */
export interface Window {
  fromDay: number;
  untilDay: number;
  rampMonths: number;
}

export function windowOf(m: Record<string, unknown>, path: string): Window {
  const from = requireDate(m['from'], `${path}.from`);
  const fromDay = isoToDay(from);
  let untilDay = Infinity;
  if (m['until'] !== undefined) {
    untilDay = isoToDay(requireDate(m['until'], `${path}.until`));
    if (untilDay <= fromDay) throw new ParameterError(`${path}.until`, `expected a date after from (${from})`);
  }
  const rampMonths = optionalNumber(m['rampMonths'], `${path}.rampMonths`, 0, 0, 1200, 'a number of months of zero or more');
  return { fromDay, untilDay, rampMonths };
}

/** Share of a modifier's full effect in force on `day` (0 outside its window). */
export function rampShare(w: Window, day: number): number {
  if (day < w.fromDay || day >= w.untilDay) return 0;
  if (w.rampMonths === 0) return 1;
  return Math.min(1, monthsBetween(w.fromDay, day) / w.rampMonths);
}

/** Adds the days a window starts and stops acting to the epoch days. */
export function addWindowDays(days: Set<number>, w: Window): void {
  days.add(w.fromDay);
  if (Number.isFinite(w.untilDay)) days.add(w.untilDay);
}

/** The first day of the month containing `day`, but never before the start. */
export function monthStartOf(day: number, startDay: number): number {
  return Math.max(startDay, monthStartDay(day));
}

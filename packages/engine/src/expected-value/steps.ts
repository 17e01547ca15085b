import type { CompiledModel } from '../model/compiled-model.js';

/**
 * Longest projection step in days: one step a month when the hazards of children not yet settled are
 * slow enough (`stepDays`); the supply's accepted shares, the waiting lists and the 18th birthdays
 * then move once a month (session 17).
 */
export const MAX_STEP_DAYS = 31;
/** Shortest longest step in days (two steps a month), for models whose unsettled hazards are fast. */
export const MIN_STEP_DAYS = 16;

/**
 * Largest expected number of events (moves and exits) of one child not yet settled over a step,
 * h × days (session 17): Anytown's fastest such cell, 2.5 a year, takes 0.21 in a month, so one step
 * a month; the time-in-care test case, 4 a year, two steps a month (its error against the closed form
 * was 0.12% with month steps, against 0.03%).
 */
export const STEP_EVENTS = 0.25;

/**
 * The longest step of a model whose fastest cell before settling has total hazard `hPerDay`:
 * STEP_EVENTS / h days, within [MIN_STEP_DAYS, MAX_STEP_DAYS] (MAX_STEP_DAYS without such hazards).
 */
export function stepDays(hPerDay: number): number {
  return hPerDay > 0 ? Math.min(MAX_STEP_DAYS, Math.max(MIN_STEP_DAYS, STEP_EVENTS / hPerDay)) : MAX_STEP_DAYS;
}

/** One projection step [t0, t1) in days; `snapshotAfter` when t1 is the end of a month-end day. */
export interface ProjectionStep {
  t0: number;
  t1: number;
  snapshotAfter: boolean;
}

/**
 * Steps from the start to the end of the last day: every month end (stocks are taken at the end of
 * that day), rate change (epoch) and capacity event starts a new step; longer pieces are split into
 * equal steps of at most `maxDays` (`stepDays`).
 */
export function projectionSteps(model: CompiledModel, maxDays: number): ProjectionStep[] {
  const cuts = new Set<number>();
  for (const e of model.epochs) cuts.add(e.day);
  for (const e of model.capacityEvents) cuts.add(e.day);
  // Sorted once (session 20: two arrays per month before), read in order from the first after t.
  const sorted = [...cuts].sort((a, b) => a - b);
  const steps: ProjectionStep[] = [];
  let t = model.startDay;
  for (const monthEnd of model.snapshotDays) {
    const end = monthEnd + 1;
    let next = 0;
    while (next < sorted.length && !(sorted[next]! > t)) next++;
    // The cuts inside (t, end), then the month's end.
    for (;;) {
      const stop = next < sorted.length && sorted[next]! < end ? sorted[next++]! : end;
      const pieces = Math.ceil((stop - t) / maxDays);
      for (let i = 0; i < pieces; i++) {
        const t1 = i === pieces - 1 ? stop : t + ((stop - t) * (i + 1)) / pieces;
        steps.push({ t0: i === 0 ? t : steps[steps.length - 1]!.t1, t1, snapshotAfter: t1 === end });
      }
      t = stop;
      if (stop === end) break;
    }
  }
  return steps;
}

/**
 * Share of a step's arrivals (entering uniformly over its dt days) that the projection enters before
 * the step, the rest entering after it, for a cell of total hazard h per day (`events` = h dt). Enter
 * half and half (the trapezoid rule) and the arrivals' stock at the step's end is high by about
 * (h dt)² / 12 of them (0.26% at 4 a year and 16 days; it stays with them in the bands they move on
 * to). With share α = 1 / (1 − e^(−h dt)) − 1 / (h dt) before, both the stock at the step's end
 * (α e^(−h dt) + 1 − α = (1 − e^(−h dt)) / (h dt) of them) and their occupancy during the step
 * (α dt (1 − e^(−h dt)) / h = ∫₀^dt (dt − s) e^(−h s) ds) are exact for one category; with moves the
 * error left is of the order of (move rate × dt)(hazard after the move × dt) / 12 of those moving. α
 * is 1/2 + h dt / 12 − (h dt)³ / 720 + ...: 1/2 without hazards.
 */
export function arrivalShareBefore(events: number): number {
  if (!(events > 1e-3)) return 0.5 + events / 12 - (events * events * events) / 720;
  return 1 / -Math.expm1(-events) - 1 / events;
}

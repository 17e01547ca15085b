/**
 * Days in care of an initial child whose time in care is unknown are spread uniformly over
 * [0, min(age, 730)): two years. The same width closes the open-ended last duration band.
 */
export const INITIAL_TIME_IN_CARE_SPREAD_DAYS = 730;

/** Width (days) of the days-in-care spread of an initial child of `ageDays` with unknown time in care. */
export function unknownTimeInCareSpanDays(ageDays: number): number {
  return Math.min(ageDays, INITIAL_TIME_IN_CARE_SPREAD_DAYS);
}

/** Anything with a uniform draw on [lo, hi). */
export interface UniformDraw {
  uniform(lo: number, hi: number): number;
}

/**
 * Days in care of an initial child of `ageDays` in duration band `durationBand` (-1: unknown),
 * uniform in the band (the last band spans 730 days) but never more than its age. `boundsDays` are
 * the lower bounds (days in care) of the bands after the first.
 */
export function drawInitialDaysInCare(rng: UniformDraw, durationBand: number, boundsDays: ArrayLike<number>, ageDays: number): number {
  if (durationBand < 0) return rng.uniform(0, unknownTimeInCareSpanDays(ageDays));
  const lo = durationBand === 0 ? 0 : boundsDays[durationBand - 1]!;
  const hi = durationBand < boundsDays.length ? boundsDays[durationBand]! : lo + INITIAL_TIME_IN_CARE_SPREAD_DAYS;
  return Math.min(rng.uniform(lo, hi), ageDays);
}

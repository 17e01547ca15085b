import { AGE_BAND_START_DAYS, CARE_LEAVING_AGE_DAYS, ageBandOfAgeDays } from '../model/domain/age-bands.js';

/**
 * Birth cohorts of the expected-value projection. Cohort k holds the children born in days
 * [origin + W k, origin + W (k + 1)), assumed spread uniformly over those W days whatever their
 * category, so ageing is implicit (age = time − birth) and a band boundary or the 18th birthday is
 * crossed by 1/W of a cohort per day: leaving at 18 is spread exactly as for uniform birthdays, and
 * the cohort straddling a band boundary takes both bands' hazards in proportion. The only
 * approximation is that children born up to W days apart share one category distribution. They hold
 * the children past the last duration bound (the settled children).
 */
export const COHORT_DAYS = 28;

/**
 * Days of births per cohort of the settled children: twice COHORT_DAYS (half the vectors to move each
 * step). The initial population's ages are still placed on the grid of COHORT_DAYS (the under-1s by
 * age moved by up to 6% when they were not); in the shipped scenarios this moves in-care stocks by at
 * most 0.2% and a month's exits by at most 0.9% against 28 days (84 days: 1.7% and 4.4%).
 */
export const SETTLED_COHORT_DAYS = 2 * COHORT_DAYS;

/** Age in days at which each age band starts (band 0 at 0). */
export const BAND_START_DAYS: readonly number[] = AGE_BAND_START_DAYS;

/** Age in days at which a child leaves care; the model uses the calendar birthday, ±1 day of this. */
export const LEAVING_AGE_DAYS = CARE_LEAVING_AGE_DAYS;

/** Upper end (days) of the ages drawn for band `a`; 16-17 stops a day short of 18 as the model does. */
export function bandEndDays(a: number): number {
  return a + 1 < BAND_START_DAYS.length ? BAND_START_DAYS[a + 1]! : LEAVING_AGE_DAYS - 1;
}

/** Age band index of an age in days (below 18). */
export const bandOfAge = ageBandOfAgeDays;

/** The cohort grid covering everyone under 18 between `startDay` and `endDay` (inclusive). */
export class CohortGrid {
  readonly origin: number;
  readonly count: number;
  /** Per step (`update`): the cohorts under 18 in it, each one's band and the share in its older band. */
  kLo = 0;
  kHi = -1;
  readonly bandOld: Int8Array;
  readonly bandYoung: Int8Array;
  readonly shareOld: Float64Array;

  /** `width`: days of births per cohort (COHORT_DAYS, or a multiple for coarser pools). */
  constructor(
    startDay: number,
    endDay: number,
    readonly width: number = COHORT_DAYS,
  ) {
    this.origin = Math.floor(startDay - LEAVING_AGE_DAYS) - width;
    this.count = Math.ceil((endDay + 2 - this.origin) / width) + 1;
    this.bandOld = new Int8Array(this.count);
    this.bandYoung = new Int8Array(this.count);
    this.shareOld = new Float64Array(this.count);
  }

  /** First birth day of cohort k. */
  birthStart(k: number): number {
    return this.origin + this.width * k;
  }

  /** Cohort holding birth day `birth` (clamped to the grid). */
  cohortOf(birth: number): number {
    return Math.min(this.count - 1, Math.max(0, Math.floor((birth - this.origin) / this.width)));
  }

  /**
   * The cohorts a step [t0, t1) touches (under 18 at some point of it) and, at its middle, each one's
   * age band: a cohort straddling a band boundary takes both bands' hazards, in proportion to its
   * births past the boundary.
   */
  update(t0: number, t1: number): void {
    const W = this.width;
    const tm = (t0 + t1) / 2;
    this.kLo = Math.max(0, Math.floor((t0 - LEAVING_AGE_DAYS - this.origin) / W));
    this.kHi = Math.min(this.count - 1, Math.floor((t1 - this.origin) / W));
    for (let k = this.kLo; k <= this.kHi; k++) {
      const oldest = tm - this.birthStart(k);
      const aOld = bandOfAge(Math.max(0, oldest));
      const aYoung = bandOfAge(Math.max(0, oldest - W));
      this.bandOld[k] = aOld;
      this.bandYoung[k] = aYoung;
      this.shareOld[k] = aOld === aYoung ? 1 : Math.min(1, (oldest - BAND_START_DAYS[aOld]!) / W);
    }
  }

  /**
   * The share of cohort k's children under 18 on day t0 whose 18th birthday falls in [t0, t1), births
   * uniform over the cohort's days (0 when none is under 18 on t0).
   */
  leavingShare(k: number, t0: number, t1: number): number {
    const W = this.width;
    const end = this.birthStart(k) + W;
    const before = Math.min(1, Math.max(0, (end - (t0 - LEAVING_AGE_DAYS)) / W));
    const after = Math.min(1, Math.max(0, (end - (t1 - LEAVING_AGE_DAYS)) / W));
    if (!(before > 0) || after >= before) return 0;
    return 1 - after / before;
  }

  /**
   * Spreads `mass` uniformly over births in [lo, hi) onto cohorts: calls add(k, share) with shares
   * summing to `mass`. A point interval (lo = hi) puts everything in one cohort.
   */
  spread(lo: number, hi: number, mass: number, add: (k: number, share: number) => void): void {
    if (!(hi > lo)) {
      add(this.cohortOf(lo), mass);
      return;
    }
    const k0 = this.cohortOf(lo);
    const k1 = this.cohortOf(Math.max(lo, hi - 1e-9));
    const density = mass / (hi - lo);
    for (let k = k0; k <= k1; k++) {
      const a = Math.max(lo, this.birthStart(k));
      const b = Math.min(hi, this.birthStart(k + 1));
      if (b > a) add(k, (b - a) * density);
    }
  }

  /**
   * `spread(lo, hi, mass, (k, share) => (target[at + (k % ring) * stride] += share))` without a
   * closure (the same shares, added in the same order): cohorts held in a ring of `ring` slots.
   */
  spreadRing(lo: number, hi: number, mass: number, target: Float64Array, at: number, ring: number, stride: number): void {
    if (!(hi > lo)) {
      target[at + (this.cohortOf(lo) % ring) * stride]! += mass;
      return;
    }
    const k0 = this.cohortOf(lo);
    const k1 = this.cohortOf(Math.max(lo, hi - 1e-9));
    const density = mass / (hi - lo);
    // The slot and the cohort's first birth day carried from one cohort to the next (no division).
    let slot = k0 % ring;
    let start = this.birthStart(k0);
    for (let k = k0; k <= k1; k++) {
      const next = this.birthStart(k + 1);
      const a = Math.max(lo, start);
      const b = Math.min(hi, next);
      if (b > a) target[at + slot * stride]! += (b - a) * density;
      start = next;
      if (++slot === ring) slot = 0;
    }
  }
}

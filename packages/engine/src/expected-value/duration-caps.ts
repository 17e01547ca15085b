import type { CompiledModel } from '../model/compiled-model.js';
import { CATEGORY_COUNT } from '../model/domain/cells.js';
import { MIN_STEP_DAYS } from './steps.js';

/**
 * Duration caps in the expected-value projection (`duration-cap` modifiers; the simulation's
 * `model/sim/duration-caps.ts`): a child placed in the cap's category on day s is checked on day
 * max(s + afterDays, fromDay) (never on or after untilDay or the end), and if still there, in an age
 * band of the cap, moves or leaves with the cap's probability.
 *
 * The projection carries no time in the category, so placements are kept here as records: the
 * children placed in the category in one step, by (uasc, age band at placement), with the day of their
 * check. Until then a record decays by the rate at which children of its (uasc, age band) leave the
 * category, measured on each step's flows (occupancy-weighted over duration bands: `observe`), so its
 * mass is the expected number still there since placement. On its day, `due` hands the checked mass
 * (probability × survivors, age band at placement) to the projection, which moves it as a move or exit
 * of the category's children in that (uasc, age band). Approximations: the survivors' leaving rate is
 * their (uasc, age band)'s average in the category, not that of children who have stayed long, and the
 * age band is the one at placement.
 */
export class ExpectedCaps {
  /** Per cap: pending records (parallel arrays). */
  private readonly due: number[][];
  private readonly ua: number[][];
  private readonly mass: number[][];
  private readonly fresh: number[][];
  /** Per record: the day its children entered care when placed on entry (their duration band follows), else NaN. */
  private readonly entered: number[][];
  /** Per (uasc, age band, category): occupancy (child-days) and departures of the current step. */
  private readonly occ: Float64Array;
  private readonly out: Float64Array;
  /** Per (uasc, age band, category): leaving rate per day of the last step with anyone there. */
  private readonly rate: Float64Array;
  readonly capsOf: number[][];

  constructor(
    private readonly model: CompiledModel,
    private readonly ageBands: number,
    /** Lower bounds (days in care) of the projection's duration bands, bounds[0] = 0. */
    private readonly bounds: readonly number[],
    /** Per (uasc, age band) at u A + a: the duration band from which children are settled (held in the last band's group). */
    private readonly settledFrom: Int32Array,
  ) {
    const caps = model.durationCaps;
    this.due = Array.from(caps, () => []);
    this.ua = Array.from(caps, () => []);
    this.mass = Array.from(caps, () => []);
    this.fresh = Array.from(caps, () => []);
    this.entered = Array.from(caps, () => []);
    // Per (uasc, age band, category), then per (uasc, age band, duration band, category).
    const size = 2 * ageBands * CATEGORY_COUNT * (1 + bounds.length);
    this.occ = new Float64Array(size);
    this.out = new Float64Array(size);
    this.rate = new Float64Array(size);
    this.capsOf = Array.from({ length: CATEGORY_COUNT }, (_, c) => caps.flatMap((cap, j) => (cap.category === c ? [j] : [])));
  }

  /** `mass` children of (u, a) placed in category c on day `day` (a step's placements at its middle). */
  placed(c: number, u: number, a: number, mass: number, day: number, onEntry = false): void {
    if (!(mass > 0)) return;
    for (const j of this.capsOf[c]!) this.record(j, u * this.ageBands + a, mass, day, onEntry ? day : NaN);
  }

  /** Initial children of (u, a) in category c, placed uniformly over days [lo, hi) (a point when hi ≤ lo); `onEntry`: placed when they entered care. */
  placedBefore(c: number, u: number, a: number, mass: number, lo: number, hi: number, onEntry: boolean): void {
    if (!(mass > 0) || this.capsOf[c]!.length === 0) return;
    const pieces = hi > lo ? Math.ceil((hi - lo) / MIN_STEP_DAYS) : 1;
    for (let p = 0; p < pieces; p++) {
      const day = hi > lo ? lo + ((hi - lo) * (p + 0.5)) / pieces : lo;
      for (const j of this.capsOf[c]!) this.record(j, u * this.ageBands + a, mass / pieces, day, onEntry ? day : NaN);
    }
  }

  private record(j: number, ua: number, mass: number, placedDay: number, entered: number): void {
    const cap = this.model.durationCaps[j]!;
    const day = Math.max(placedDay + cap.afterDays, cap.fromDay, this.model.startDay);
    if (day >= cap.untilDay || day >= this.model.endDay + 1) return;
    this.due[j]!.push(day);
    this.ua[j]!.push(ua);
    this.mass[j]!.push(mass);
    this.fresh[j]!.push(1);
    this.entered[j]!.push(entered);
  }

  /** A step's occupancy (child-days) of (u, a) in category c and its departures from c. */
  observe(u: number, a: number, d: number, c: number, occupancyDays: number, departures: number): void {
    const i = (u * this.ageBands + a) * CATEGORY_COUNT + c;
    this.occ[i]! += occupancyDays;
    this.out[i]! += departures;
    const k = this.byBand(u * this.ageBands + a, d, c);
    this.occ[k]! += occupancyDays;
    this.out[k]! += departures;
  }

  private byBand(ua: number, d: number, c: number): number {
    return 2 * this.ageBands * CATEGORY_COUNT + ((ua * this.bounds.length + d) * CATEGORY_COUNT + c);
  }

  /** The duration band of the projection's groups that holds children of (uasc, age band) `ua` after `days` in care. */
  private band(ua: number, days: number): number {
    let d = 0;
    while (d + 1 < this.bounds.length && days >= this.bounds[d + 1]!) d++;
    return d >= this.settledFrom[ua]! ? this.bounds.length - 1 : d;
  }

  /**
   * End of step [t0, t1): the step's leaving rates update; pending records decay (those placed in it
   * for half the step); records due in it are removed and `check(cap, u, a, mass)` is called with the
   * mass checked (probability × survivors, when the age band is in the cap's) and their duration band (−1: unknown).
   */
  endStep(t0: number, t1: number, check: (j: number, u: number, a: number, d: number, mass: number) => void): void {
    for (let i = 0; i < this.occ.length; i++) {
      if (this.occ[i]! > 0) this.rate[i] = this.out[i]! / this.occ[i]!;
    }
    this.occ.fill(0);
    this.out.fill(0);
    const dt = t1 - t0;
    const caps = this.model.durationCaps;
    for (let j = 0; j < caps.length; j++) {
      const cap = caps[j]!;
      const due = this.due[j]!;
      const ua = this.ua[j]!;
      const mass = this.mass[j]!;
      const fresh = this.fresh[j]!;
      const entered = this.entered[j]!;
      let kept = 0;
      for (let r = 0; r < due.length; r++) {
        const d = due[r]!;
        // Survival to its check day within this step, or over the whole (or, placed in it, half) step.
        const from = fresh[r] ? Math.max(t0, t1 - dt / 2) : t0;
        const until = Math.min(t1, Math.max(from, d));
        // Placed on entry: the rate of their duration band in the middle of the interval; else their (uasc, age band)'s.
        const e = entered[r]!;
        const rate = e === e ? this.rate[this.byBand(ua[r]!, this.band(ua[r]!, (from + until) / 2 - e), cap.category)]! : this.rate[ua[r]! * CATEGORY_COUNT + cap.category]!;
        const m = mass[r]! * Math.exp(-rate * (until - from));
        if (d < t1) {
          const a = ua[r]! % this.ageBands;
          // Their duration band on the check day when known (placed on entry), else −1.
          const dNow = e === e ? this.band(ua[r]!, Math.max(d, t0) - e) : -1;
          if ((cap.ageMask & (1 << a)) !== 0 && m > 0) check(j, Math.floor(ua[r]! / this.ageBands), a, dNow, m * cap.probability);
          continue;
        }
        due[kept] = d;
        ua[kept] = ua[r]!;
        mass[kept] = m;
        fresh[kept] = 0;
        entered[kept] = e;
        kept++;
      }
      due.length = ua.length = mass.length = fresh.length = entered.length = kept;
    }
  }
}

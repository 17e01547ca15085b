import type { CompiledCareLeavers, CompiledModel } from '../model/compiled-model.js';
import {
  ACCOMMODATION_COUNT,
  ACCOMMODATIONS,
  CARE_LEAVER_AGES,
  CARE_LEAVER_FROM_AGE_YEARS,
  SP_IFA,
  SP_INHOUSE,
  STAYING_PUT_CATEGORIES,
  STAYING_PUT_MAX_AGE_YEARS,
  careLeaverAgeGroup,
  isStayingPut,
} from '../model/domain/care-leavers.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from '../model/domain/ids.js';
import { seriesKey, TOTAL } from '../model/domain/series-keys.js';
import { DAYS_PER_YEAR } from '../model/dates.js';
import { GeneratorPowers, occupancyAndTransition, transitionMatrix, type Generator } from './occupancy.js';
import { zero } from './zero.js';

// The expected care-leaver population (no capacity): masses by birth cohort (a 52nd of a year) and state, moved
// by the same hazards as the simulation: over a projection step by its exact transition matrix
// E = I + F Q (F = ∫ exp(Q s) ds, flows from the occupancy F, so flows and stocks conserve exactly),
// a cohort with a birthday in the step by exact matrices up to the end of that day and after it, day
// by day (explicit steps of at most a day) when the rates change inside the step; aged at the cohort's mid-birth birthdays, fed by the projection's exits from
// care (at 18, and at 16-17 for a qualifying reason, joining at 18).
//
// Between birthdays every cohort of an age group moves by the same matrices, so they are held by age
// group: the group's sum moves by E each step (one product per group, not per cohort) and gives the
// flows, stocks and places held; a cohort's own masses are stored as of the day it joined its group
// (`asOf`) and brought up to date only when a birthday, an entry or a change of hazards needs them,
// by the exact closed form exp(Q Δt) over the whole time since (the steps' E multiply to it: the
// hazards are constant meanwhile).

/** Birth cohorts of a 52nd of a year, so whole years of births (the initial care leavers by age) are whole cohorts. */
const WIDTH = DAYS_PER_YEAR / 52;
const N = ACCOMMODATION_COUNT;
const GROUPS = CARE_LEAVER_AGES.length;
const INHOUSE = PLACEMENT_CATEGORIES.indexOf('inhouse_foster');
const IFA = PLACEMENT_CATEGORIES.indexOf('ifa_foster');
const STAYING_PUT_EXIT = EXIT_REASONS.indexOf('staying_put');
const OTHER = ACCOMMODATIONS.indexOf('other');
/** The categories of `staying_put_places_held` (in-house foster care only) besides the total. */
const PLACES_HELD_CATEGORIES: readonly string[] = ['inhouse_foster'];

/** An age group's exact step matrices: occupancy F and transition E (N × N, row-major), and E's non-zero entries by row. */
interface StepMatrix {
  F: Float64Array;
  E: Float64Array;
  rowStart: Int32Array;
  column: Int32Array;
}

/**
 * One cohort's masses `x` moved by an exact step, x E, into `mass` at `base`: over E's non-zero entries
 * and x's non-zero states, row by row, so every column's sum adds the same non-zero terms in the same
 * order as the dense product (to the bit). A module function called once per cohort: V8 optimises it
 * a few steps into a first call.
 */
function moveByExact(x: Float64Array, m: StepMatrix, y: Float64Array, mass: Float64Array, base: number): void {
  const { E, rowStart, column } = m;
  zero(y);
  for (let i = 0; i < N; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    for (let q = rowStart[i]!; q < rowStart[i + 1]!; q++) {
      const b = column[q]!;
      y[b]! += xi * E[i * N + b]!;
    }
  }
  for (let b = 0; b < N; b++) mass[base + b] = y[b]!;
}

/** A care-leaver step (`CareLeaverStep` of the compiled model) with its numbers in Float64Arrays. */
interface LeaverStep {
  readonly day: number;
  readonly takeUp: Float64Array;
  readonly moveOnPerDay: Float64Array;
  readonly costPerDay: Float64Array;
}

/**
 * The compiled care leavers' numbers the step reads, as Float64Arrays (the same values), made once a
 * projection: a plain array's elements kind is V8's choice (small integers or doubles by its values,
 * packed or holey by how it was made), a Float64Array's is fixed, so the step's loops read one kind
 * whatever made the compiled arrays (README, session 21).
 */
interface LeaverTables {
  readonly endAgeYears: number;
  readonly holdsPlaces: boolean;
  /** [age group][state]: `moveOnShares`. */
  readonly moveOnShares: readonly Float64Array[];
  /** [age group][from * N + to]: `movePerDay`. */
  readonly movePerDay: readonly Float64Array[];
  readonly steps: readonly LeaverStep[];
}

function leaverTables(c: CompiledCareLeavers): LeaverTables {
  return {
    endAgeYears: c.endAgeYears,
    holdsPlaces: c.holdsPlaces,
    moveOnShares: Array.from(c.moveOnShares, (row) => Float64Array.from(row)),
    movePerDay: Array.from(c.movePerDay, (row) => Float64Array.from(row)),
    steps: Array.from(c.steps, (s) => ({ day: s.day, takeUp: Float64Array.from(s.takeUp), moveOnPerDay: Float64Array.from(s.moveOnPerDay), costPerDay: Float64Array.from(s.costPerDay) })),
  };
}

export class CareLeaverProjection {
  private readonly c: LeaverTables;
  private readonly b0: number;
  /** Mass per cohort and state; cohorts by mid-birth day `b0 + (k + 0.5) * WIDTH`. */
  private mass: Float64Array;
  private cohorts: number;
  private readonly ageOutShare: number;
  private stepIndex = 0;
  /** Young people who left care at 16-17, joining at 18: mass by join day (from the start day). */
  private readonly pending: Float64Array;
  private readonly startDay: number;
  private readonly flows = new CareLeaverFlows();
  private readonly recorded = new RecordedStocks();
  readonly series: Record<string, Float64Array> = {};
  /** `series` by metric: its arrays in the order `record` writes them, and the total. */
  private readonly outputs = new Map<string, { byCategory: Float64Array[]; total: Float64Array }>();
  /** Hazards per day [from * N + to] per age group, for the step they were filled for. */
  private readonly rates: Float64Array[] = Array.from(CARE_LEAVER_AGES, () => new Float64Array(N * N));
  private ratesStep: LeaverStep | null = null;
  /**
   * Hazard per day at which an in-house household leaves (its de-registration, supply-aware only): a
   * young person staying put in a household that leaves moves on (the simulation's
   * `careLeaversHouseholdRemoved`), so staying put in-house ends at this rate too when it holds a place.
   */
  private householdLeavingPerDay = 0;
  private ratesLeavingPerDay = 0;
  /** Per age group: the states `to` with a hazard above zero from each state a (entries ratedStart[a] to ratedStart[a + 1]), in order. */
  private readonly ratedTo: Int32Array[] = Array.from(CARE_LEAVER_AGES, () => new Int32Array(N * N));
  private readonly ratedStart: Int32Array[] = Array.from(CARE_LEAVER_AGES, () => new Int32Array(N + 1));
  /** Exact step matrices by age group and step length (null: day by day), for the rates in force. */
  private readonly exact = new Map<number, StepMatrix | null>();
  private readonly x0 = new Float64Array(N);
  private readonly o = new Float64Array(N);
  /** Scratch of `advanceDaily`: one cohort's masses. */
  private readonly dailyX = new Float64Array(N);
  /** The day the population is at: every held cohort's masses moved to it are in its group's `held` sum. */
  private now: number;
  /** Per cohort: the day its stored masses are as of (held cohorts: moved on to `now` when read). */
  private readonly asOf: Float64Array;
  /** Per cohort: the age group whose sum holds it, or -1 (not held: no mass, or being moved day by day). */
  private readonly heldIn: Int8Array;
  /** Per age group: its held cohorts' masses as of `now`, by state, and how many cohorts it holds. */
  private readonly held = new Float64Array(GROUPS * N);
  private readonly heldCount = new Int32Array(GROUPS);
  /** Per age group: the generator of its hazards (per day) and exp(Q Δt) by Δt, for the rates in force. */
  private readonly powers = new GeneratorPowers(N);
  private readonly generators: (Generator | null)[] = new Array<Generator | null>(GROUPS).fill(null);
  private readonly closedForms: Map<number, Float64Array>[] = Array.from(CARE_LEAVER_AGES, () => new Map<number, Float64Array>());
  /** Scratch of `advance`: per age group, its exact matrices for the step; cohorts moved day by day in it. */
  private readonly groupExact: (StepMatrix | null)[] = new Array<StepMatrix | null>(GROUPS).fill(null);
  private readonly daily: number[] = [];
  /** Scratch: one cohort's masses after a move. */
  private readonly y = new Float64Array(N);
  /** Scratch of `useRates`: the step's hazards per age group before they replace the rates in force. */
  private readonly nextRates: Float64Array[] = Array.from(CARE_LEAVER_AGES, () => new Float64Array(N * N));
  /** Scratch of `agedOut`: the state shares of children aged out of foster care. */
  private readonly agedOutShares = new Float64Array(N);
  /** Masses by state of the step's children aged out that join after the step's move (`agedOut`), and their birth day. */
  private readonly agedOutLater = new Float64Array(N);
  private agedOutLaterBirth = Number.NaN;

  constructor(model: CompiledModel, c: CompiledCareLeavers) {
    this.c = leaverTables(c);
    this.b0 = model.startDay - (c.endAgeYears + 1) * DAYS_PER_YEAR;
    this.cohorts = Math.ceil((model.endDay + 1 - this.b0) / WIDTH) + 2;
    this.mass = new Float64Array(this.cohorts * N);
    this.asOf = new Float64Array(this.cohorts).fill(model.startDay);
    this.heldIn = new Int8Array(this.cohorts).fill(-1);
    this.now = model.startDay;
    this.startDay = model.startDay;
    this.pending = new Float64Array(model.endDay - model.startDay + 2);
    const total = model.ageOutWeights.reduce((a, b) => a + b, 0);
    this.ageOutShare = model.ageOutWeights[STAYING_PUT_EXIT]! / total;
    const n = model.dates.length;
    const key = (metric: Parameters<typeof seriesKey>[0], cat: string): void => {
      this.series[seriesKey(metric, cat)] = new Float64Array(n);
    };
    for (const metric of ['care_leavers', 'care_leaver_entries', 'care_leaver_moves_in', 'care_leaver_moves_out', 'care_leaver_exits', 'care_leaver_cost'] as const) {
      for (const a of [...ACCOMMODATIONS, TOTAL]) key(metric, a);
    }
    for (const g of [...CARE_LEAVER_AGES, TOTAL]) key('care_leavers_by_age', g);
    for (const k of [...STAYING_PUT_CATEGORIES, TOTAL]) key('staying_put', k);
    for (const k of [...PLACES_HELD_CATEGORIES, TOTAL]) key('staying_put_places_held', k);
    // Initial care leavers: births uniform over their age year on the start day.
    for (const [age, state, count] of c.initial) {
      const hi = model.startDay - age * DAYS_PER_YEAR;
      const lo = hi - DAYS_PER_YEAR;
      this.spread(lo, hi, (k, share) => this.add(k, state, count * share));
    }
    this.holdAll();
    this.record(0);
  }

  private cohortOf(birth: number): number {
    return Math.min(this.cohorts - 1, Math.max(0, Math.floor((birth - this.b0) / WIDTH)));
  }

  private add(k: number, state: number, m: number): void {
    this.mass[k * N + state]! += m;
  }

  /** Spreads births uniform on [lo, hi) over the cohorts they overlap. */
  private spread(lo: number, hi: number, f: (k: number, share: number) => void): void {
    for (let k = this.cohortOf(lo); k <= this.cohortOf(hi - 1e-9); k++) {
      const a = Math.max(lo, this.b0 + k * WIDTH);
      const b = Math.min(hi, this.b0 + (k + 1) * WIDTH);
      if (b > a) f(k, (b - a) / (hi - lo));
    }
  }

  private stepAt(day: number): LeaverStep {
    const steps = this.c.steps;
    while (this.stepIndex + 1 < steps.length && steps[this.stepIndex + 1]!.day <= day) this.stepIndex++;
    return steps[this.stepIndex]!;
  }

  /** Mass `m` entering at 18 (born `birth`) from care in state distribution `shares`, on day `now`. */
  private enter(birth: number, shares: Float64Array, m: number): void {
    const k = this.cohortOf(birth);
    // The cohort's masses as of now, then held in the group of its age now.
    this.release(k);
    for (let a = 0; a < N; a++) {
      const v = m * shares[a]!;
      if (v === 0) continue;
      this.add(k, a, v);
      this.flows.entries[a]! += v;
    }
    this.hold(k);
  }

  /** The age group of cohort `k` on `day`: the one whose hazards it moves by (18 before its 18th birthday). */
  private groupOn(k: number, day: number): number {
    const mid = this.b0 + (k + 0.5) * WIDTH;
    return careLeaverAgeGroup(Math.max(CARE_LEAVER_FROM_AGE_YEARS, Math.floor((day - mid) / DAYS_PER_YEAR)));
  }

  /**
   * Takes cohort `k` out of its group's sum with its masses moved on to `now` (exp(Q Δt) of its group,
   * Δt the days since `asOf`); nothing when it is not held.
   */
  private release(k: number): void {
    const g = this.heldIn[k]!;
    if (g < 0) return;
    const base = k * N;
    const dt = this.now - this.asOf[k]!;
    const { mass } = this;
    if (dt > 0) {
      const E = this.closedForm(g, dt);
      const y = zero(this.y);
      for (let i = 0; i < N; i++) {
        const xi = mass[base + i]!;
        if (xi === 0) continue;
        for (let b = 0; b < N; b++) y[b]! += xi * E[i * N + b]!;
      }
      for (let b = 0; b < N; b++) mass[base + b] = y[b]!;
    }
    this.asOf[k] = this.now;
    this.heldIn[k] = -1;
    const off = g * N;
    if (--this.heldCount[g]! === 0) this.held.fill(0, off, off + N);
    else for (let a = 0; a < N; a++) this.held[off + a]! -= mass[base + a]!;
  }

  /** Puts cohort `k` (masses as of `now`) into the sum of its age group now, unless it holds no one. */
  private hold(k: number): void {
    const base = k * N;
    let any = false;
    for (let a = 0; a < N; a++) if (this.mass[base + a] !== 0) any = true;
    if (!any) return;
    const g = this.groupOn(k, this.now);
    this.heldIn[k] = g;
    this.asOf[k] = this.now;
    this.heldCount[g]!++;
    for (let a = 0; a < N; a++) this.held[g * N + a]! += this.mass[base + a]!;
  }

  /** Every cohort holding anyone into its group's sum (at the start, and after a step moved all day by day). */
  private holdAll(): void {
    for (let k = 0; k < this.cohorts; k++) this.hold(k);
  }

  /** Every held cohort's masses brought to `now` and released (before the hazards change, or a step moved day by day). */
  private releaseAll(): void {
    for (let k = 0; k < this.cohorts; k++) this.release(k);
  }

  /** exp(Q Δt) of age group `g`'s hazards in force, by scaling and squaring (`occupancy.ts`), cached by Δt until they change. */
  private closedForm(g: number, dt: number): Float64Array {
    const cache = this.closedForms[g]!;
    let E = cache.get(dt);
    if (!E) {
      E = transitionMatrix(this.generator(g), dt);
      cache.set(dt, E);
    }
    return E;
  }

  /** Age group `g`'s generator (hazards per day, the diagonal minus their sum) for the rates in force, with its Taylor terms (`occupancy.ts`). */
  private generator(g: number): Generator {
    let gen = this.generators[g];
    if (!gen) {
      const rate = this.rates[g]!;
      const Q = new Float64Array(N * N);
      for (let a = 0; a < N; a++) {
        let out = 0;
        for (let b = 0; b < N; b++) {
          if (b === a) continue;
          Q[a * N + b] = rate[a * N + b]!;
          out += rate[a * N + b]!;
        }
        Q[a * N + a] = -out;
      }
      gen = this.generators[g] = this.powers.of(Q);
    }
    return gen;
  }

  /**
   * Children aged out of category `c` (mass `m`, 18th birthdays around `day`, the middle of the step
   * the next `advance` moves over). Their birthdays are spread over the step, so half join before its
   * move and half after it (the trapezoid rule; session 17): joining all before it took them through
   * the whole step, and staying put in-house ended 1.8% low at month steps (0.9% at 16-day steps).
   */
  agedOut(c: number, m: number, day: number): void {
    const step = this.stepAt(day);
    const k = c === INHOUSE ? SP_INHOUSE : c === IFA ? SP_IFA : -1;
    const start = this.c.moveOnShares[0]!;
    const birth = day - CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR;
    let shares: Float64Array = start;
    if (k >= 0) {
      const p = step.takeUp[k]! >= 0 ? step.takeUp[k]! : this.ageOutShare;
      const own = this.agedOutShares;
      for (let a = 0; a < N; a++) own[a] = start[a]! * (1 - p);
      own[k] = own[k]! + p;
      shares = own;
    }
    if (birth !== this.agedOutLaterBirth) this.joinAgedOutLater();
    this.agedOutLaterBirth = birth;
    const later = this.agedOutLater;
    for (let a = 0; a < N; a++) later[a]! += 0.5 * m * shares[a]!;
    this.enter(birth, shares, 0.5 * m);
  }

  /** The aged-out children held back by `agedOut` join now. */
  private joinAgedOutLater(): void {
    const birth = this.agedOutLaterBirth;
    if (birth !== birth) return;
    this.agedOutLaterBirth = Number.NaN;
    this.enter(birth, this.agedOutLater, 1);
    this.agedOutLater.fill(0);
  }

  /** Children aged 16-17 (born around `birth`) leaving care for qualifying reasons (`m` of them): they join at 18. */
  leftCareQualifying(m: number, birth: number): void {
    if (!(m > 0)) return;
    const d = Math.floor(birth + CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR) - this.startDay;
    if (d < this.pending.length) this.pending[Math.max(0, d)]! += m;
  }

  /** Moves the population from `t0` to `t1` in steps of at most a day; joins due by `t1` enter at its end. */
  advance(t0: number, t1: number): void {
    const steps = this.c.steps;
    // A loop, not `steps.some` with a closure made per call (session 20).
    let changesInside = false;
    for (let i = 0; i < steps.length && !changesInside; i++) changesInside = steps[i]!.day > t0 && steps[i]!.day < t1;
    if (changesInside) {
      this.releaseAll();
      this.advanceDaily(t0, t1, -1);
      this.now = t1;
      this.holdAll();
    } else {
      // Rates are constant over the step: each age group's held cohorts move by the step's exact
      // transition matrix, as one sum (flows from its occupancy: linear in the masses, so one product
      // per group); a cohort with a birthday in the step is released and moved day by day as before.
      const step = this.stepAt(t0);
      this.useRates(step);
      const exact = this.groupExact;
      for (let g = 0; g < GROUPS; g++) exact[g] = this.heldCount[g]! > 0 ? this.exactMatrices(g, t1 - t0) : null;
      const kLo = this.cohortOf(t0 - this.c.endAgeYears * DAYS_PER_YEAR - 2 * WIDTH);
      const kHi = this.cohortOf(t1 - CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR + 2 * WIDTH);
      const daily = this.daily;
      daily.length = 0;
      for (let k = kLo; k <= kHi; k++) {
        const g = this.heldIn[k]!;
        if (g < 0) continue;
        const mid = this.b0 + (k + 0.5) * WIDTH;
        const age = Math.floor((t0 - mid) / DAYS_PER_YEAR);
        const nextBirthday = mid + (age + 1) * DAYS_PER_YEAR;
        if (!(nextBirthday > t0 && nextBirthday <= t1) && exact[g]) continue;
        this.release(k);
        daily.push(k);
      }
      for (let g = 0; g < GROUPS; g++) {
        const m = exact[g];
        if (m && this.heldCount[g]! > 0) this.exactStep(this.held, g * N, g, m, step);
      }
      for (const k of daily) this.aroundBirthday(k, t0, t1, step);
      this.now = t1;
      for (const k of daily) this.hold(k);
    }
    for (let d = Math.ceil(t0) - this.startDay; d < Math.ceil(t1) - this.startDay && d < this.pending.length; d++) {
      const m = this.pending[d]!;
      if (m > 0) this.enter(this.startDay + d + 0.5 - CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR, this.c.moveOnShares[0]!, m);
    }
    this.joinAgedOutLater();
  }

  /**
   * The masses at `base` of `x` (a cohort, or an age group's sum) moved by age group `g`'s exact
   * matrices `m`: flows (cost, moves) from their occupancy x F, then x E.
   */
  private exactStep(x: Float64Array, base: number, g: number, m: StepMatrix, step: LeaverStep): void {
    const o = zero(this.o);
    const x0 = this.x0;
    const rate = this.rates[g]!;
    const F = m.F;
    for (let i = 0; i < N; i++) {
      const xi = x[base + i]!;
      x0[i] = xi;
      if (xi === 0) continue;
      for (let a = 0; a < N; a++) o[a]! += xi * F[i * N + a]!;
    }
    const { cost, movesOut, movesIn } = this.flows;
    // The moves a → b with a hazard above zero only, in the order of the dense loop (a flow of a zero
    // rate is not above zero, so the sums add the same terms in the same order).
    const ratedTo = this.ratedTo[g]!;
    const ratedStart = this.ratedStart[g]!;
    for (let a = 0; a < N; a++) {
      const oa = o[a]!;
      if (oa === 0) continue;
      cost[a]! += oa * step.costPerDay[a]!;
      for (let e = ratedStart[a]!; e < ratedStart[a + 1]!; e++) {
        const b = ratedTo[e]!;
        const f = oa * rate[a * N + b]!;
        if (!(f > 0)) continue;
        movesOut[a]! += f;
        movesIn[b]! += f;
      }
    }
    moveByExact(x0, m, this.y, x, base);
  }

  /**
   * Cohort `k` (released) over [t0, t1), where it has a birthday or its group has no exact matrices:
   * exactly up to the end of the day of its birthday (as the day-by-day steps take it), the birthday,
   * then exactly to t1; day by day when a part has no exact matrices.
   */
  private aroundBirthday(k: number, t0: number, t1: number, step: LeaverStep): void {
    const mid = this.b0 + (k + 0.5) * WIDTH;
    const age = Math.floor((t0 - mid) / DAYS_PER_YEAR);
    const birthday = mid + (age + 1) * DAYS_PER_YEAR;
    if (!(birthday > t0 && birthday <= t1)) {
      this.advanceDaily(t0, t1, k);
      return;
    }
    // The day-by-day steps end on every whole day and t1: the first end on or after the birthday.
    const e = Math.min(t1, Math.max(Math.floor(t0) + 1, Math.ceil(birthday)));
    const before = this.exactMatrices(careLeaverAgeGroup(Math.max(CARE_LEAVER_FROM_AGE_YEARS, age)), e - t0);
    const gAfter = careLeaverAgeGroup(Math.max(CARE_LEAVER_FROM_AGE_YEARS, age + 1));
    const after = e < t1 ? this.exactMatrices(gAfter, t1 - e) : null;
    if (!before || (e < t1 && !after)) {
      this.advanceDaily(t0, t1, k);
      return;
    }
    const base = k * N;
    this.exactStep(this.mass, base, careLeaverAgeGroup(Math.max(CARE_LEAVER_FROM_AGE_YEARS, age)), before, step);
    this.birthday(base, age + 1);
    if (after) this.exactStep(this.mass, base, gAfter, after, step);
  }

  /**
   * Age group `g`'s occupancy F = ∫₀ᴸ exp(Q s) ds and transition E = I + F Q over `length` days (Q: its
   * hazards per day), from the generator's Taylor terms shared by every length (`occupancy.ts`); null
   * when ‖Q‖ L is above 0.5 (the step then goes day by day). Cached until the rates change.
   */
  private exactMatrices(g: number, length: number): StepMatrix | null {
    const key = g * 1e6 + length;
    const cached = this.exact.get(key);
    if (cached !== undefined) return cached;
    // ‖Q L‖ (twice the largest total hazard) above 0.5: day by day, as before the matrices were shared.
    const rate = this.rates[g]!;
    let norm = 0;
    for (let a = 0; a < N; a++) {
      let out = 0;
      for (let b = 0; b < N; b++) if (b !== a) out += rate[a * N + b]! * length;
      norm = Math.max(norm, 2 * out);
    }
    if (norm > 0.5) {
      this.exact.set(key, null);
      return null;
    }
    const { F, E } = occupancyAndTransition(this.generator(g), length);
    // E's non-zero entries by row (states nobody moves into, such as staying put, leave columns empty).
    const rowStart = new Int32Array(N + 1);
    const column = new Int32Array(N * N);
    let q = 0;
    for (let i = 0; i < N; i++) {
      rowStart[i] = q;
      for (let b = 0; b < N; b++) if (E[i * N + b] !== 0) column[q++] = b;
    }
    rowStart[N] = q;
    const m = { F, E, rowStart, column };
    this.exact.set(key, m);
    return m;
  }

  /** Day by day over [t0, t1): every cohort aged 18 to the end age, or cohort `only` (≥ 0) alone. */
  private advanceDaily(t0: number, t1: number, only: number): void {
    const x0 = this.dailyX;
    for (let s = t0; s < t1; ) {
      const e = Math.min(t1, Math.floor(s) + 1);
      const dt = e - s;
      const step = this.stepAt(s);
      this.useRates(step);
      // Only cohorts aged 18 to the end age hold mass.
      const kLo = only >= 0 ? only : this.cohortOf(s - this.c.endAgeYears * DAYS_PER_YEAR - 2 * WIDTH);
      const kHi = only >= 0 ? only : this.cohortOf(s - CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR + 2 * WIDTH);
      for (let k = kLo; k <= kHi; k++) {
        const base = k * N;
        let any = false;
        for (let a = 0; a < N; a++) {
          x0[a] = this.mass[base + a]!;
          if (x0[a] !== 0) any = true;
        }
        if (!any) continue;
        const mid = this.b0 + (k + 0.5) * WIDTH;
        const age = Math.floor((s - mid) / DAYS_PER_YEAR);
        // A birthday in (s, e]: age moves on, staying put ends at 21, the end age leaves.
        const nextBirthday = mid + (age + 1) * DAYS_PER_YEAR;
        const g = careLeaverAgeGroup(Math.max(CARE_LEAVER_FROM_AGE_YEARS, age));
        const rate = this.rates[g]!;
        // The moves a → b with a hazard above zero only, in the order of the dense loop (a, then b).
        const ratedTo = this.ratedTo[g]!;
        const ratedStart = this.ratedStart[g]!;
        const { mass } = this;
        const { cost, movesOut, movesIn } = this.flows;
        for (let a = 0; a < N; a++) {
          const x = x0[a]!;
          if (x === 0) continue;
          cost[a]! += x * step.costPerDay[a]! * dt;
          for (let e = ratedStart[a]!; e < ratedStart[a + 1]!; e++) {
            const b = ratedTo[e]!;
            const f = x * rate[a * N + b]! * dt;
            if (!(f > 0)) continue;
            mass[base + a]! -= f;
            mass[base + b]! += f;
            movesOut[a]! += f;
            movesIn[b]! += f;
          }
        }
        if (nextBirthday > s && nextBirthday <= e) this.birthday(base, age + 1);
      }
      s = e;
    }
  }

  /** A cohort turns `newAge`: at the end age it leaves; at 21 staying put ends (moved to the mix without it). */
  private birthday(base: number, newAge: number): void {
    if (newAge >= this.c.endAgeYears) {
      for (let a = 0; a < N; a++) {
        this.flows.exits[a]! += this.mass[base + a]!;
        this.mass[base + a] = 0;
      }
      return;
    }
    if (newAge < STAYING_PUT_MAX_AGE_YEARS) return;
    const shares = this.c.moveOnShares[careLeaverAgeGroup(newAge)]!;
    let sum = 0;
    for (let b = 0; b < N; b++) sum += shares[b]!;
    for (const sp of [SP_INHOUSE, SP_IFA]) {
      const x = this.mass[base + sp]!;
      if (x === 0) continue;
      this.mass[base + sp] = 0;
      this.flows.movesOut[sp]! += x;
      for (let b = 0; b < N; b++) {
        const v = sum > 0 ? (x * shares[b]!) / sum : b === OTHER ? x : 0;
        this.mass[base + b]! += v;
        this.flows.movesIn[b]! += v;
      }
    }
  }

  /**
   * The hazards of `step` in `rates`; the exact step matrices are dropped only when a hazard changed
   * (most steps change costs alone: inflation each month).
   */
  private useRates(step: LeaverStep): void {
    if (step === this.ratesStep && this.householdLeavingPerDay === this.ratesLeavingPerDay) return;
    let changed = this.ratesStep === null;
    for (let g = 0; g < GROUPS; g++) {
      const next = this.nextRates[g]!;
      this.fillRates(next, g, step);
      const rate = this.rates[g]!;
      if (!changed) for (let i = 0; i < rate.length; i++) if (rate[i] !== next[i]) changed = true;
    }
    // Held cohorts are moved to now by the hazards they had until now (none are held while a step goes day by day).
    const wereHeld = changed && this.heldCount.some((count) => count > 0);
    if (wereHeld) this.releaseAll();
    for (let g = 0; g < GROUPS; g++) {
      const rate = this.rates[g]!;
      rate.set(this.nextRates[g]!);
      const ratedTo = this.ratedTo[g]!;
      const ratedStart = this.ratedStart[g]!;
      let count = 0;
      for (let a = 0; a < N; a++) {
        ratedStart[a] = count;
        for (let b = 0; b < N; b++) if (rate[a * N + b]! > 0) ratedTo[count++] = b;
      }
      ratedStart[N] = count;
    }
    this.ratesStep = step;
    this.ratesLeavingPerDay = this.householdLeavingPerDay;
    if (changed) {
      this.exact.clear();
      this.generators.fill(null);
      for (const cache of this.closedForms) cache.clear();
      if (wereHeld) this.holdAll();
    }
  }

  /** Hazards per day between states at age group `g` (staying put: move-on to the mix without it). */
  private fillRates(rate: Float64Array, g: number, step: LeaverStep): void {
    const move = this.c.movePerDay[g]!;
    const shares = this.c.moveOnShares[g]!;
    const leaving = this.c.holdsPlaces ? this.householdLeavingPerDay : 0;
    for (let a = 0; a < N; a++) {
      const moveOn = step.moveOnPerDay[a]! + (a === SP_INHOUSE ? leaving : 0);
      for (let b = 0; b < N; b++) {
        rate[a * N + b] = isStayingPut(a) ? (b === a ? 0 : moveOn * shares[b]!) : move[a * N + b]!;
      }
    }
  }

  /** Sets the hazard per day at which an in-house household leaves, from this step on (see `householdLeavingPerDay`). */
  setHouseholdLeaving(perDay: number): void {
    this.householdLeavingPerDay = perDay;
  }

  /** In-house household places held by staying put now (0 when staying put holds no place). */
  placesHeld(): number {
    if (!this.c.holdsPlaces) return 0;
    let held = 0;
    for (let g = 0; g < GROUPS; g++) held += this.held[g * N + SP_INHOUSE]!;
    return held;
  }

  /** Writes the stocks at output index `i` (now: the groups' sums), and the flows of the month ending then. */
  record(i: number): void {
    const { stock, byAge } = this.recorded;
    stock.fill(0);
    byAge.fill(0);
    for (let g = 0; g < GROUPS; g++) {
      for (let a = 0; a < N; a++) {
        const x = this.held[g * N + a]!;
        stock[a]! += x;
        byAge[g]! += x;
      }
    }
    const { stayingPut, placesHeld } = this.recorded;
    stayingPut[0] = stock[SP_INHOUSE]!;
    stayingPut[1] = stock[SP_IFA]!;
    placesHeld[0] = this.c.holdsPlaces ? stock[SP_INHOUSE]! : 0;
    this.put(i, 'care_leavers', stock, ACCOMMODATIONS);
    this.put(i, 'care_leavers_by_age', byAge, CARE_LEAVER_AGES);
    this.put(i, 'staying_put', stayingPut, STAYING_PUT_CATEGORIES);
    this.put(i, 'staying_put_places_held', placesHeld, PLACES_HELD_CATEGORIES);
    if (i === 0) return;
    const { entries, movesIn, movesOut, exits, cost } = this.flows;
    this.put(i, 'care_leaver_entries', entries, ACCOMMODATIONS);
    this.put(i, 'care_leaver_moves_in', movesIn, ACCOMMODATIONS);
    this.put(i, 'care_leaver_moves_out', movesOut, ACCOMMODATIONS);
    this.put(i, 'care_leaver_exits', exits, ACCOMMODATIONS);
    this.put(i, 'care_leaver_cost', cost, ACCOMMODATIONS);
    entries.fill(0);
    movesIn.fill(0);
    movesOut.fill(0);
    exits.fill(0);
    cost.fill(0);
  }

  /** Writes `values` (by category of `cats`) and their total at date index i of `metric`'s series. */
  private put(i: number, metric: Parameters<typeof seriesKey>[0], values: Float64Array, cats: readonly string[]): void {
    let out = this.outputs.get(metric);
    if (!out) {
      out = { byCategory: Array.from(cats, (cat) => this.series[seriesKey(metric, cat)]!), total: this.series[seriesKey(metric, TOTAL)]! };
      this.outputs.set(metric, out);
    }
    let total = 0;
    for (let j = 0; j < cats.length; j++) {
      out.byCategory[j]![i] = values[j]!;
      total += values[j]!;
    }
    out.total[i] = total;
  }
}

/** Scratch of `record` (session 18: one set per projection, not per step): stocks by state and age group, staying put, places held. */
class RecordedStocks {
  readonly stock = new Float64Array(N);
  readonly byAge = new Float64Array(GROUPS);
  readonly stayingPut = new Float64Array(STAYING_PUT_CATEGORIES.length);
  readonly placesHeld = new Float64Array(PLACES_HELD_CATEGORIES.length);
}

/**
 * A month's care-leaver flows by state. A class whose fields are each defined once with their value
 * (an object literal of computed values is written twice, and V8 threw away at a process's second
 * projection the optimised code that read it: `Run` in projection.ts).
 */
class CareLeaverFlows {
  readonly entries = new Float64Array(N);
  readonly movesIn = new Float64Array(N);
  readonly movesOut = new Float64Array(N);
  readonly exits = new Float64Array(N);
  readonly cost = new Float64Array(N);
}

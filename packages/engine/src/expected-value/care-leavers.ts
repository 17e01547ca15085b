import type { CareLeaverStep, CompiledCareLeavers, CompiledModel } from '../model/compiled-model.js';
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

// The expected care-leaver population (no capacity): masses by birth cohort (a 52nd of a year) and state, moved
// day by day by the same hazards as the simulation (explicit steps of at most a day, so flows and
// stocks conserve exactly), aged at the cohort's mid-birth birthdays, fed by the projection's exits
// from care (at 18, and at 16-17 for a qualifying reason, joining at 18).

/** Birth cohorts of a 52nd of a year, so whole years of births (the initial care leavers by age) are whole cohorts. */
const WIDTH = DAYS_PER_YEAR / 52;
const N = ACCOMMODATION_COUNT;
const GROUPS = CARE_LEAVER_AGES.length;
const INHOUSE = PLACEMENT_CATEGORIES.indexOf('inhouse_foster');
const IFA = PLACEMENT_CATEGORIES.indexOf('ifa_foster');
const STAYING_PUT_EXIT = EXIT_REASONS.indexOf('staying_put');
const OTHER = ACCOMMODATIONS.indexOf('other');

export class CareLeaverProjection {
  private readonly c: CompiledCareLeavers;
  private readonly b0: number;
  /** Mass per cohort and state; cohorts by mid-birth day `b0 + (k + 0.5) * WIDTH`. */
  private mass: Float64Array;
  private cohorts: number;
  private readonly ageOutShare: number;
  private stepIndex = 0;
  /** Young people who left care at 16-17, joining at 18: mass by join day (from the start day). */
  private readonly pending: Float64Array;
  private readonly startDay: number;
  private readonly flows = { entries: new Float64Array(N), movesIn: new Float64Array(N), movesOut: new Float64Array(N), exits: new Float64Array(N), cost: new Float64Array(N) };
  readonly series: Record<string, Float64Array> = {};
  /** Hazards per day [from * N + to] per age group, for the step they were filled for. */
  private readonly rates: Float64Array[] = CARE_LEAVER_AGES.map(() => new Float64Array(N * N));
  private ratesStep: CareLeaverStep | null = null;

  constructor(model: CompiledModel, c: CompiledCareLeavers) {
    this.c = c;
    this.b0 = model.startDay - (c.endAgeYears + 1) * DAYS_PER_YEAR;
    this.cohorts = Math.ceil((model.endDay + 1 - this.b0) / WIDTH) + 2;
    this.mass = new Float64Array(this.cohorts * N);
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
    key('staying_put_places_held', 'inhouse_foster');
    key('staying_put_places_held', TOTAL);
    // Initial care leavers: births uniform over their age year on the start day.
    for (const [age, state, count] of c.initial) {
      const hi = model.startDay - age * DAYS_PER_YEAR;
      const lo = hi - DAYS_PER_YEAR;
      this.spread(lo, hi, (k, share) => this.add(k, state, count * share));
    }
    this.record(0, model.startDay);
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

  private stepAt(day: number): CareLeaverStep {
    const steps = this.c.steps;
    while (this.stepIndex + 1 < steps.length && steps[this.stepIndex + 1]!.day <= day) this.stepIndex++;
    return steps[this.stepIndex]!;
  }

  /** Mass `m` entering at 18 (born `birth`) from care in state distribution `shares`. */
  private enter(birth: number, shares: readonly number[], m: number): void {
    const k = this.cohortOf(birth);
    for (let a = 0; a < N; a++) {
      const v = m * shares[a]!;
      if (v === 0) continue;
      this.add(k, a, v);
      this.flows.entries[a]! += v;
    }
  }

  /** Children aged out of category `c` (mass `m`, 18th birthdays around `day`). */
  agedOut(c: number, m: number, day: number): void {
    const step = this.stepAt(day);
    const k = c === INHOUSE ? SP_INHOUSE : c === IFA ? SP_IFA : -1;
    const start = this.c.moveOnShares[0]!;
    const birth = day - CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR;
    if (k < 0) {
      this.enter(birth, start, m);
      return;
    }
    const p = step.takeUp[k]! >= 0 ? step.takeUp[k]! : this.ageOutShare;
    const shares = start.map((s) => s * (1 - p));
    shares[k] = shares[k]! + p;
    this.enter(birth, shares, m);
  }

  /** Children aged 16-17 (born around `birth`) leaving care for exit reason `reason`: qualifying ones join at 18. */
  leftCare(reason: number, m: number, birth: number): void {
    if (this.c.qualifying[reason] !== 1 || !(m > 0)) return;
    const d = Math.floor(birth + CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR) - this.startDay;
    if (d < this.pending.length) this.pending[Math.max(0, d)]! += m;
  }

  /** Moves the population from `t0` to `t1` in steps of at most a day; joins due by `t1` enter at its end. */
  advance(t0: number, t1: number): void {
    const x0 = new Float64Array(N);
    for (let s = t0; s < t1; ) {
      const e = Math.min(t1, Math.floor(s) + 1);
      const dt = e - s;
      const step = this.stepAt(s);
      if (step !== this.ratesStep) {
        for (let g = 0; g < GROUPS; g++) this.fillRates(this.rates[g]!, g, step);
        this.ratesStep = step;
      }
      // Only cohorts aged 18 to the end age hold mass.
      const kLo = this.cohortOf(s - this.c.endAgeYears * DAYS_PER_YEAR - 2 * WIDTH);
      const kHi = this.cohortOf(s - CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR + 2 * WIDTH);
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
        const rate = this.rates[careLeaverAgeGroup(Math.max(CARE_LEAVER_FROM_AGE_YEARS, age))]!;
        for (let a = 0; a < N; a++) {
          const x = x0[a]!;
          if (x === 0) continue;
          this.flows.cost[a]! += x * step.costPerDay[a]! * dt;
          for (let b = 0; b < N; b++) {
            const f = x * rate[a * N + b]! * dt;
            if (!(f > 0)) continue;
            this.mass[base + a]! -= f;
            this.mass[base + b]! += f;
            this.flows.movesOut[a]! += f;
            this.flows.movesIn[b]! += f;
          }
        }
        if (nextBirthday > s && nextBirthday <= e) this.birthday(base, age + 1);
      }
      s = e;
    }
    for (let d = Math.ceil(t0) - this.startDay; d < Math.ceil(t1) - this.startDay && d < this.pending.length; d++) {
      const m = this.pending[d]!;
      if (m > 0) this.enter(this.startDay + d + 0.5 - CARE_LEAVER_FROM_AGE_YEARS * DAYS_PER_YEAR, this.c.moveOnShares[0]!, m);
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

  /** Hazards per day between states at age group `g` (staying put: move-on to the mix without it). */
  private fillRates(rate: Float64Array, g: number, step: CareLeaverStep): void {
    const move = this.c.movePerDay[g]!;
    const shares = this.c.moveOnShares[g]!;
    for (let a = 0; a < N; a++) {
      for (let b = 0; b < N; b++) {
        rate[a * N + b] = isStayingPut(a) ? (b === a ? 0 : step.moveOnPerDay[a]! * shares[b]!) : move[a * N + b]!;
      }
    }
  }

  /** In-house household places held by staying put now (0 when staying put holds no place). */
  placesHeld(): number {
    if (!this.c.holdsPlaces) return 0;
    let held = 0;
    for (let k = 0; k < this.cohorts; k++) held += this.mass[k * N + SP_INHOUSE]!;
    return held;
  }

  /** Writes the stocks at output index `i` (day `day`), and the flows of the month ending then. */
  record(i: number, day: number): void {
    const stock = new Float64Array(N);
    const byAge = new Float64Array(GROUPS);
    for (let k = 0; k < this.cohorts; k++) {
      const mid = this.b0 + (k + 0.5) * WIDTH;
      const age = Math.floor((day - mid) / DAYS_PER_YEAR);
      for (let a = 0; a < N; a++) {
        const x = this.mass[k * N + a]!;
        if (x === 0) continue;
        stock[a]! += x;
        byAge[careLeaverAgeGroup(Math.max(CARE_LEAVER_FROM_AGE_YEARS, age))]! += x;
      }
    }
    const put = (metric: Parameters<typeof seriesKey>[0], values: Float64Array, cats: readonly string[]): void => {
      let total = 0;
      cats.forEach((cat, j) => {
        this.series[seriesKey(metric, cat)]![i] = values[j]!;
        total += values[j]!;
      });
      this.series[seriesKey(metric, TOTAL)]![i] = total;
    };
    put('care_leavers', stock, ACCOMMODATIONS);
    put('care_leavers_by_age', byAge, CARE_LEAVER_AGES);
    put('staying_put', Float64Array.of(stock[SP_INHOUSE]!, stock[SP_IFA]!), STAYING_PUT_CATEGORIES);
    put('staying_put_places_held', Float64Array.of(this.c.holdsPlaces ? stock[SP_INHOUSE]! : 0), ['inhouse_foster']);
    if (i === 0) return;
    put('care_leaver_entries', this.flows.entries, ACCOMMODATIONS);
    put('care_leaver_moves_in', this.flows.movesIn, ACCOMMODATIONS);
    put('care_leaver_moves_out', this.flows.movesOut, ACCOMMODATIONS);
    put('care_leaver_exits', this.flows.exits, ACCOMMODATIONS);
    put('care_leaver_cost', this.flows.cost, ACCOMMODATIONS);
    for (const f of Object.values(this.flows)) f.fill(0);
  }
}

import type { CompiledModel, Epoch } from '../model/compiled-model.js';
import { CATEGORY_COUNT } from '../model/domain/cells.js';
import { SUPPORTED } from '../model/domain/eligibility.js';
import { NEED_COUNT } from '../model/domain/types-of-care.js';
import { CapacitySpread } from './capacity-spread.js';
import { acceptedAtOccupancy, waitingAtOccupancy } from './loss.js';
import { zero } from './zero.js';

// Supply in the expected-value projection: expected capacity of each capacity-limited category
// (households recruited and de-registered as a fluid, beds changed by levers, places held by staying
// put) and the placement rule of `model/sim/placement.ts` applied to shares instead of children.

const C = CATEGORY_COUNT;

export class ExpectedSupply {
  /** 1 for a capacity-limited category. */
  readonly limited: Uint8Array;
  /** Expected household places (household categories). */
  readonly places = new Float64Array(C);
  /** Expected approved households (household categories). */
  readonly households = new Float64Array(C);
  /** Households approved and de-registered since the last `takeFlows`. */
  readonly recruited = new Float64Array(C);
  readonly deregistered = new Float64Array(C);
  /** Beds, or extra beds on top of household places. */
  readonly extraBeds = new Float64Array(C);
  /** Household places held by staying put. */
  readonly held = new Float64Array(C);
  /** Share of requests each category takes this step (1 when unlimited). */
  readonly accepted = new Float64Array(C).fill(1);
  /**
   * Categories whose places suit every child (q = 1) and whose refused requests may wait: the share
   * of freed places a waiting child takes this step (the waiting chain); -1 for the others.
   */
  readonly filled = new Float64Array(C).fill(-1);
  /** Per category, set by the projection from the last step: refused requests that waited, and waiting children's leaving rate over placed children's. */
  readonly waitShare = new Float64Array(C);
  readonly leaveRatio = new Float64Array(C).fill(1);
  /** Per need: 1 when some provider (or fallback) in its order is capacity-limited. */
  readonly affected: Uint8Array;
  /**
   * Route shares by key (`route`), kept across steps (no allocation per step): valid when the key's
   * stamp is this step's. Indexed by the key rather than a Map: `route` runs once per flow of a step.
   */
  private readonly routeShares: (Float64Array | undefined)[];
  private readonly routeStamps: Int32Array;
  private routeStamp = 0;
  /** Per (need, category r) at need C + r: 1 when a child of `need` placed in r waits (`waitsAfter`), fixed by the model. */
  private readonly waits: Uint8Array;
  /** Per (need, category r) at need C + r: the hazard per day of looking again (`lookPerDay`), fixed by the model. */
  private readonly looks: Float64Array;
  private epoch: Epoch;
  private readonly point = { accepted: 0, filled: 0 };
  /** The randomness of household places and the part of it the occupancy does not follow (`capacity-spread.ts`). */
  readonly spread: CapacitySpread;
  /** Occupancy at the last step's start, children who left in it and its days: its inflow, read at the next start. */
  private readonly occupiedAtStart = new Float64Array(C);
  private readonly left = new Float64Array(C);
  private lastDt = 0;
  /** Per category, measured over the last step: children coming in per day, and leaving per child per day. */
  private readonly inflowPerDay = new Float64Array(C);
  private readonly leavePerDay = new Float64Array(C);

  constructor(private readonly model: CompiledModel) {
    this.limited = Uint8Array.from(model.capacityKind, (k) => (k !== 0 ? 1 : 0));
    for (let c = 0; c < C; c++) {
      if (model.capacityKind[c] === 2) {
        this.households[c] = model.initialHouseholds[c]!;
        this.places[c] = model.initialHouseholds[c]! * model.placesPerHousehold[c]!;
      }
      this.extraBeds[c] = model.initialBeds[c]!;
    }
    this.epoch = model.epochs[0]!;
    this.spread = new CapacitySpread(model);
    this.waitShare.fill(model.waitForPreferred ? 1 : 0);
    this.affected = new Uint8Array(NEED_COUNT);
    for (let need = 0; need < NEED_COUNT; need++) {
      const order = need < C ? [need, ...model.epochs.flatMap((e) => e.fallback[need]!)] : model.providers[need]!;
      if (order.some((c) => this.limited[c] === 1)) this.affected[need] = 1;
    }
    this.routeStamps = new Int32Array(NEED_COUNT * (C + 1) * 2 * (C + 1));
    this.routeShares = new Array<Float64Array | undefined>(this.routeStamps.length).fill(undefined);
    this.waits = new Uint8Array(NEED_COUNT * C);
    this.looks = new Float64Array(NEED_COUNT * C);
    for (let need = 0; need < NEED_COUNT; need++) {
      const order = model.providers[need]!;
      for (let r = 0; r < C; r++) {
        if (r === order[0]) continue;
        this.waits[need * C + r] = (need < C || !order.includes(r) ? model.waitForPreferred : model.stepAcross[need] === 1) ? 1 : 0;
        if (need >= C && order.includes(r)) this.looks[need * C + r] = model.stepAcrossPerDay[need]!;
      }
    }
  }

  /** True when any category is capacity-limited. */
  get any(): boolean {
    return this.limited.some((l) => l === 1);
  }

  /** Places for children in `c` (the simulation's `updateCapacity`): household places not held, plus extra beds, never below zero. */
  capacity(c: number): number {
    return Math.max(0, this.places[c]! - this.held[c]! + this.extraBeds[c]!);
  }

  /**
   * Sets the step's rates and each limited category's accepted share from its expected occupancy
   * (`occupied`, by category) and capacity: the stationary loss correction of `loss.ts`.
   */
  beginStep(epoch: Epoch, occupied: Float64Array): void {
    this.epoch = epoch;
    this.routeStamp++;
    for (let c = 0; c < C; c++) {
      if (!(this.lastDt > 0) || this.model.capacityKind[c] !== 2) continue;
      this.inflowPerDay[c] = Math.max(0, occupied[c]! - this.occupiedAtStart[c]! + this.left[c]!) / this.lastDt;
      this.leavePerDay[c] = this.occupiedAtStart[c]! > 0 ? this.left[c]! / (this.occupiedAtStart[c]! * this.lastDt) : 0;
    }
    this.occupiedAtStart.set(occupied);
    for (let c = 0; c < C; c++) {
      if (this.limited[c] === 0) continue;
      // Averaged over the vacancies' spread from random households (0 for beds: the chain at one capacity).
      this.spread.average(c, this.capacity(c), this, this.point);
      this.accepted[c] = this.point.accepted;
      this.filled[c] = this.waitsFor(c) ? this.point.filled : -1;
    }
  }

  /** True when children refused by limited category `c` wait for it: every request matches (q = 1) and some wait. */
  private waitsFor(c: number): boolean {
    return this.model.matchProbability[c]! >= 1 && this.waitShare[c]! > 0;
  }

  /**
   * `out` = the shares of `c` with `places` places at the step's start occupancy (`beginStep`): the
   * waiting chain's accepted and filled shares, or the loss chain's accepted share (filled −1). A
   * method `CapacitySpread.average` calls, rather than a closure made per category and step (session 20).
   */
  sharesAt(c: number, places: number, out: { accepted: number; filled: number }): void {
    const occupied = this.occupiedAtStart[c]!;
    if (this.waitsFor(c)) waitingAtOccupancy(places, this.leaveRatio[c]!, this.waitShare[c]!, occupied, out);
    else {
      out.accepted = acceptedAtOccupancy(places, this.model.matchProbability[c]!, occupied);
      out.filled = -1;
    }
  }

  /** A capacity event: `change` beds more (or fewer) in `c`. */
  changeBeds(c: number, change: number): void {
    this.extraBeds[c] = this.extraBeds[c]! + change;
  }

  /**
   * Households over `dt` days at the epoch's rates, as a fluid: places P move by
   * dP/dt = Σ recruitment × places per household − de-registration × P (solved exactly over the step);
   * their spread (`CapacitySpread.advance`), with the occupancy's flows of the previous step;
   * `leftPlaces`: children who left each category in this step (read at the next step's start).
   */
  advance(dt: number, leftPlaces: Float64Array): void {
    this.left.set(leftPlaces);
    this.lastDt = dt;
    const e = this.epoch;
    for (let c = 0; c < C; c++) {
      if (this.model.capacityKind[c] !== 2) continue;
      const sources = e.recruitment[c]!;
      let placesIn = 0;
      let householdsIn = 0;
      let squaresIn = 0;
      for (let i = 0; i < sources.length; i += 2) {
        householdsIn += sources[i]!;
        placesIn += sources[i]! * sources[i + 1]!;
        squaresIn += sources[i]! * sources[i + 1]! * sources[i + 1]!;
      }
      const d = e.deregistrationPerDay[c]!;
      const h = this.households[c]!;
      const p = this.places[c]!;
      // The occupancy's flows measured over the previous step (from one step's start to the next).
      this.spread.advance(c, dt, squaresIn, d, this.inflowPerDay[c]!, this.leavePerDay[c]!);
      this.recruited[c]! += householdsIn * dt;
      if (d > 0) {
        const keep = Math.exp(-d * dt);
        const hEnd = householdsIn / d + (h - householdsIn / d) * keep;
        this.households[c] = hEnd;
        this.places[c] = placesIn / d + (p - placesIn / d) * keep;
        this.deregistered[c]! += h + householdsIn * dt - hEnd;
      } else {
        this.households[c] = h + householdsIn * dt;
        this.places[c] = p + placesIn * dt;
      }
    }
  }

  /** The first provider of `need` (a category need: the category). */
  first(need: number): number {
    return this.model.providers[need]![0]!;
  }

  /**
   * True when a child with need `need` placed in `r` (not its first provider) waits for the first (the
   * simulation's `settle`): a category need, or a type of care placed in the last resort, waits with
   * `waitForPreferred`; a type of care placed with a later provider waits with `stepAcross: true`.
   */
  waitsAfter(need: number, r: number): boolean {
    return this.waits[need * C + r] === 1;
  }

  /** Hazard per day at which a child first placed with a later provider of type `need` looks again (0: never). */
  lookPerDay(need: number, r: number): number {
    return this.looks[need * C + r]!;
  }

  /**
   * Where a request for `need` goes, as shares by category (the simulation's `place`): the need's
   * providers in order (a category need: itself, then its fallbacks), each taking its accepted share
   * of what reaches it, never supported for under-16s nor `exclude`; the child's own category
   * `current` always suits it; the rest goes to the last resort. Cached per step.
   */
  route(need: number, current: number, under16: boolean, exclude = -1): Float64Array {
    const key = ((need * (C + 1) + current + 1) * 2 + (under16 ? 1 : 0)) * (C + 1) + exclude + 1;
    const cached = this.routeShares[key];
    if (cached && this.routeStamps[key] === this.routeStamp) return cached;
    this.routeStamps[key] = this.routeStamp;
    const shares = cached ? zero(cached) : (this.routeShares[key] = new Float64Array(C));
    let left = 1;
    let order: readonly number[];
    if (need < C) {
      if (need !== exclude) {
        const a = need === current ? 1 : this.accepted[need]!;
        shares[need]! += a;
        left -= a;
      }
      order = this.epoch.fallback[need]!;
    } else order = this.model.providers[need]!;
    for (const q of order) {
      if (left <= 0 || q === exclude || (under16 && q === SUPPORTED)) continue;
      const a = q === current ? 1 : this.accepted[q]!;
      shares[q]! += left * a;
      left -= left * a;
    }
    if (left > 0) shares[this.model.lastResort]! += left;
    return shares;
  }
}

import { CATEGORY_COUNT } from '../model/domain/cells.js';
import { NEED_COUNT } from '../model/domain/types-of-care.js';
import { matchChance } from './loss.js';
import type { AgedWaiting } from './waiting-ages.js';

// Waiting lists in the supply-aware projection: children placed out of preference who wait for their
// preferred category (`waitForPreferred`, a type of care's `stepAcross: true`) or look again at a
// hazard (`stepAcross` with a rate), held as expected numbers by (preferred category, group, category
// they are in), and moved in as places free; the 16-17 band's waiting children also by birth cohort
// (`waiting-ages.ts`), so they leave the list on their 18th birthday.

const C = CATEGORY_COUNT;

export class WaitingLists {
  /** Children waiting for p, by group g and active index j of the category they are in: [(p * groups + g) * n + j]. */
  readonly waiting: Float64Array;
  /** Children first placed with a later provider of a type of care who look again at its `stepAcross` rate: [(need * groups + g) * n + j]. */
  readonly looking: Float64Array;

  /**
   * `looks`: false when no type of care has a `stepAcross` rate, so nobody is ever looking (the
   * `looking` list stays empty and `decay` skips it).
   */
  constructor(
    private readonly groups: number,
    private readonly n: number,
    private readonly looks = true,
    /** The children of the 16-17 band waiting, by birth cohort (they leave the list at 18); `waiting` holds the younger bands'. */
    readonly aged: AgedWaiting | null = null,
  ) {
    this.waiting = new Float64Array(C * groups * n);
    this.looking = new Float64Array(looks ? NEED_COUNT * groups * n : 0);
    this.waitingHeld = new Uint8Array(C);
    this.waitingRows = new Uint8Array(C * groups);
    this.lookingHeld = new Uint8Array(looks ? NEED_COUNT : 0);
    this.keep = new Float64Array(groups * n);
  }

  /**
   * 1 for a preferred category p (a need) whose part of `waiting` (`looking`) anyone ever joined, set
   * by `join` (`look`); the parts never joined hold zeros only, and the passes skip them (session
   * 19: only capacity-limited categories refuse, 3 of 10 in Anytown).
   */
  readonly waitingHeld: Uint8Array;
  readonly lookingHeld: Uint8Array;
  /**
   * 1 for a row (p, g) of `waiting` (its n entries, at (p groups + g) n) anyone ever joined, set by
   * `join`; the other rows hold zeros only, and the passes skip them (session 20: in Anytown about 23
   * of the 800 entries of the parts joined are not zero, in a few groups).
   */
  readonly waitingRows: Uint8Array;

  /** Adds `x` children waiting for `p` in group `g` at active index `j`. */
  join(p: number, g: number, j: number, x: number): void {
    this.waiting[(p * this.groups + g) * this.n + j]! += x;
    this.waitingHeld[p] = 1;
    this.waitingRows[p * this.groups + g] = 1;
  }

  /** Adds `x` children of need `need` looking again, in group `g` at active index `j`. */
  look(need: number, g: number, j: number, x: number): void {
    this.looking[(need * this.groups + g) * this.n + j]! += x;
    this.lookingHeld[need] = 1;
  }

  /** Scratch of `decay`: the share of a (group, category) entry kept over the step. */
  private readonly keep: Float64Array;

  /** Total waiting for `p`. */
  total(p: number): number {
    let sum = this.aged ? this.aged.total(p) : 0;
    if (this.waitingHeld[p] === 0) return sum;
    const { groups, n, waiting, waitingRows } = this;
    // The rows joined, in order (the others add zeros only).
    for (let row = p * groups; row < (p + 1) * groups; row++) {
      if (waitingRows[row] === 0) continue;
      for (let i = row * n; i < (row + 1) * n; i++) sum += waiting[i]!;
    }
    return sum;
  }

  /**
   * Children waiting or looking leave the lists at their competing hazards (they leave care or move,
   * and then ask anew): `leavePerDay[g n + j]` per day over `dt` days.
   */
  decay(dt: number, leavePerDay: Float64Array): void {
    const { keep } = this;
    // The factor of each (group, category), computed when first needed in this step (NaN until then).
    keep.fill(Number.NaN);
    decayList(this.waiting, this.waitingHeld, this.waitingRows, keep, dt, leavePerDay, this.n);
    if (this.looks) decayList(this.looking, this.lookingHeld, null, keep, dt, leavePerDay, this.n);
  }

  /**
   * The mean rate per day at which the children waiting for `p` leave the list in a step of `dt` days:
   * `leavePerDay[g n + j]` of the younger bands' entries, `agedLeavePerDay[h n + j]` of the 16-17
   * band's and its children reaching 18 in the step (0 when none wait).
   */
  meanLeavePerDay(p: number, leavePerDay: Float64Array, agedLeavePerDay: Float64Array | null, dt: number): number {
    const { groups, n, aged } = this;
    let sum = 0;
    let w = 0;
    if (aged && agedLeavePerDay) {
      w = aged.total(p);
      if (w > 0) sum = aged.leaveSum(p, agedLeavePerDay) + aged.reachedStep[p]! / dt;
    }
    if (this.waitingHeld[p] === 1) {
      const base = p * groups * n;
      for (let g = 0; g < groups; g++) {
        if (this.waitingRows[p * groups + g] === 0) continue;
        for (let i = g * n; i < (g + 1) * n; i++) {
          const x = this.waiting[base + i]!;
          if (x === 0) continue;
          sum += x * leavePerDay[i]!;
          w += x;
        }
      }
    }
    return w > 0 ? sum / w : 0;
  }

  /**
   * The share of the children waiting for `p` who move in during a step in which `leftPlaces` places
   * of `p` free by children leaving it and `addedPlaces` places are added (capacity events, households,
   * places no longer held). At each freed place the waiting children are offered the vacant places in
   * turn (the simulation's `freed`), so a place is taken with probability min(1, W · matchChance(v, q))
   * with W children waiting and v places vacant (at least the one freed). Where the waiting chain
   * applies (q = 1): a place freed by a child leaving goes to a waiting child with the chain's
   * probability `chainFilled` (P(someone waits | a departure)), while every added place goes to the
   * first child in the line as long as anyone waits (the simulation's `freed` on a capacity change
   * fills up to capacity at once), so min(W, added) move in on top; never more than W move in.
   */
  filledShare(p: number, leftPlaces: number, addedPlaces: number, vacant: number, q: number, chainFilled: number, placedLeaveDays: number): number {
    const w = this.total(p);
    if (!(w > 0) || !(leftPlaces + addedPlaces > 0)) return 0;
    if (chainFilled >= 0) return Math.min(1, (leftPlaces * chainFilled * stillPlaced(chainFilled, placedLeaveDays) + Math.min(w, addedPlaces)) / w);
    const f = Math.min(1, w * matchChance(Math.max(1, vacant), q));
    return Math.min(1, (leftPlaces * f * stillPlaced(f, placedLeaveDays) + addedPlaces * f) / w);
  }
}

/**
 * The share of the children moved in to places freed over a step who would still be placed at its
 * end had each moved in when its place freed (session 17). A step moves them all in at its end, so
 * during the step the freed places stay empty and the children who would have moved in neither leave
 * nor free places in turn: with f of the freed places taken and a placed child leaving at μ per day,
 * over `placedLeaveDays` = μ dt the placed children fall by (1 − f) μ of each one moved in, and the
 * step's end held about (1 − f) μ dt / 2 of them too many, a bias of the order of the step (the M/M/∞
 * queue of test/expected-value-supply.spec.ts: +0.98% at 16-day steps, +1.94% at month steps). With
 * entries uniform over the step this is (1 − e^(−x)) / x, x = (1 − f) μ dt, as for a step's arrivals.
 */
function stillPlaced(f: number, placedLeaveDays: number): number {
  const x = (1 - f) * placedLeaveDays;
  return x > 1e-9 ? -Math.expm1(-x) / x : 1;
}

/**
 * Every non-zero entry of a list (blocks of `keep.length` entries: one per (group, category), block b
 * skipped when `held[b]` is 0, and its rows of n entries (one group) when `rows` has them 0) times
 * exp(−leavePerDay × dt) of its (group, category), each factor computed once (`keep`, NaN until then).
 */
function decayList(list: Float64Array, held: Uint8Array, rows: Uint8Array | null, keep: Float64Array, dt: number, leavePerDay: Float64Array, n: number): void {
  const span = keep.length;
  const groups = span / n;
  // Entry i = block + gj, gj = g n + j, in order (no remainder per entry).
  for (let b = 0, block = 0; b < held.length; b++, block += span) {
    if (held[b] === 0) continue;
    for (let g = 0; g < groups; g++) {
      if (rows !== null && rows[b * groups + g] === 0) continue;
      for (let gj = g * n; gj < (g + 1) * n; gj++) {
        const i = block + gj;
        if (list[i] === 0) continue;
        let f = keep[gj]!;
        if (f !== f) f = keep[gj] = Math.exp(-leavePerDay[gj]! * dt);
        list[i]! *= f;
      }
    }
  }
}

import { grown } from '../model/sim/grown.js';
import type { CohortGrid } from './cohorts.js';

/**
 * The birth-cohort shapes of the entry-cohort blocks that one last-band group's age profile reads
 * (`lastBandProfile` in `projection.ts`), worked out once per (group, step) and reused for every
 * category movers come from in that step: per block, where its vector is (array and offset), the
 * length of its births' interval and, per cohort it covers, the ring slot and the days of the
 * interval in that cohort. These are the terms `CohortGrid.spreadRing` computes, and `spread` adds
 * them in its order (days × (mass / length)), so the profile is the same to the bit.
 */
export class BlockShapes {
  /** The last-band group and the step's middle day the shapes are for (−1 and NaN: none). */
  h = -1;
  at = Number.NaN;
  /** Blocks held. */
  count = 0;
  /** Per block: its pool's vectors (the first `count` entries; those after them are stale) and the block's offset in them. */
  readonly vectors: Float64Array[] = [];
  private offset = new Int32Array(32);
  /** Per block: the length of its births' interval in days (0: a point, all in one cohort). */
  private length = new Float64Array(32);
  /** Per block: its terms, termStart[e] to termStart[e + 1]. */
  private termStart = new Int32Array(33);
  /** Per term: the cohort's slot in the ring and the days of the block's births in that cohort. */
  private slot = new Int32Array(256);
  private days = new Float64Array(256);
  private terms = 0;

  /** Starts the shapes of group `h` in the step whose middle day is `at`. */
  reset(h: number, at: number): void {
    this.h = h;
    this.at = at;
    this.count = 0;
    this.terms = 0;
  }

  /** The child's mass of active category j of block e (its vector's entry). */
  mass(e: number, j: number): number {
    return this.vectors[e]![this.offset[e]! + j]!;
  }

  /** A block whose vector is at `offset` of `x`, births uniform over [lo, hi), on `grid`'s cohorts held in a ring of `ring` slots. */
  add(x: Float64Array, offset: number, lo: number, hi: number, grid: CohortGrid, ring: number): void {
    const e = this.count++;
    if (e + 1 >= this.offset.length) {
      const size = 2 * this.offset.length;
      this.offset = grown(this.offset, size);
      this.length = grown(this.length, size);
      this.termStart = grown(this.termStart, size + 1);
    }
    // Written over the last step's entries, not emptied and pushed again (session 20): emptying an
    // array drops its storage, and every push after it grew a new one.
    this.vectors[e] = x;
    this.offset[e] = offset;
    this.termStart[e] = this.terms;
    if (!(hi > lo)) {
      this.length[e] = 0;
      this.term(grid.cohortOf(lo) % ring, 0);
    } else {
      this.length[e] = hi - lo;
      const k0 = grid.cohortOf(lo);
      const k1 = grid.cohortOf(Math.max(lo, hi - 1e-9));
      let slot = k0 % ring;
      let start = grid.birthStart(k0);
      for (let k = k0; k <= k1; k++) {
        const next = grid.birthStart(k + 1);
        const a = Math.max(lo, start);
        const b = Math.min(hi, next);
        if (b > a) this.term(slot, b - a);
        start = next;
        if (++slot === ring) slot = 0;
      }
    }
    this.termStart[e + 1] = this.terms;
  }

  /** `mass` children of block e spread onto `target[at + slot]` as `CohortGrid.spreadRing` spreads them. */
  spread(e: number, mass: number, target: Float64Array, at: number): void {
    const { slot, days } = this;
    const length = this.length[e]!;
    const end = this.termStart[e + 1]!;
    if (length === 0) {
      target[at + slot[this.termStart[e]!]!]! += mass;
      return;
    }
    const density = mass / length;
    for (let t = this.termStart[e]!; t < end; t++) target[at + slot[t]!]! += days[t]! * density;
  }

  private term(slot: number, days: number): void {
    if (this.terms === this.slot.length) {
      this.slot = grown(this.slot, 2 * this.terms);
      this.days = grown(this.days, 2 * this.terms);
    }
    this.slot[this.terms] = slot;
    this.days[this.terms++] = days;
  }
}

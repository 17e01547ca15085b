import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { BAND_START_DAYS, LEAVING_AGE_DAYS, type CohortGrid } from './cohorts.js';
import { MAX_STEP_DAYS } from './steps.js';
import { BlockShapes } from './block-shapes.js';

/**
 * Children of the 16-17 band waiting for a place, held by birth cohort: the settled children's grid
 * of `grid.width` days of births (the same slices the vectors use), so a waiting child leaves the list
 * on its 18th birthday as it leaves care in the simulation, whatever the age it joined at. Held by
 * (preferred category p, last-band group h = u D + d, birth cohort k, category j they are in) at
 * ((p H + h) R + k mod R) n + j: only the R cohorts that can be in the band during a step are kept,
 * each slot reused once its cohort is past 18 (and so empty).
 */
export class AgedWaiting {
  /** Expected children waiting, at ((p H + h) R + k mod R) n + j. */
  readonly x: Float64Array;
  /** Birth cohorts held per (p, h): those of the band's two years and of the longest step's either side. */
  readonly R: number;
  /** Per preferred category: children who reached 18 while waiting in the current step (`reach18`). */
  readonly reachedStep: Float64Array;
  /**
   * Per (h, j): the shares of the group's children in j by slot (k mod R) at (h n + j) R, filled by the
   * projection from its vectors at most once a step per (h, j) (`profileAt`), when children of h
   * moving from j first join a list.
   */
  readonly profile: Float64Array;
  /** Per (h, j) at h n + j: the middle day of the step whose vectors `profile` holds (NaN: none). */
  readonly profileAt: Float64Array;
  /** The entry-cohort blocks' birth-cohort shapes of the last group whose profile was read (`lastBandProfile`). */
  readonly shapes = new BlockShapes();
  /** Per preferred category: 1 once anyone has joined its list (`total`, `leaveSum`, `decay` and the projection's moves in skip the others: all their entries are 0). */
  readonly held: Uint8Array;
  /**
   * Per row ((p H + h) R + slot) of `x` (its n entries): 1 once anyone joined it (`addBirths`,
   * `addProfile`); the other rows hold zeros only, and the passes skip them (session 20: in Anytown
   * about 170 of the 2,720 entries of the lists joined are not zero).
   */
  readonly rows: Uint8Array;
  /** Scratch of `decay`: exp(−leavePerDay dt) per (h, j). */
  private readonly keep: Float64Array;

  constructor(
    readonly categories: number,
    /** Last-band groups: 2 D. */
    readonly H: number,
    readonly n: number,
    private readonly grid: CohortGrid,
  ) {
    const bandDays = LEAVING_AGE_DAYS - BAND_START_DAYS[AGE_BAND_COUNT - 1]!;
    this.R = Math.ceil((bandDays + 2 * MAX_STEP_DAYS) / grid.width) + 2;
    this.x = new Float64Array(categories * H * this.R * n);
    this.reachedStep = new Float64Array(categories);
    this.profile = new Float64Array(H * n * this.R);
    this.profileAt = new Float64Array(H * n).fill(Number.NaN);
    this.keep = new Float64Array(H * n);
    this.held = new Uint8Array(categories);
    this.rows = new Uint8Array(categories * H * this.R);
  }

  /** Total waiting for `p`. */
  total(p: number): number {
    if (this.held[p] === 0) return 0;
    let sum = 0;
    const { x, rows, n } = this;
    const span = this.H * this.R;
    // The rows joined, in order (the others add zeros only).
    for (let row = p * span; row < (p + 1) * span; row++) {
      if (rows[row] === 0) continue;
      for (let i = row * n; i < (row + 1) * n; i++) sum += x[i]!;
    }
    return sum;
  }

  /** Σ x · leavePerDay[h n + j] over the children waiting for `p`. */
  leaveSum(p: number, leavePerDay: Float64Array): number {
    const { H, R, n } = this;
    let sum = 0;
    if (this.held[p] === 0) return sum;
    for (let h = 0; h < H; h++) {
      // Entry (slot s, category j) at base + s n + j, in that order (no remainder per entry).
      for (let r = (p * H + h) * R, row = r * n, end = row + R * n; row < end; r++, row += n) {
        if (this.rows[r] === 0) continue;
        for (let j = 0; j < n; j++) {
          const m = this.x[row + j]!;
          if (m !== 0) sum += m * leavePerDay[h * n + j]!;
        }
      }
    }
    return sum;
  }

  /** `mass` children born uniformly over days (b0, b1] join the list of (p, h, j). */
  addBirths(p: number, h: number, j: number, mass: number, b0: number, b1: number): void {
    const { R, n, x } = this;
    const base = (p * this.H + h) * R;
    this.held[p] = 1;
    this.grid.spreadRing(b0, b1, mass, x, base * n + j, R, n);
    for (let s = 0; s < R; s++) if (x[(base + s) * n + j] !== 0) this.rows[base + s] = 1;
  }

  /** `mass` children join the list of (p, h, j) spread over birth cohorts as the group's children in `from` are (`profile`). */
  addProfile(p: number, h: number, j: number, mass: number, from: number): void {
    const { R, n, profile } = this;
    const base = (p * this.H + h) * R;
    this.held[p] = 1;
    const at = (h * n + from) * R;
    for (let s = 0; s < R; s++) {
      const share = profile[at + s]!;
      if (!(share > 0)) continue;
      this.x[(base + s) * n + j]! += mass * share;
      this.rows[base + s] = 1;
    }
  }

  /**
   * Waiting children leave at their (h, j)'s hazards (`leavePerDay[h n + j]` per day over `dt` days),
   * and those whose 18th birthday falls in [t0, t1) leave the list (`grid.leavingShare`, as the settled
   * children leave care).
   */
  decay(t0: number, t1: number, leavePerDay: Float64Array): void {
    const { grid, H, R, n, x, reachedStep, keep } = this;
    const dt = t1 - t0;
    reachedStep.fill(0);
    for (let i = 0; i < H * n; i++) keep[i] = Math.exp(-leavePerDay[i]! * dt);
    const kLo = grid.cohortOf(t0 - LEAVING_AGE_DAYS);
    const kHi = grid.cohortOf(t1 - LEAVING_AGE_DAYS);
    for (let p = 0; p < this.categories; p++) {
      if (this.held[p] === 0) continue;
      for (let h = 0; h < H; h++) {
        const base = (p * H + h) * R;
        for (let s = 0; s < R; s++) {
          if (this.rows[base + s] === 0) continue;
          const row = (base + s) * n;
          let any = false;
          for (let j = 0; j < n; j++) {
            if (x[row + j] === 0) continue;
            any = true;
            x[row + j]! *= keep[h * n + j]!;
          }
          if (!any) continue;
          // The slot's cohort: the one of kLo..kLo + R − 1 with this remainder.
          const k = kLo + ((s - (kLo % R) + R) % R);
          if (k > kHi) continue;
          const leaving = grid.leavingShare(k, t0, t1);
          if (!(leaving > 0)) continue;
          for (let j = 0; j < n; j++) {
            const m = x[row + j]! * leaving;
            x[row + j]! -= m;
            reachedStep[p]! += m;
          }
        }
      }
    }
  }
}

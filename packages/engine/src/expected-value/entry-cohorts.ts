/**
 * Time in care in the expected-value projection, moved deterministically as in the simulation: a child
 * entering care on day e reaches duration band d + 1 on day e + bound(d + 1), exactly.
 *
 * Children are held in pools, each a vector over (uasc, birth cohort, category). Children whose time in
 * care is past the last duration bound are in one settled pool (their hazards no longer change with time
 * in care). The others are kept by entry cohort: the children who entered care in a window [e0, e1) of
 * days, one pool per duration band they are in. Entries are taken as spread uniformly over the window,
 * so the share of a cohort past a bound B on day t is clamp((t − e0 − B) / (e1 − e0), 0, 1), and the
 * crossings of a step move that share's increase from one pool to the next. The only approximation is
 * that children entering up to a window apart (at most a projection step, 16 days) share one category
 * distribution.
 */

/** A vector over (uasc, birth cohort, category), with a flag per (uasc, birth cohort) that has held anyone. */
export interface Pool {
  /** Expected children at ((u K + k) C + c). */
  readonly x: Float64Array;
  /** 1 at (u K + k) once that block has held anyone: loops skip the others. */
  readonly used: Uint8Array;
  /** Duration band of every child in the pool. */
  readonly band: number;
  /** Birth-cohort grid of the pool (0 fine, 1 coarse). */
  readonly grid: number;
}

/** Children who entered care in days [e0, e1) and are not yet past the last duration bound. */
export interface EntryCohort {
  readonly e0: number;
  readonly e1: number;
  /** Pool of each duration band before the last (null while empty). */
  readonly pools: (Pool | null)[];
}

/** Pools of one shape, with their arrays recycled when a cohort has moved on. */
export class PoolStore {
  private readonly free: Pool['x'][] = [];
  private readonly freeUsed: Uint8Array[] = [];

  constructor(
    readonly blocks: number,
    readonly categories: number,
    readonly grid: number,
  ) {}

  create(band: number): Pool {
    const x = this.free.pop();
    const used = this.freeUsed.pop();
    if (x && used) {
      x.fill(0);
      used.fill(0);
      return { x, used, band, grid: this.grid };
    }
    return { x: new Float64Array(this.blocks * this.categories), used: new Uint8Array(this.blocks), band, grid: this.grid };
  }

  release(pool: Pool): void {
    this.free.push(pool.x);
    this.freeUsed.push(pool.used);
  }
}

/** Share of a cohort's entry window whose time in care has reached `boundDays` by day `t`. */
export function shareReached(cohort: EntryCohort, boundDays: number, t: number): number {
  const width = cohort.e1 - cohort.e0;
  const past = t - cohort.e0 - boundDays;
  if (!(width > 0)) return past >= 0 ? 1 : 0;
  return past <= 0 ? 0 : past >= width ? 1 : past / width;
}

/** Moves `fraction` of every child in `from` to `to`; both on one grid. */
export function movePool(from: Pool, to: Pool, fraction: number): void {
  const { x, used } = from;
  const C = x.length / used.length;
  for (let b = 0; b < used.length; b++) {
    if (used[b] === 0) continue;
    to.used[b] = 1;
    const base = b * C;
    for (let c = 0; c < C; c++) {
      const m = x[base + c]! * fraction;
      if (m === 0) continue;
      x[base + c]! -= m;
      to.x[base + c]! += m;
    }
  }
}

/**
 * Crossings of duration bounds between days `ta` and `tb`: in each cohort, from band 0 upwards, the
 * share that reaches the next bound in (ta, tb] moves to the next band's pool (the settled pool after
 * the last bound) by `move` (on day tb). `bounds[d]` is band d's lower bound in days in care (bounds[0] = 0).
 * Cohorts with nobody left before the last bound are released; returns the cohorts still in use.
 */
export function crossBounds(
  cohorts: EntryCohort[],
  bounds: readonly number[],
  settled: Pool,
  store: PoolStore,
  move: (from: Pool, to: Pool, fraction: number, day: number) => void,
  ta: number,
  tb: number,
): EntryCohort[] {
  const last = bounds.length - 1;
  const kept: EntryCohort[] = [];
  for (const cohort of cohorts) {
    // Share of the window in band d or beyond at tb (band −1: everyone).
    let reachedBefore = 1;
    let alive = false;
    for (let d = 0; d < last; d++) {
      const pool = cohort.pools[d];
      const sa = shareReached(cohort, bounds[d + 1]!, ta);
      const sb = shareReached(cohort, bounds[d + 1]!, tb);
      if (pool) {
        const held = reachedBefore - sa;
        const fraction = sb >= reachedBefore ? 1 : held > 0 ? (sb - sa) / held : 0;
        if (fraction > 0) {
          let to = d + 1 < last ? cohort.pools[d + 1] : settled;
          if (!to) to = cohort.pools[d + 1] = store.create(d + 1);
          move(pool, to, fraction, tb);
        }
        if (fraction >= 1) {
          store.release(pool);
          cohort.pools[d] = null;
        }
      }
      if (cohort.pools[d]) alive = true;
      reachedBefore = sb;
    }
    if (alive) kept.push(cohort);
  }
  return kept;
}

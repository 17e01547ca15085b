import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { BAND_START_DAYS, LEAVING_AGE_DAYS } from './cohorts.js';
import { correctBlock, type Corrections } from './corrections.js';

/**
 * Time in care in the expected-value projection, moved deterministically as in the simulation: a child
 * entering care on day e reaches duration band d + 1 on day e + bound(d + 1), exactly.
 *
 * Children whose time in care is before the last duration bound are kept by entry cohort: the children
 * who entered care in a window [e0, e1) of days (at most a projection step), one pool per duration band
 * they are in. Entries are taken as spread uniformly over the window, so the share of a cohort past a
 * bound B on day t is clamp((t − e0 − B) / (e1 − e0), 0, 1), and the crossings of a step move that
 * share's increase from one pool to the next.
 *
 * A pool holds the children by (uasc, age band, group, category), not by birth cohort; each block
 * (uasc, age band, group) has an age range [lo, hi) on the cohort (the same for all its pools) over
 * which its children are taken as uniform, moved on with time. Group 0 is the children still in the
 * age band they entered care in: entrants' ages are uniform over their band and everyone still in it
 * has had the same hazards, so their ages stay uniform over [band start + τ, band end) τ days after
 * entry, and the share crossing the band end in a step is exact. Group 1 is the children who crossed
 * into the band while in the cohort: newcomers join at the band start and the range keeps its oldest
 * age and the mean age (exact while they come at an even rate, an approximation otherwise). Groups 2
 * and on hold the initial population of the cohort by slice of age on the start day (each slice
 * spanning the ages placed in it), unless its ages are uniform over the band with days in care
 * independent of age (then group 0). Children leaving the last band reach 18 and leave care. When a
 * cohort passes the last bound its children go to the settled children by birth cohort, spread
 * uniformly over the births each block's age range gives.
 */

/** Slices of each age band that hold the initial population of entry cohorts, by age on the start day. */
export const INITIAL_SLICES = 6;

/** Groups of a pool: 0 still in the age band of entry, 1 past it, 2... the initial population by age slice. */
export const GROUPS = 2 + INITIAL_SLICES;

/** A vector over (uasc, age band, group, category), with a flag per (uasc, age band, group) that has held anyone. */
export interface Pool {
  /** Expected children at (((u A + a) GROUPS + g) C + c). */
  readonly x: Float64Array;
  /** 1 once that block has held anyone: loops skip the others. */
  readonly used: Uint8Array;
  /** The blocks with `used` set, highest first (`count` of them). */
  readonly list: Int32Array;
  count: number;
}

/** Sets `used` for a block, keeping the list of used blocks highest first. */
export function markUsed(pool: Pool, block: number): void {
  if (pool.used[block] === 1) return;
  pool.used[block] = 1;
  const { list } = pool;
  let i = pool.count++;
  while (i > 0 && list[i - 1]! < block) {
    list[i] = list[i - 1]!;
    i--;
  }
  list[i] = block;
}

/** Children who entered care in days [e0, e1) and are not yet past the last duration bound. */
export interface EntryCohort {
  readonly e0: number;
  readonly e1: number;
  /** Pool of each duration band before the last (null while empty). */
  readonly pools: (Pool | null)[];
  /**
   * Youngest age (days) of each block (u, a, g) on the day the cohort's ages were last moved: the
   * block's ages are taken as uniform from it to the band end (group 0) or to band start + τ (group 1).
   */
  readonly lo: Float64Array;
  /** Oldest age (days, exclusive) of each block on that day: the band end for group 0. */
  readonly hi: Float64Array;
}

/** A new entry cohort of days [e0, e1) with `bands` pools (empty): every block's ages start at its band start. */
export function newEntryCohort(e0: number, e1: number, bands: number): EntryCohort {
  const lo = new Float64Array(POOL_BLOCKS);
  const hi = new Float64Array(POOL_BLOCKS);
  for (let block = 0; block < POOL_BLOCKS; block++) {
    const a = Math.floor(block / GROUPS) % AGE_BAND_COUNT;
    const g = block % GROUPS;
    const start = BAND_START_DAYS[a]!;
    const width = (ageEndDays(a) - start) / INITIAL_SLICES;
    lo[block] = g < 2 ? start : start + (g - 2) * width;
    hi[block] = g === 0 ? ageEndDays(a) : g === 1 ? start : start + (g - 1) * width;
  }
  return { e0, e1, pools: new Array<Pool | null>(bands).fill(null), lo, hi };
}

/** Blocks (uasc, age band, group) of a pool. */
export const POOL_BLOCKS = 2 * AGE_BAND_COUNT * GROUPS;

/**
 * Pools of one shape, with their arrays recycled when a cohort has moved on. `shared(n)` is one store per
 * number of categories for every projection of the process (a pool is zeroed when taken), so a
 * projection allocates pools only beyond what an earlier one left.
 */
export class PoolStore {
  private readonly free: Pool[] = [];

  constructor(readonly categories: number) {}

  private static readonly byCategories = new Map<number, PoolStore>();

  /** The store of pools of `categories` shared by the projections of this process. */
  static shared(categories: number): PoolStore {
    let store = PoolStore.byCategories.get(categories);
    if (!store) PoolStore.byCategories.set(categories, (store = new PoolStore(categories)));
    return store;
  }

  create(): Pool {
    const pool = this.free.pop();
    if (pool) {
      pool.x.fill(0);
      pool.used.fill(0);
      pool.count = 0;
      return pool;
    }
    return { x: new Float64Array(POOL_BLOCKS * this.categories), used: new Uint8Array(POOL_BLOCKS), list: new Int32Array(POOL_BLOCKS), count: 0 };
  }

  release(pool: Pool): void {
    this.free.push(pool);
  }
}

/** Upper end (days) of the ages of band `a`: the next band's start, or 18 for the last. */
export function ageEndDays(a: number): number {
  return a + 1 < AGE_BAND_COUNT ? BAND_START_DAYS[a + 1]! : LEAVING_AGE_DAYS;
}

/** Share of a cohort's entry window whose time in care has reached `boundDays` by day `t`. */
export function shareReached(cohort: EntryCohort, boundDays: number, t: number): number {
  const width = cohort.e1 - cohort.e0;
  const past = t - cohort.e0 - boundDays;
  if (!(width > 0)) return past >= 0 ? 1 : 0;
  return past <= 0 ? 0 : past >= width ? 1 : past / width;
}

/** Adds `mass` to category c of block (u, a, g). */
export function putInPool(pool: Pool, u: number, a: number, g: number, c: number, categories: number, mass: number): void {
  const block = (u * AGE_BAND_COUNT + a) * GROUPS + g;
  pool.x[block * categories + c]! += mass;
  markUsed(pool, block);
}

/**
 * Moves `byCategory[j]` of category j of the children of one block of `from` to the same block of `to`
 * (one fraction for all, or tilted by entry time: `EntryTilt`).
 */
export function moveBlock(from: Pool, to: Pool, block: number, byCategory: Float64Array): void {
  const n = (from.x.length / POOL_BLOCKS) | 0;
  markUsed(to, block);
  const base = block * n;
  for (let j = 0; j < n; j++) {
    const m = from.x[base + j]! * byCategory[j]!;
    if (m === 0) continue;
    from.x[base + j]! -= m;
    to.x[base + j]! += m;
  }
}

/** Per block (u, a, g): u A + a, its (uasc, age band) (a table: no division in the hot loops). */
export const BLOCK_UA = new Int32Array(POOL_BLOCKS);
for (let block = 0; block < POOL_BLOCKS; block++) BLOCK_UA[block] = Math.floor(block / GROUPS);

// Per block (u, a, g): its age band's start and end (days), its group, and the block newcomers from it
// go to (group 1 of the next band; −1 from the last band: 18). Scratch arrays of `crossAgeBands`.
const BLOCK_START = new Float64Array(POOL_BLOCKS);
const BLOCK_END = new Float64Array(POOL_BLOCKS);
const BLOCK_GROUP = new Int32Array(POOL_BLOCKS);
const BLOCK_NEXT = new Int32Array(POOL_BLOCKS);
for (let block = 0; block < POOL_BLOCKS; block++) {
  const a = Math.floor(block / GROUPS) % AGE_BAND_COUNT;
  const u = Math.floor(block / (GROUPS * AGE_BAND_COUNT));
  BLOCK_START[block] = BAND_START_DAYS[a]!;
  BLOCK_END[block] = ageEndDays(a);
  BLOCK_GROUP[block] = block % GROUPS;
  BLOCK_NEXT[block] = a + 1 < AGE_BAND_COUNT ? (u * AGE_BAND_COUNT + a + 1) * GROUPS + 1 : -1;
}
const staying = new Float64Array(POOL_BLOCKS);
const arrived = new Float64Array(POOL_BLOCKS);
const touched = new Uint8Array(POOL_BLOCKS);
const touchedList = new Int32Array(POOL_BLOCKS);
let touchedCount = 0;
/** Marks a block as visited in this cohort's crossings (its sums start at 0). */
function touch(block: number): void {
  if (touched[block] === 1) return;
  touched[block] = 1;
  staying[block] = 0;
  arrived[block] = 0;
  touchedList[touchedCount++] = block;
}

/**
 * Age-band crossings of every pool of `cohorts` between days ta and tb (made on tb): in each block, the
 * share whose ages reach the band end moves to group 1 of the next band; from the last band they
 * reach 18 and are added to `leaving[j]` (j: index in the pool's categories). Then every block's
 * ages move on, and group 1 takes its newcomers (aged from the band start) into its uniform range
 * keeping the mean age. With `corrections` (the step's supply corrections; groups (u A + a) D + d),
 * each block is corrected just before its crossing (session 16: one pass over the blocks instead of two).
 */
export function crossAgeBands(cohorts: readonly EntryCohort[], ta: number, tb: number, leaving: Float64Array, corrections: Corrections | null = null, D = 0): void {
  const bandStart = BLOCK_START;
  const bandEnd = BLOCK_END;
  const group = BLOCK_GROUP;
  const next = BLOCK_NEXT;
  const blocks = POOL_BLOCKS;
  const ua = BLOCK_UA;
  for (const cohort of cohorts) {
    // Every block ages by the days elapsed; while the cohort's arrivals come in, a group-0 block's
    // youngest age is set below from the entrants' mean time in care instead.
    const span = tb - ta;
    if (!(span > 0) && corrections === null) continue;
    const arriving = ta < cohort.e1;
    touchedCount = 0;
    const { lo, hi: high, pools } = cohort;
    for (let d = 0; d < pools.length; d++) {
      const pool = pools[d];
      if (!pool) continue;
      const { x, list } = pool;
      const n = (x.length / blocks) | 0;
      // Highest block first: the next band's block (higher) is done before children move into it
      // (a block newly used is inserted before the current position and not visited). Each block is
      // corrected first, as before the crossings (a block only gains children from lower ones, after
      // its own turn; a newly used one holds nobody to correct).
      for (let i = 0; i < pool.count; i++) {
        const block = list[i]!;
        if (corrections !== null) {
          correctBlock(x, block * n, n, ua[block]! * D + d, corrections);
          if (!(span > 0)) continue;
        }
        touch(block);
        const hi = high[block]!;
        const end = bandEnd[block]!;
        const width = hi - lo[block]!;
        const share = width > 0 ? Math.min(1, Math.max(0, hi - Math.max(lo[block]!, end - span)) / width) : group[block] === 0 ? 1 : 0;
        const base = block * n;
        if (!(share > 0)) {
          // Only group 1 reads what stays (the mean age with newcomers).
          if (group[block] === 1) {
            // Summed in a local (the same additions in the same order), stored once.
            let stays = staying[block]!;
            for (let j = 0; j < n; j++) stays += x[base + j]!;
            staying[block] = stays;
          }
          continue;
        }
        const to = next[block]!;
        if (to >= 0) {
          if (pool.used[to] === 0) {
            markUsed(pool, to);
            i++;
          }
          touch(to);
        }
        // What stays and what arrives summed in locals (the same additions in the same order), stored once.
        let stays = staying[block]!;
        let came = to >= 0 ? arrived[to]! : 0;
        for (let j = 0; j < n; j++) {
          const held = x[base + j]!;
          const m = held * share;
          stays += held - m;
          if (m === 0) continue;
          x[base + j] = held - m;
          if (to >= 0) {
            x[to * n + j]! += m;
            came += m;
          } else leaving[j]! += m;
        }
        staying[block] = stays;
        if (to >= 0) arrived[to] = came;
      }
    }
    if (!(span > 0)) continue;
    for (let t = 0; t < touchedCount; t++) {
      const block = touchedList[t]!;
      touched[block] = 0;
      const end = bandEnd[block]!;
      // Those still in the block are uniform over [lo + span, hi + span), cut at the band end.
      const agedHi = Math.min(end, high[block]! + span);
      const aged = Math.min(agedHi, lo[block]! + span);
      const before = staying[block]!;
      const came = arrived[block]!;
      if (group[block] !== 1 || !(came > 0)) {
        // Entrants of [e0, tb) with ages uniform over the band at entry: still in the band, their ages
        // are uniform above its start plus their mean time in care (tb − e0) / 2 (exact crossings).
        lo[block] = arriving && group[block] === 0 ? Math.min(end, bandStart[block]! + (tb - cohort.e0) / 2) : aged;
        high[block] = agedHi;
        continue;
      }
      // Newcomers are uniform over [band start, band start + span): the block spans both, its
      // youngest age set so that the mean age is kept.
      const start = bandStart[block]!;
      const hi = before > 0 ? Math.max(agedHi, start + span) : Math.min(end, start + span);
      const mean = ((before > 0 ? before * (aged + agedHi) * 0.5 : 0) + came * (start + span * 0.5)) / (before + came);
      high[block] = hi;
      lo[block] = Math.min(hi, Math.max(start, 2 * mean - hi));
    }
  }
}

/**
 * Crossings of duration bounds between days `ta` and `tb`: in each cohort, from band 0 upwards, the
 * share that reaches the next bound in (ta, tb] moves on by `to.advance(cohort, d, fraction, day,
 * tiltDays)` (to the next band's pool or the settled children; the pool of band d is dropped after a
 * fraction of 1). `bounds[d]` is band d's lower bound in days in care (bounds[0] = 0).
 *
 * The share crossing is that of the pool's entry times (the earliest entrants first), fraction f of
 * the L days of entry times the pool holds; `tiltDays` = f (1 − f) L / 2 is the exposure that tells how
 * much more those earliest entrants have been exposed to the band's hazards than the pool's average
 * (`EntryTilt`). It is 0 for cohorts of the initial population (entries before `arrivalsFrom`, whose
 * categories on the start day do not depend on their entry day) and while a cohort's arrivals are not
 * all in (before its window's end).
 * Cohorts with nobody left before the last bound are dropped from `cohorts` in place (session 20: a new
 * array per call, 120 a projection, grew by copies to about 100 kB); returns `cohorts`.
 */
export function crossBounds(
  cohorts: EntryCohort[],
  bounds: readonly number[],
  to: { advance(cohort: EntryCohort, band: number, fraction: number, day: number, tiltDays: number): void },
  ta: number,
  tb: number,
  arrivalsFrom: number,
): EntryCohort[] {
  const last = bounds.length - 1;
  let kept = 0;
  for (let i = 0; i < cohorts.length; i++) {
    const cohort = cohorts[i]!;
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
        const tilted = fraction < 1 && cohort.e0 >= arrivalsFrom && ta >= cohort.e1;
        const tiltDays = tilted ? (fraction * (1 - fraction) * held * (cohort.e1 - cohort.e0)) / 2 : 0;
        if (fraction > 0) to.advance(cohort, d, fraction, tb, tiltDays);
        if (fraction >= 1) cohort.pools[d] = null;
      }
      if (cohort.pools[d]) alive = true;
      reachedBefore = sb;
    }
    if (alive) cohorts[kept++] = cohort;
  }
  cohorts.length = kept;
  return cohorts;
}

import { describe, expect, it } from 'vitest';
import { AGE_BAND_COUNT } from '../../src/model/domain/age-bands.js';
import { Corrections, correctBlock } from '../../src/expected-value/corrections.js';
import { BLOCK_UA, PoolStore, crossAgeBands, newEntryCohort, putInPool, type EntryCohort } from '../../src/expected-value/entry-cohorts.js';

// Session 16: the entry cohorts' supply corrections are applied inside the age-band crossing, each
// block just before its own crossing, instead of in a pass of their own before it. The two orders
// must give the same numbers to the bit: every block's vector, its age range, and the children
// reaching 18.
const n = 3;
const D = 3;
const groups = 2 * AGE_BAND_COUNT * D;

/** Two entry cohorts with children in every age band (groups 0, 1 and an initial slice), in two duration bands. */
function cohorts(): EntryCohort[] {
  const store = new PoolStore(n);
  const list: EntryCohort[] = [];
  for (const [e0, e1] of [
    [-40, -10],
    [0, 30],
  ] as const) {
    const cohort = newEntryCohort(e0, e1, D - 1);
    for (let d = 0; d < D - 1; d++) {
      const pool = (cohort.pools[d] = store.create());
      for (let u = 0; u < 2; u++) {
        for (let a = 0; a < AGE_BAND_COUNT; a++) {
          for (const g of [0, 1, 3]) {
            if (g === 1 && a % 2 === 0) continue; // group 1 of some bands first used by the crossing
            for (let c = 0; c < n; c++) putInPool(pool, u, a, g, c, n, 1 + u + 0.37 * a + 0.11 * g + 0.013 * c + 0.5 * d + e0 / 100);
          }
        }
      }
    }
    list.push(cohort);
  }
  return list;
}

/** Corrections for some groups only: a share of category 0 to 1 and of 2 to 0. */
function corrections(): Corrections {
  const start = new Int32Array(groups + 1);
  const from: number[] = [];
  const to: number[] = [];
  const share: number[] = [];
  for (let g = 0; g < groups; g++) {
    start[g] = from.length;
    if (g % 3 === 2) continue;
    from.push(0, 2);
    to.push(1, 0);
    share.push(0.1 + g / 1000, 0.05 + g / 3000);
  }
  start[groups] = from.length;
  return new Corrections(start, Int32Array.from(from), Int32Array.from(to), Float64Array.from(share), new Float64Array(n));
}

function state(list: EntryCohort[], leaving: Float64Array): number[] {
  return [...list.flatMap((c) => [...c.lo, ...c.hi, ...c.pools.flatMap((p) => [...p!.x])]), ...leaving];
}

describe('supply corrections of the entry cohorts inside the age-band crossing', () => {
  it('give, to the bit, what correcting every block before the crossing gives', () => {
    const [ta, tb] = [365, 373];
    const before = cohorts();
    const c = corrections();
    for (const cohort of before) {
      cohort.pools.forEach((pool, d) => {
        for (let b = 0; b < pool!.count; b++) correctBlock(pool!.x, pool!.list[b]! * n, n, BLOCK_UA[pool!.list[b]!]! * D + d, c);
      });
    }
    const leavingBefore = new Float64Array(n);
    crossAgeBands(before, ta, tb, leavingBefore);

    const inside = cohorts();
    const leavingInside = new Float64Array(n);
    crossAgeBands(inside, ta, tb, leavingInside, c, D);

    const uncorrected = cohorts();
    const leavingUncorrected = new Float64Array(n);
    crossAgeBands(uncorrected, ta, tb, leavingUncorrected);

    const expected = state(before, leavingBefore);
    const got = state(inside, leavingInside);
    expect(got.length).toBe(expected.length);
    expect(got.filter((v, i) => !Object.is(v, expected[i])).length).toBe(0);
    // The corrections act, and children cross bands and reach 18.
    expect(state(uncorrected, leavingUncorrected).filter((v, i) => !Object.is(v, expected[i])).length).toBeGreaterThan(100);
    expect(leavingBefore.every((m) => m > 0)).toBe(true);
  });
});

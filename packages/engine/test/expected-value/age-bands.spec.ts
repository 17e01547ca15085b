import { describe, expect, it } from 'vitest';
import { BAND_START_DAYS } from '../../src/expected-value/cohorts.js';
import { PoolStore, crossAgeBands, newEntryCohort, putInPool } from '../../src/expected-value/entry-cohorts.js';

// Independent oracle: children enter care at 1 a day over a window of W days, their ages uniform over
// the under-1s' band [0, L) at entry, and nobody leaves care. A child who entered on day s is still in
// the band on day t with probability 1 − (t − s)/L (for t < L), so the band holds
//   t − t²/(2L)                 while they come in (t ≤ W),
//   W − W (t − W/2)/L           after (W ≤ t < L).
const W_DAYS = 120;
const L_DAYS = BAND_START_DAYS[1]!;
const inBand = (t: number): number => (t <= W_DAYS ? t - (t * t) / (2 * L_DAYS) : W_DAYS - (W_DAYS * (t - W_DAYS / 2)) / L_DAYS);

describe('crossAgeBands: an entry cohort leaves its age band as a closed form says', () => {
  it('keeps the under-1s of a 120-day entry window within 0.5% of the closed form at every step', () => {
    const cohort = newEntryCohort(0, W_DAYS, 1);
    const pool = (cohort.pools[0] = new PoolStore(1).create());
    const leaving = new Float64Array(1);
    const stepDays = 16;
    const gaps: string[] = [];
    let worst = 0;
    // Steps of 16 days crossed in two halves as the projection does, each half's entrants put in half
    // at its start and half at its end (the trapezoid of `arrive`).
    for (let t0 = 0; t0 + stepDays < L_DAYS; t0 += stepDays) {
      for (const [ta, tb] of [
        [t0, t0 + stepDays / 2],
        [t0 + stepDays / 2, t0 + stepDays],
      ] as const) {
        const entering = Math.max(0, Math.min(tb, W_DAYS) - Math.min(ta, W_DAYS));
        if (entering > 0) putInPool(pool, 0, 0, 0, 0, 1, entering / 2);
        crossAgeBands([cohort], ta, tb, leaving);
        if (entering > 0) putInPool(pool, 0, 0, 0, 0, 1, entering / 2);
      }
      const t = t0 + stepDays;
      // Group 0 of the under-1s (block 0 of the pool: uasc 0, age band 0, group 0).
      const projected = pool.x[0]!;
      const exact = inBand(t);
      const rel = (projected - exact) / exact;
      worst = Math.max(worst, Math.abs(rel));
      gaps.push(`day ${t}: ${projected.toFixed(3)} against ${exact.toFixed(3)} (${(100 * rel).toFixed(2)}%)`);
    }
    expect(worst, gaps.join('\n')).toBeLessThan(0.005);
  });
});

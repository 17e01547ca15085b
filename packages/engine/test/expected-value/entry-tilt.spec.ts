import { describe, expect, it } from 'vitest';
import { EntryTilt } from '../../src/expected-value/entry-tilt.js';
import { CATEGORY_COUNT } from '../../src/model/domain/cells.js';
import { table } from './two-state-table.js';

/** ∫ f over [a, b] by Simpson's rule on 2,000 intervals. */
function simpson(f: (s: number) => number, a: number, b: number): number {
  const n = 2000;
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

// Independent oracle: children entering care in category 0 uniformly over L days, τ0 to τ0 + L days
// ago, with constant hazards (0 → 1 at m a day, leaving at l0 from 0 and l1 from 1): the closed form
// of exp(Q τ) gives each entry day's distribution, and Simpson's rule the share of each category held by
// the earliest entrants.
describe('EntryTilt: the earliest entrants’ share of a pool crossing a duration bound', () => {
  const [m, l0, l1] = [2 / 365.25, 4 / 365.25, 1 / 365.25];
  const h0 = m + l0;
  const state = (tau: number): [number, number] => [Math.exp(-h0 * tau), (m * (Math.exp(-l1 * tau) - Math.exp(-h0 * tau))) / (h0 - l1)];
  const tilt = new EntryTilt(Int32Array.of(0, 1), Int32Array.from({ length: CATEGORY_COUNT }, (_, c) => (c < 2 ? c : -1)), Int8Array.from({ length: 64 }, (_, i) => i), 1);
  tilt.table = table(m, l0, l1);

  it.each([
    [60, 15],
    [60, 30],
    [200, 30],
    [90, 60],
  ])('moves each category’s share with an error of the second order in h L (τ0 %d days, L %d days); the uniform split’s is of the first', (tau0, L) => {
    const x = new Float64Array(2 * 2 * 5 * 8); // every block; block 0 is (uasc 0, age band 0, group 0)
    for (let j = 0; j < 2; j++) x[j] = simpson((tau) => state(tau)[j]!, tau0, tau0 + L);
    const out = new Float64Array(2);
    const hL = h0 * L;
    for (const f of [0.1, 0.5, 0.9]) {
      tilt.fractions(x, 0, 0, f, (f * (1 - f) * L) / 2, out);
      const bound = ((hL * hL) / 8) * f * (1 - f);
      for (let j = 0; j < 2; j++) {
        const exact = simpson((tau) => state(tau)[j]!, tau0 + L * (1 - f), tau0 + L) / x[j]!;
        expect(Math.abs(out[j]! - exact)).toBeLessThan(bound);
        // Category 0 (leaving at h0): the uniform split (f) is off by about f (1 − f) h L / 2.
        if (j === 0) expect(Math.abs(f - exact)).toBeGreaterThan(bound);
      }
    }
  });
});

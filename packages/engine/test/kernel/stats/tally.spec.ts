import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tally } from '../../../src/kernel/stats/tally.js';

function twoPass(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

const observations = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 });

describe('Tally', () => {
  it('Welford mean and variance equal the two-pass mean and variance', () => {
    fc.assert(
      fc.property(observations, (xs) => {
        const tally = new Tally();
        for (const x of xs) tally.add(x);
        const exact = twoPass(xs);
        const scale = Math.max(1, ...xs.map(Math.abs));
        expect(tally.count).toBe(xs.length);
        expect(Math.abs(tally.mean - exact.mean)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(tally.variance - exact.variance)).toBeLessThanOrEqual(1e-9 * scale * scale);
        expect(tally.min).toBe(Math.min(...xs));
        expect(tally.max).toBe(Math.max(...xs));
      }),
    );
  });

  it('stays accurate when the mean is huge against the spread (no catastrophic cancellation)', () => {
    const tally = new Tally();
    for (const x of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) tally.add(x);
    expect(tally.mean).toBe(1e9 + 10);
    expect(tally.variance).toBe(30);
  });

  it('merging two tallies equals tallying all the observations', () => {
    fc.assert(
      fc.property(observations, observations, (xs, ys) => {
        const a = new Tally();
        const b = new Tally();
        const all = new Tally();
        for (const x of xs) {
          a.add(x);
          all.add(x);
        }
        for (const y of ys) {
          b.add(y);
          all.add(y);
        }
        a.merge(b);
        const scale = Math.max(1, ...xs.map(Math.abs), ...ys.map(Math.abs));
        expect(a.count).toBe(all.count);
        expect(Math.abs(a.mean - all.mean)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(a.variance - all.variance)).toBeLessThanOrEqual(1e-9 * scale * scale);
        expect(a.min).toBe(all.min);
        expect(a.max).toBe(all.max);
      }),
    );
  });

  it('reports NaN mean with no observations and NaN variance with one', () => {
    const tally = new Tally();
    expect(tally.mean).toBeNaN();
    tally.add(3);
    expect(tally.mean).toBe(3);
    expect(tally.variance).toBeNaN();
    expect(() => tally.add(NaN)).toThrow(RangeError);
  });
});

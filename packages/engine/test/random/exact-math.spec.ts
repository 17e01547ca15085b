import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp, log } from '../../src/random/exact-math.js';

describe('exact-math (the logarithm and exponential of the random variates)', () => {
  it('gives the correctly rounded constants and the edge cases of Math.log and Math.exp', () => {
    expect(log(2)).toBe(Math.LN2);
    expect(log(10)).toBe(Math.LN10);
    expect(Math.abs(exp(1) - Math.E)).toBeLessThanOrEqual(Number.EPSILON * Math.E); // fdlibm: within one ulp
    expect(log(1)).toBe(0);
    expect(exp(0)).toBe(1);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(exp(-Infinity)).toBe(0);
    expect(exp(710)).toBe(Infinity);
  });

  it('is within a few units in the last place of the inverse of the other', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        const back = log(exp(x));
        expect(Math.abs(back - x)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(x)));
      }),
    );
  });
});

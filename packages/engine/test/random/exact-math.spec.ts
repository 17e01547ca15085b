import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import stdlibLn from '@stdlib/math-base-special-ln';
import { exp, log } from '../../src/random/exact-math.js';
import { fdlibmLog } from '../../src/random/fdlibm-log.js';

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

describe('fdlibm-log.ts (the logarithm of every exponential draw)', () => {
  // Oracle: @stdlib's port of fdlibm's e_log.c, whose values every result so far was drawn with.
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const fromWords = (a: number, b: number): number => {
    words[0] = a;
    words[1] = b;
    return bits[0]!;
  };

  it("returns @stdlib's ln bit for bit: on (0, 1] as the draws use it, on any bit pattern, and at the edges", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, minExcluded: true, noNaN: true }), fc.nat(), fc.nat(), (x, a, b) => {
        expect(Object.is(fdlibmLog(x), stdlibLn(x))).toBe(true);
        const y = fromWords(a >>> 0, b >>> 0);
        expect(Object.is(fdlibmLog(y), stdlibLn(y))).toBe(true);
        const z = 1 + (x - 0.5) * 2 ** -18; // within 2^-20 of 1: fdlibm's short path
        expect(Object.is(fdlibmLog(z), stdlibLn(z))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (const x of [0, -0, 1, -1, NaN, Infinity, -Infinity, 5e-324, 2.2250738585072014e-308, 1 + 2 ** -52, 1 - 2 ** -53, 0.5, 2, Number.MAX_VALUE]) {
      expect(Object.is(fdlibmLog(x), stdlibLn(x))).toBe(true);
    }
  });
});

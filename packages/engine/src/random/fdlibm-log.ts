// fdlibm's e_log.c (as ported by @stdlib/math-base-special-ln, whose values it returns bit for bit:
// the test compares them), written for speed: the high word is read through one shared typed-array
// view, the argument is normalised by an exact multiplication by a power of two (not by writing the
// high word back, a store the next load cannot take its value from), and the polynomials are inline.
// The exponential draws of the care model spend a large share of their time here.

const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const TWO54 = 2 ** 54;
const ONE_THIRD = 0.3333333333333333;
const LG1 = 0.6666666666666735; // ≈ 2/3
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index of the high 32 bits of a double in U32 (1 on little-endian machines). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** 2^-(e - 1023) for biased exponents e of normal numbers (1..2046), 2^-e exactly: scaling by it is exact. */
const SCALE = Float64Array.from({ length: 2047 }, (_, e) => (e === 0 ? NaN : 2 ** (1023 - e)));

/** Natural logarithm, fdlibm's algorithm: the same bits in every JavaScript engine. */
export function fdlibmLog(x: number): number {
  if (x === 0) return -Infinity;
  if (!(x > 0)) return NaN;
  F64[0] = x;
  let hx = U32[HI]! | 0;
  let k = 0;
  if (hx < 0x00100000) {
    // Subnormal: scale up.
    k -= 54;
    x *= TWO54;
    F64[0] = x;
    hx = U32[HI]! | 0;
  }
  if (hx >= 0x7ff00000) return x + x;
  const e = hx >> 20;
  k += e - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  // x or x/2 normalised into [1, 2) or [0.5, 1): the high word's exponent set to 0x3ff or 0x3fe.
  x = i === 0 ? x * SCALE[e]! : x * SCALE[e]! * 0.5;
  k += i >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const R = f * f * (0.5 - ONE_THIRD * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

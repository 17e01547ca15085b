import { exp, log } from './exact-math.js';
import type { RandomStream } from './random-stream.js';

/**
 * One draw from Gamma(shape, 1) by Marsaglia and Tsang (2000), with the boost
 * Gamma(a) = Gamma(a + 1) · U^(1/a) for shape below 1. Uses the engine's own logarithm and
 * exponential (exact-math.ts), so draws are the same on every platform. Scale by 1 / rate for
 * Gamma(shape, rate). Always > 0 for a finite shape > 0 (an underflow is returned as the smallest double).
 */
export function gammaVariate(rs: RandomStream, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gammaVariate: shape must be a finite number > 0, got ${shape}`);
  if (shape < 1) {
    const g = gammaVariate(rs, shape + 1);
    const u = 1 - rs.random();
    return Math.max(g * exp(log(u) / shape), Number.MIN_VALUE);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rs.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rs.random();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
}

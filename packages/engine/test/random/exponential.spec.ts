import { describe, expect, it } from 'vitest';
import { standardExponential } from '../../src/random/exponential.js';
import { RandomStream } from '../../src/random/random-stream.js';

// The ziggurat against P(X > x) = e^-x. With n draws the share above x has standard error
// sqrt(p (1 - p) / n); each check allows 5 of them (a correct sampler fails with p < 1e-6), and the
// Kolmogorov-Smirnov distance times sqrt(n) stays below 1.95 (p = 0.001). Seeds are fixed, so runs repeat.
const N = 1_000_000;

function draws(name: string, n = N): Float64Array {
  const rs = RandomStream.derive(2026, `test/ziggurat/${name}`, 0);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = standardExponential(rs.random(), (s: RandomStream) => s.random(), rs, 0);
  return xs;
}

describe('standardExponential (ziggurat)', () => {
  const xs = draws('survival');

  it('P(X > x) = e^-x across the layers, at the tail start and in the tail', () => {
    for (const x of [0.001, 0.01, 0.1, 0.3, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 7, 7.697, 8, 9]) {
      let above = 0;
      for (let i = 0; i < N; i++) if (xs[i]! > x) above++;
      const p = Math.exp(-x);
      expect(Math.abs(above / N - p), `P(X > ${x})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-12);
    }
  });

  it('passes a Kolmogorov-Smirnov test against 1 - e^-x', () => {
    const sorted = Float64Array.from(xs).sort();
    let d = 0;
    for (let i = 0; i < N; i++) {
      const f = 1 - Math.exp(-sorted[i]!);
      d = Math.max(d, Math.abs(f - i / N), Math.abs(f - (i + 1) / N));
    }
    expect(d * Math.sqrt(N)).toBeLessThan(1.95);
  });

  it('takes one uniform for nearly every draw and is never negative', () => {
    let uniforms = 0;
    const rs = RandomStream.derive(2026, 'test/ziggurat/count', 0);
    const counted = (s: RandomStream): number => {
      uniforms++;
      return s.random();
    };
    for (let i = 0; i < 100_000; i++) expect(standardExponential(counted(rs), counted, rs, 0)).toBeGreaterThanOrEqual(0);
    expect(uniforms / 100_000).toBeLessThan(1.05);
  });

  it('gives the tail beyond the bottom layer from a uniform near 1', () => {
    // Layer 0 (low 8 bits 0) at the last position lies beyond the base rectangle: the tail, then 7.697 - ln(1 - u).
    const seq = [(2 ** 24 - 1) * 256 / 2 ** 32, 0.5];
    let k = 0;
    const x = standardExponential(seq[k++]!, () => seq[k++]!, null, 0);
    expect(k).toBe(2);
    expect(x).toBeCloseTo(7.697117470131487 + Math.log(2), 12);
  });
});

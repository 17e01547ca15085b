import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/random/random-stream.js';

// Tolerances come from the sample size. For n independent draws with variance s2 and fourth central
// moment m4, the sample mean has standard error sqrt(s2 / n), and the sample variance (divisor n - 1)
// has standard error sqrt((m4 - s2^2 (n - 3) / (n - 1)) / n). Each check allows 5 standard errors, so a
// correct sampler fails it with probability below 1e-6 (normal tails); seeds are fixed, so runs repeat.
const N = 200_000;
const Z = 5;

interface Moments {
  mean: number;
  variance: number;
  /** Fourth central moment. */
  m4: number;
}

function fromRawMoments(r1: number, r2: number, r3: number, r4: number): Moments {
  return {
    mean: r1,
    variance: r2 - r1 * r1,
    m4: r4 - 4 * r1 * r3 + 6 * r1 * r1 * r2 - 3 * r1 ** 4,
  };
}

function expectMoments(label: string, draw: () => number, expected: Moments, n = N): void {
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i <= n; i++) {
    const x = draw();
    const delta = x - mean;
    mean += delta / i;
    m2 += delta * (x - mean);
  }
  const variance = m2 / (n - 1);
  const seMean = Math.sqrt(expected.variance / n);
  const seVariance = Math.sqrt((expected.m4 - (expected.variance ** 2 * (n - 3)) / (n - 1)) / n);
  expect(Math.abs(mean - expected.mean), `${label}: mean ${mean} vs ${expected.mean}`).toBeLessThanOrEqual(Z * seMean);
  expect(Math.abs(variance - expected.variance), `${label}: variance ${variance} vs ${expected.variance}`).toBeLessThanOrEqual(
    Z * seVariance,
  );
}

/** log Γ(x) for x > 0 (Lanczos, g = 7), accurate to ~1e-15 relative. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Pearson's chi-square test of draws against a pmf, tails pooled so each cell expects >= 20 draws.
 * Fails when the statistic exceeds the 1 - 1e-6 quantile (Wilson–Hilferty approximation).
 */
function expectPmf(label: string, draw: () => number, logPmf: (k: number) => number, lo: number, hi: number, n = N): void {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = draw();
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const fractional = [...counts.keys()].filter((k) => !Number.isInteger(k));
  expect(fractional, `${label}: draws that are not integers`).toEqual([]);
  const cells: { expected: number; observed: number }[] = [];
  let pending = { expected: 0, observed: 0 };
  let total = 0;
  for (let k = lo; k <= hi; k++) {
    const e = n * Math.exp(logPmf(k));
    total += e;
    pending.expected += e;
    pending.observed += counts.get(k) ?? 0;
    if (pending.expected >= 20) {
      cells.push(pending);
      pending = { expected: 0, observed: 0 };
    }
  }
  let outside = 0;
  for (const [k, c] of counts) if (k < lo || k > hi) outside += c;
  pending.expected += n - total;
  pending.observed += outside;
  cells.push(pending);
  const chi2 = cells.reduce((s, c) => s + (c.observed - c.expected) ** 2 / c.expected, 0);
  const df = cells.length - 1;
  const z = 4.753; // upper 1e-6 normal quantile
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  expect(chi2, `${label}: chi-square ${chi2.toFixed(1)} on ${df} df`).toBeLessThanOrEqual(critical);
}

const binomialLogPmf = (n: number, p: number) => (k: number) =>
  logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
const poissonLogPmf = (mean: number) => (k: number) => -mean + k * Math.log(mean) - logGamma(k + 1);

const stream = (name: string) => RandomStream.derive(2026, `test/${name}`, 0);

describe('RandomStream samplers match their distributions (mean and variance within 5 standard errors)', () => {
  it('uniform(2, 5)', () => {
    const s = stream('uniform');
    expectMoments('uniform', () => s.uniform(2, 5), { mean: 3.5, variance: 9 / 12, m4: 81 / 80 });
  });

  it('exponential(rate 0.5 per day) has mean 2 days', () => {
    const s = stream('exponential');
    expectMoments('exponential', () => s.exponential(0.5), { mean: 2, variance: 4, m4: 9 * 16 });
    expect(s.exponential(0)).toBe(Infinity);
  });

  it('normal(10, 3)', () => {
    const s = stream('normal');
    expectMoments('normal', () => s.normal(10, 3), { mean: 10, variance: 9, m4: 3 * 81 });
  });

  it('Poisson with small and large means', () => {
    for (const mean of [0.3, 3.2, 29.5, 30, 250, 1e5]) {
      const s = stream(`poisson-${mean}`);
      expectMoments(`poisson(${mean})`, () => s.poisson(mean), { mean, variance: mean, m4: mean * (1 + 3 * mean) });
    }
  });

  it('binomial with small and large n, either side of p = 0.5', () => {
    const cases: [number, number][] = [
      [20, 0.3],
      [40, 0.9],
      [200, 0.02],
      [1000, 0.3],
      [5000, 0.75],
      [1e9, 0.5],
      [2e6, 1e-5],
    ];
    for (const [n, p] of cases) {
      const s = stream(`binomial-${n}-${p}`);
      const v = n * p * (1 - p);
      const pq = p * (1 - p);
      expectMoments(`binomial(${n}, ${p})`, () => s.binomial(n, p), { mean: n * p, variance: v, m4: v * (1 - 6 * pq) + 3 * v * v });
    }
  });

  it('Weibull(shape 1.5, scale 2 days)', () => {
    const [k, scale] = [1.5, 2];
    const raw = (r: number) => scale ** r * Math.exp(logGamma(1 + r / k));
    const s = stream('weibull');
    expectMoments('weibull', () => s.weibull(k, scale), fromRawMoments(raw(1), raw(2), raw(3), raw(4)));
  });

  it('lognormal(mu 0.5, sigma 0.4)', () => {
    const [mu, sigma] = [0.5, 0.4];
    const raw = (r: number) => Math.exp(r * mu + (r * r * sigma * sigma) / 2);
    const s = stream('lognormal');
    expectMoments('lognormal', () => s.lognormal(mu, sigma), fromRawMoments(raw(1), raw(2), raw(3), raw(4)));
  });

  it('categorical frequencies are proportional to the weights and zero weights are never drawn', () => {
    const weights = [1, 2, 3, 0, 4];
    const total = 10;
    const s = stream('categorical');
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < N; i++) counts[s.categorical(weights)]!++;
    weights.forEach((w, i) => {
      const p = w / total;
      // Each count is Binomial(N, p): standard error sqrt(N p (1 - p)).
      expect(Math.abs(counts[i]! - N * p)).toBeLessThanOrEqual(Z * Math.sqrt(N * p * (1 - p)));
    });
    expect(counts[3]).toBe(0);
    expect(s.categorical([0, 0])).toBe(-1);
  });

  it('integer(min, max) covers the inclusive range uniformly', () => {
    const s = stream('integer');
    // Uniform on {1..6}: mean 3.5, variance 35/12, fourth central moment 707/48.
    expectMoments('integer', () => s.integer(1, 6), { mean: 3.5, variance: 35 / 12, m4: 707 / 48 });
  });
});

describe('RandomStream discrete samplers match the exact pmf (chi-square, p < 1e-6 to fail)', () => {
  it('binomial(1000, 0.3) by BTRS', () => {
    const s = stream('btrs-pmf');
    expectPmf('binomial(1000, 0.3)', () => s.binomial(1000, 0.3), binomialLogPmf(1000, 0.3), 200, 400);
  });

  it('binomial(60, 0.1) by inversion, binomial(60, 0.2) by BTRS and binomial(80, 0.85) by symmetry', () => {
    const a = stream('inv-pmf');
    expectPmf('binomial(60, 0.1)', () => a.binomial(60, 0.1), binomialLogPmf(60, 0.1), 0, 60);
    const c = stream('btrs-small-pmf');
    expectPmf('binomial(60, 0.2)', () => c.binomial(60, 0.2), binomialLogPmf(60, 0.2), 0, 60);
    const b = stream('sym-pmf');
    expectPmf('binomial(80, 0.85)', () => b.binomial(80, 0.85), binomialLogPmf(80, 0.85), 0, 80);
  });

  it('Poisson(4.5) by inversion and Poisson(400) by PTRS', () => {
    const a = stream('poisson-inv-pmf');
    expectPmf('poisson(4.5)', () => a.poisson(4.5), poissonLogPmf(4.5), 0, 40);
    const b = stream('poisson-ptrs-pmf');
    expectPmf('poisson(400)', () => b.poisson(400), poissonLogPmf(400), 300, 500);
  });

  it('samplers reject NaN parameters instead of looping or returning NaN', () => {
    const s = stream('nan-errors');
    expect(() => s.poisson(NaN)).toThrow(RangeError);
    expect(() => s.poisson(Infinity)).toThrow(RangeError);
    expect(() => s.exponential(NaN)).toThrow(RangeError);
    expect(() => s.weibull(0, 1)).toThrow(RangeError);
    expect(s.poisson(0)).toBe(0);
  });

  it('binomial rejects a fractional n or p outside [0, 1]', () => {
    const s = stream('binomial-errors');
    expect(() => s.binomial(2.5, 0.5)).toThrow(RangeError);
    expect(() => s.binomial(10, 1.5)).toThrow(RangeError);
    expect(s.binomial(10, 0)).toBe(0);
    expect(s.binomial(10, 1)).toBe(10);
  });
});

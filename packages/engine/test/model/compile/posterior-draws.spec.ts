import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { drawDirichlet, drawGamma, POSTERIOR_STREAMS, replicationModel } from '../../../src/model/compile/posterior-draws.js';
import { hazardCell } from '../../../src/model/domain/cells.js';
import { PLACEMENT_CATEGORIES } from '../../../src/model/domain/ids.js';
import { AGE_BANDS } from '../../../src/model/domain/age-bands.js';
import type { ModelParameters } from '../../../src/model/parameters.js';
import { ParameterError } from '../../../src/model/parameter-error.js';
import { withoutParameterUncertainty } from '../../../src/model/uncertainty.js';
import { RandomStream } from '../../../src/random/random-stream.js';
import { gammaVariate } from '../../../src/random/gamma.js';
import { studentTQuantile } from '../../../src/results/student-t.js';
import { DAYS_PER_YEAR } from '../../../src/model/dates.js';
import { midSizeAuthority } from '../fixtures.js';

// Posterior draws against closed-form moments: Gamma(k, 1) has mean k and variance k; a rate drawn as
// perYear·G/shape has mean perYear and variance perYear²/shape (= shape/rate², the stated Gamma's, when
// shape/rate = perYear); Dirichlet(alpha) has mean alpha_i/A and variance alpha_i(A - alpha_i)/(A²(A + 1)).

const N = 20_000;

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe('gammaVariate', () => {
  it.each([0.3, 1, 2.5, 30])('Gamma(%s, 1) has mean and variance equal to its shape', (k) => {
    const rs = RandomStream.derive(11, `gamma-${k}`, 0);
    const xs = Array.from({ length: N }, () => gammaVariate(rs, k));
    const { mean, variance } = moments(xs);
    // Standard errors of the sample mean and variance: sqrt(k / N) and sqrt((mu4 - k²) / N), mu4 = 3k² + 6k.
    expect(Math.abs(mean - k)).toBeLessThan(4 * Math.sqrt(k / N));
    expect(Math.abs(variance - k)).toBeLessThan(5 * Math.sqrt((2 * k * k + 6 * k) / N));
    expect(xs.every((x) => x > 0)).toBe(true);
  });
});

describe('drawGamma and drawDirichlet', () => {
  it('a hazard drawn from Gamma(shape, rate) has the stated mean and variance', () => {
    const shape = 12.5;
    const rate = 40; // child-years: mean 0.3125 per child-year
    const rs = RandomStream.derive(3, 'g', 0);
    const xs = Array.from({ length: N }, () => drawGamma(rs, shape / rate, shape));
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - shape / rate)).toBeLessThan(4 * Math.sqrt(shape / rate ** 2 / N));
    expect(variance / (shape / rate ** 2)).toBeGreaterThan(0.95);
    expect(variance / (shape / rate ** 2)).toBeLessThan(1.05);
  });

  it('shares drawn from Dirichlet(alpha) have its means, variances and a negative covariance', () => {
    const alpha = [30, 12, 3, 0.8];
    const A = alpha.reduce((a, b) => a + b, 0);
    const draw = { keys: ['a', 'b', 'c', 'd'], weights: alpha.map((a) => a / A), alpha };
    const rs = RandomStream.derive(Number(process.env.CARECAST_TEST_SEED ?? 5), 'd', 0);
    const xs = Array.from({ length: N }, () => drawDirichlet(rs, draw));
    // Nine two-sided checks (four means, four variances, one covariance), each at z standard errors of
    // its estimate, z sized so that correct draws fail one run in 1,000 at most (Bonferroni: 0.001/18 in
    // each tail, z = 3.87). Share i is Beta(a, b), a = alpha_i, b = A - alpha_i: the sample variance's
    // standard error is v·sqrt(kurtosis excess/N + 2/(N - 1)), large for small a (alpha 0.8: excess 7.2,
    // 0.021 v at N = 20,000, so the former fixed ±0.06 was 2.8 standard errors and failed about 1 seed
    // in 200); the covariance's is the plug-in sqrt(Var((a - ma)(b - mb))/N).
    const z = studentTQuantile(1 - 0.001 / 18, 1e9);
    draw.keys.forEach((k, i) => {
      const { mean, variance } = moments(xs.map((x) => x[k]!));
      const a = alpha[i]!;
      const b = A - a;
      const v = (a * b) / (A * A * (A + 1));
      const excess = (6 * ((a - b) ** 2 * (A + 1) - a * b * (A + 2))) / (a * b * (A + 2) * (A + 3));
      expect(Math.abs(mean - a / A)).toBeLessThan(z * Math.sqrt(v / N));
      expect(Math.abs(variance / v - 1), `share ${k}`).toBeLessThan(z * Math.sqrt(excess / N + 2 / (N - 1)));
    });
    const ma = moments(xs.map((x) => x['a']!)).mean;
    const mb = moments(xs.map((x) => x['b']!)).mean;
    const products = moments(xs.map((x) => (x['a']! - ma) * (x['b']! - mb)));
    const expected = (-alpha[0]! * alpha[1]!) / (A * A * (A + 1));
    expect(Math.abs(products.mean - expected)).toBeLessThan(z * Math.sqrt(products.variance / N));
    expect(xs.every((x) => Math.abs(Object.values(x).reduce((a, b) => a + b, 0) - 1) < 1e-12)).toBe(true);
  });
});

/** midSizeAuthority with a posterior on every hazard row (shape `shape`) and on the entries and first placements. */
function uncertain(shape: number, p: ModelParameters = midSizeAuthority(2)): ModelParameters {
  const entries: Record<string, { shape: number; rate: number }> = {};
  for (const [b, v] of Object.entries(p.entries.perYear)) if (v && v > 0) entries[b] = { shape: shape * 4, rate: (shape * 4) / v };
  return {
    ...p,
    transitions: { ...p.transitions, rates: p.transitions.rates.map((r) => ({ ...r, uncertainty: { shape, rate: shape / r.perYear } })) },
    uncertainty: { entries: { perYear: entries } },
  };
}

describe('replicationModel', () => {
  it('returns the model itself without uncertainty, so results are unchanged', () => {
    const m = compileModel(midSizeAuthority(1));
    expect(replicationModel(m, 1, 0)).toBe(m);
    const stripped = withoutParameterUncertainty(uncertain(10));
    expect(JSON.stringify(stripped)).toBe(JSON.stringify(midSizeAuthority(2)));
  });

  it('draws each replication\'s hazard from the row\'s Gamma: mean and variance over replications', () => {
    const shape = 8;
    const p = uncertain(shape);
    const row = p.transitions.rates.findIndex((r) => r.from === 'ifa_foster' && 'category' in r.to && r.ageBands === undefined && r.uasc === undefined);
    expect(row).toBeGreaterThanOrEqual(0);
    const r0 = p.transitions.rates[row]!;
    // A child's cell whose hazard to this row's target only this row gives.
    const target = 'category' in r0.to ? PLACEMENT_CATEGORIES.indexOf(r0.to.category) : -1;
    const others = p.transitions.rates.filter((r, i) => i !== row && r.from === r0.from && JSON.stringify(r.to) === JSON.stringify(r0.to));
    expect(target >= 0 && others.length === 0).toBe(true);
    const m = compileModel(p);
    const cell = hazardCell(0, PLACEMENT_CATEGORIES.indexOf(r0.from), AGE_BANDS.indexOf('10-15'), 0, m.durationBandCount);
    const xs: number[] = [];
    for (let r = 0; r < 2000; r++) {
      const t = replicationModel(m, 7, r).hazardTables[0]!;
      for (let i = t.start[cell]!; i < t.start[cell + 1]!; i++) if (t.target[i] === target) xs.push(t.rate[i]! * DAYS_PER_YEAR);
    }
    expect(xs).toHaveLength(2000);
    const { mean, variance } = moments(xs);
    const v = (r0.perYear * r0.perYear) / shape;
    expect(Math.abs(mean - r0.perYear)).toBeLessThan(4 * Math.sqrt(v / xs.length));
    expect(variance / v).toBeGreaterThan(0.85);
    expect(variance / v).toBeLessThan(1.15);
  });

  it('is the same for the same seed and replication and differs between replications', () => {
    const m = compileModel(uncertain(5));
    const a = replicationModel(m, 3, 4);
    const b = replicationModel(compileModel(uncertain(5)), 3, 4);
    expect(Array.from(a.hazardTables[0]!.rate)).toEqual(Array.from(b.hazardTables[0]!.rate));
    expect(Array.from(a.epochs[0]!.entryPerDay)).toEqual(Array.from(b.epochs[0]!.entryPerDay));
    const c = replicationModel(m, 3, 5);
    expect(Array.from(a.hazardTables[0]!.rate)).not.toEqual(Array.from(c.hazardTables[0]!.rate));
  });

  it('draws replication r under seed s from the stream (s, posterior-hazards, r), whatever seeds and replications ran before', () => {
    // One uncertain row: its hazard is the first draw of the hazards stream, computed here from the stream's name.
    const p = midSizeAuthority(2);
    const row = p.transitions.rates.findIndex((r) => r.from === 'ifa_foster' && 'category' in r.to && r.ageBands === undefined && r.uasc === undefined);
    const r0 = p.transitions.rates[row]!;
    const shape = 6;
    const one: ModelParameters = { ...p, transitions: { ...p.transitions, rates: p.transitions.rates.map((r, i) => (i === row ? { ...r, uncertainty: { shape, rate: shape / r.perYear } } : r)) } };
    const m = compileModel(one);
    const target = 'category' in r0.to ? PLACEMENT_CATEGORIES.indexOf(r0.to.category) : -1;
    const cell = hazardCell(0, PLACEMENT_CATEGORIES.indexOf(r0.from), AGE_BANDS.indexOf('10-15'), 0, m.durationBandCount);
    const drawn = (seed: number, rep: number) => {
      const t = replicationModel(m, seed, rep).hazardTables[0]!;
      for (let i = t.start[cell]!; i < t.start[cell + 1]!; i++) if (t.target[i] === target) return t.rate[i]! * DAYS_PER_YEAR;
      return Number.NaN;
    };
    for (const [seed, rep] of [[7, 3], [8, 3], [7, 4], [0, 0], [8, 3], ['7', 3]] as const) {
      const expected = drawGamma(RandomStream.derive(seed, POSTERIOR_STREAMS.hazards, rep), r0.perYear, shape);
      expect(drawn(Number(seed), rep) / expected).toBeCloseTo(1, 12);
    }
  });

  it('levers act on the drawn rates: a hazard modifier multiplies each replication\'s own draw', () => {
    const p = uncertain(6);
    const lever: ModelParameters = { ...p, modifiers: [{ kind: 'hazard', from: '2025-04-01', fromCategories: ['ifa_foster'], effect: { multiply: 0.5 } }] };
    const m = compileModel(p);
    const base = replicationModel(m, 9, 2).hazardTables[0]!;
    const half = replicationModel(compileModel(lever), 9, 2).hazardTables[0]!;
    const cell = hazardCell(0, PLACEMENT_CATEGORIES.indexOf('ifa_foster'), AGE_BANDS.indexOf('5-9'), 0, m.durationBandCount);
    expect(half.total[cell]! / base.total[cell]!).toBeCloseTo(0.5, 12);
    // The draw differs from the written rates (so the lever acted on a draw, not on the rates as written).
    expect(base.total[cell]! / m.hazardTables[0]!.total[cell]!).not.toBeCloseTo(1, 3);
  });
});

describe('checks', () => {
  const bad = (p: ModelParameters, path: string) => {
    let err: unknown;
    try {
      compileModel(p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParameterError);
    expect((err as ParameterError).path).toBe(path);
  };
  it('refuses a negative shape, a mean far from the rate, and concentrations that miss a share', () => {
    const p = uncertain(5);
    const rows = p.transitions.rates.map((r, i) => (i === 2 ? { ...r, uncertainty: { shape: -1, rate: 3 } } : r));
    bad({ ...p, transitions: { ...p.transitions, rates: rows } }, 'transitions.rates[2].uncertainty.shape');
    const far = p.transitions.rates.map((r, i) => (i === 1 ? { ...r, uncertainty: { shape: 10, rate: 10 / (2 * r.perYear) } } : r));
    bad({ ...p, transitions: { ...p.transitions, rates: far } }, 'transitions.rates[1].uncertainty');
    bad({ ...p, uncertainty: { entries: { routeShares: { care_proceedings: 10 } } } }, 'uncertainty.entries.routeShares');
    bad({ ...p, uncertainty: { entries: { routeShares: { care_proceedings: 10, section20: 5, other: 20 } } } }, 'uncertainty.entries.routeShares.care_proceedings');
    bad({ ...p, uncertainty: { entries: { routeShares: { care_proceedings: 10, section20: 5, other: 2, unknown: 1 } as never } } }, 'uncertainty.entries.routeShares.unknown');
  });
});

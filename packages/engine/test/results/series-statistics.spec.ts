import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntHistogram } from '../../src/results/histogram.js';
import { replicationStatistics } from '../../src/results/replication-statistics.js';
import { SeriesStatistics } from '../../src/results/series-statistics.js';
import { StreamingStatistics } from '../../src/results/streaming-statistics.js';
import { studentTQuantile } from '../../src/results/student-t.js';

const MONTHS = 4;

/** Replications of a series (undefined: never recorded), added one after another after `zeros` zero replications. */
function added(reps: readonly (number[] | undefined)[], zeros: number): SeriesStatistics {
  const s = new SeriesStatistics(MONTHS, zeros);
  for (const v of reps) s.addReplication(v === undefined ? undefined : Float64Array.from(v));
  return s;
}

const monthOf = (reps: readonly (number[] | undefined)[], d: number, zeros: number): number[] => [
  ...Array.from({ length: zeros }, () => 0),
  ...reps.map((v) => (v === undefined ? 0 : v[d]!)),
];

// Whole numbers mostly, with a few wide jumps (so slots re-centre and widen) and sometimes costs.
const value = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -30, max: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5000, max: 100_000 }) },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
);
// A replication's months: any values, zero in every month (counted, not added, until the next that is not), or zeros of either sign.
const months = fc.oneof(
  { weight: 6, arbitrary: fc.array(value, { minLength: MONTHS, maxLength: MONTHS }) },
  { weight: 2, arbitrary: fc.constant(Array.from({ length: MONTHS }, () => 0)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(0, -0), { minLength: MONTHS, maxLength: MONTHS }) },
);
const replications = fc.array(fc.option(months, { nil: undefined, freq: 6 }), { minLength: 1, maxLength: 120 });

describe('statistics of a series, a replication at a time', () => {
  it('identical to StreamingStatistics fed one value at a time, whatever the leading zeros', () => {
    fc.assert(
      fc.property(replications, fc.integer({ min: 0, max: 3 }), (reps, zeros) => {
        const s = added(reps, zeros);
        for (let d = 0; d < MONTHS; d++) {
          const one = new StreamingStatistics();
          for (const v of monthOf(reps, d, zeros)) one.add(v);
          expect(s.statistics(d)).toEqual(one.statistics());
        }
      }),
    );
  });

  it('whole numbers: mean and quantiles identical to replicationStatistics (sorting every value)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: MONTHS, maxLength: MONTHS }), { nil: undefined }), { minLength: 1, maxLength: 200 }), (reps) => {
        const s = added(reps, 0);
        for (let d = 0; d < MONTHS; d++) {
          const a = s.statistics(d);
          const b = replicationStatistics(Float64Array.from(monthOf(reps, d, 0)));
          expect([a.mean, a.p05, a.p25, a.p50, a.p75, a.p95]).toEqual([b.mean, b.p05, b.p25, b.p50, b.p75, b.p95]);
        }
      }),
    );
  });

  it('a known case: months drifting apart and a month turning into costs', () => {
    const s = new SeriesStatistics(2);
    for (const v of [[1, 1000], [2, 1001], [3, -5000], undefined, [4, 0.5]]) s.addReplication(v && Float64Array.from(v));
    expect(s.statistics(0)).toMatchObject({ mean: 2, p50: 2, p05: 0.2 });
    expect(s.statistics(1).mean).toBe((1000 + 1001 - 5000 + 0 + 0.5) / 5);
  });
});

describe('sum of squared deviations of whole numbers', () => {
  it('exact beyond 2^52 (n Σx² too large for doubles): the closed form in BigInt', () => {
    const xs = [2 ** 27 + 5, 2 ** 27, 2 ** 27 + 1000, 2 ** 27 - 77, 2 ** 27 + 3, 2 ** 27 + 1];
    const s = new SeriesStatistics(1);
    for (const x of xs) s.addReplication([x]);
    const n = BigInt(xs.length);
    const sum = xs.reduce((a, x) => a + BigInt(x), 0n);
    const sum2 = xs.reduce((a, x) => a + BigInt(x) * BigInt(x), 0n);
    const ss = Number(n * sum2 - sum * sum) / xs.length;
    const { mean, ci95_high } = s.statistics(0);
    expect(xs.length * xs.reduce((a, x) => a + x * x, 0)).toBeGreaterThan(2 ** 52);
    expect(ci95_high).toBe(mean + (studentTQuantile(0.975, xs.length - 1) * Math.sqrt(ss / (xs.length - 1))) / Math.sqrt(xs.length));
  });

  it('a month spread wider than the shared array keeps a histogram of its own: the same statistics', () => {
    const xs = [0, 100_000, -30_000, 5, 5, 70_000];
    const s = new SeriesStatistics(2);
    xs.forEach((x, i) => s.addReplication([x, i < 2 ? 1 : 2]));
    const b = replicationStatistics(Float64Array.from(xs));
    const a = s.statistics(0);
    expect([a.mean, a.p05, a.p25, a.p50, a.p75, a.p95]).toEqual([b.mean, b.p05, b.p25, b.p50, b.p75, b.p95]);
    expect(s.statistics(1).p50).toBe(2);
  });
});

describe('order statistics of a histogram in one pass', () => {
  it('the k-th smallest values of the sorted list, for any non-decreasing ks, ties included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), fc.array(fc.nat(), { maxLength: 12 }), (values, picks) => {
        const h = new IntHistogram();
        for (const v of values) h.add(v);
        const sorted = [...values].sort((a, b) => a - b);
        const ks = picks.map((p) => p % values.length).sort((a, b) => a - b);
        const out = new Float64Array(ks.length);
        h.orderStatistics(ks, out);
        expect([...out]).toEqual(ks.map((k) => sorted[k]));
      }),
    );
    const h = new IntHistogram();
    h.add(3);
    expect(() => h.orderStatistics([0, 1], new Float64Array(2))).toThrow(RangeError);
  });

  it('two lists of ks at once give what each gives alone', () => {
    const pick = (picks: number[], n: number) => picks.map((p) => p % n).sort((a, b) => a - b);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), fc.array(fc.nat(), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), (values, a, b) => {
        const h = new IntHistogram();
        for (const v of values) h.add(v);
        const [ks1, ks2] = [pick(a, values.length), pick(b, values.length)];
        const [one1, one2, two1, two2] = [ks1, ks2, ks1, ks2].map((ks) => new Float64Array(ks.length)) as [Float64Array, Float64Array, Float64Array, Float64Array];
        h.orderStatistics(ks1, one1);
        h.orderStatistics(ks2, one2);
        h.orderStatisticsOfTwo(ks1, two1, ks2, two2);
        expect([[...two1], [...two2]]).toEqual([[...one1], [...one2]]);
      }),
    );
    const h = new IntHistogram();
    h.add(3);
    expect(() => h.orderStatisticsOfTwo([0], new Float64Array(1), [0, 1], new Float64Array(2))).toThrow(RangeError);
  });
});

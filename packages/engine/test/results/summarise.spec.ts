import { describe, expect, it } from 'vitest';
import { assembleRun, type ReplicationSeries } from '../../src/montecarlo/assemble.js';
import { quantileSorted } from 'd3-array';
import fc from 'fast-check';
import { quantilesR7, replicationStatistics } from '../../src/results/replication-statistics.js';
import { studentTQuantile } from '../../src/results/student-t.js';
import { summarise, summariseDifference } from '../../src/results/summarise.js';

const dates = ['2025-04-01', '2025-04-30', '2025-05-31'];
const rep = (series: Record<string, number[]>, eventsFired = 1): ReplicationSeries => ({
  dates,
  series: Object.fromEntries(Object.entries(series).map(([k, v]) => [k, Float64Array.from(v)])),
  eventsFired,
});

describe('replicationStatistics', () => {
  it('computes the mean, R-7 quantiles and the Student-t interval by hand', () => {
    const s = replicationStatistics([4, 1, 3, 2, 10]);
    expect(s.mean).toBe(4);
    // sorted 1,2,3,4,10; position (n-1)p = 4p.
    expect(s.p05).toBeCloseTo(1 + 0.2 * (2 - 1), 12);
    expect(s.p25).toBe(2);
    expect(s.p50).toBe(3);
    expect(s.p75).toBe(4);
    expect(s.p95).toBeCloseTo(4 + 0.8 * (10 - 4), 12);
    const sd = Math.sqrt((0 + 9 + 1 + 4 + 36) / 4);
    const half = (studentTQuantile(0.975, 4) * sd) / Math.sqrt(5);
    expect(s.ci95_low).toBeCloseTo(4 - half, 12);
    expect(s.ci95_high).toBeCloseTo(4 + half, 12);
  });

  it('quantilesR7 by selection equals d3 quantileSorted of the sorted values, ties included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 700 }), (xs) => {
        const sorted = Float64Array.from(xs).sort() as unknown as number[];
        const ps = [0.05, 0.25, 0.5, 0.75, 0.95];
        expect(quantilesR7(Float64Array.from(xs), ps)).toEqual(ps.map((p) => quantileSorted(sorted, p)));
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('one replication: every statistic is its value (a zero written -0 reads 0, as a sum from 0 makes it)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 0, 2 ** 53, -(2 ** 60))), (v) => {
        const s = replicationStatistics(Float64Array.of(v));
        const read = 0 + v;
        for (const k of ['mean', 'p05', 'p25', 'p50', 'p75', 'p95', 'ci95_low', 'ci95_high'] as const) expect(Object.is(s[k], read)).toBe(true);
      }),
    );
  });

  it('collapses the interval to the mean with one replication', () => {
    const s = replicationStatistics([7.5]);
    expect([s.mean, s.p05, s.p50, s.p95, s.ci95_low, s.ci95_high]).toEqual([7.5, 7.5, 7.5, 7.5, 7.5, 7.5]);
  });
});

describe('summarise', () => {
  const run = assembleRun(
    [
      rep({ 'in_care|total': [10, 11, 12], 'entries|total': [0, 2, 3], 'exits|total': [0, 1, 2] }, 5),
      rep({ 'in_care|total': [10, 13, 12], 'entries|total': [0, 4, 1], 'exits|total': [0, 1, 2], 'moves|ifa_foster->other': [0, 1, 0] }, 7),
    ],
    1,
    [],
  );

  it('takes the union of keys, with zeros where a replication lacks a key', () => {
    expect(run.keys).toEqual(['in_care|total', 'entries|total', 'exits|total', 'moves|ifa_foster->other']);
    expect([...run.values.get('moves|ifa_foster->other')![0]!]).toEqual([0, 0, 0]);
    expect(run.eventsFired).toBe(12);
  });

  it('writes stocks from start and flows from the first month end, ordered by metric, category, date', () => {
    const rows = summarise(run);
    expect(rows.map((r) => `${r.metric}|${r.category}|${r.date}`)).toEqual([
      'in_care|total|2025-04-01',
      'in_care|total|2025-04-30',
      'in_care|total|2025-05-31',
      'entries|total|2025-04-30',
      'entries|total|2025-05-31',
      'exits|total|2025-04-30',
      'exits|total|2025-05-31',
      'moves|ifa_foster->other|2025-04-30',
      'moves|ifa_foster->other|2025-05-31',
    ]);
    const april = rows.find((r) => r.metric === 'in_care' && r.date === '2025-04-30')!;
    expect(april.mean).toBe(12);
    expect(april.p50).toBe(12);
    expect(april.p05).toBeCloseTo(11.1, 12);
    expect(rows.every((r) => r.scenario === undefined && r.delta === undefined)).toBe(true);
  });

  it('orders categories by id order with total last and moves by both ends', () => {
    const r = assembleRun(
      [
        rep({
          'in_care|total': [1, 1, 1],
          'in_care|other': [1, 1, 1],
          'in_care|kinship_foster': [0, 0, 0],
          'exits|other': [0, 0, 0],
          'exits|reunification': [0, 0, 0],
          'moves|other->kinship_foster': [0, 0, 0],
          'moves|kinship_foster->other': [0, 0, 0],
          'moves|kinship_foster->ifa_foster': [0, 0, 0],
        }),
      ],
      1,
      [],
    );
    expect(r.keys).toEqual([
      'in_care|kinship_foster',
      'in_care|other',
      'in_care|total',
      'exits|reunification',
      'exits|other',
      'moves|kinship_foster->ifa_foster',
      'moves|kinship_foster->other',
      'moves|other->kinship_foster',
    ]);
  });

  it('rejects a key whose metric is not in docs/contract.md', () => {
    expect(() => assembleRun([rep({ 'bogus|total': [0, 0, 0] })], 1, [])).toThrow(/bogus\|total/);
  });
});

describe('summariseDifference', () => {
  it('summarises scenario minus baseline replication by replication', () => {
    const base = assembleRun([rep({ 'in_care|total': [10, 11, 12] }), rep({ 'in_care|total': [10, 15, 20] })], 1, []);
    const scen = assembleRun(
      [rep({ 'in_care|total': [10, 10, 10], 'waiting|total': [0, 1, 1] }), rep({ 'in_care|total': [10, 13, 17] })],
      1,
      [],
    );
    const rows = summariseDifference(base, scen, 'More carers');
    const dec = rows.filter((r) => r.metric === 'in_care');
    expect(dec.map((r) => r.mean)).toEqual([0, -1.5, -2.5]);
    // Differences at the last date are -2 and -3: the paired interval uses their spread only.
    const half = (studentTQuantile(0.975, 1) * Math.SQRT1_2) / Math.SQRT2;
    expect(dec[2]!.ci95_high).toBeCloseTo(-2.5 + half, 12);
    expect(rows.every((r) => r.scenario === 'More carers' && r.delta === true)).toBe(true);
    expect(rows.filter((r) => r.metric === 'waiting').map((r) => r.mean)).toEqual([0, 0.5, 0.5]);
  });

  it('refuses runs with different replication counts', () => {
    const a = assembleRun([rep({ 'in_care|total': [1, 1, 1] })], 1, []);
    const b = assembleRun([rep({ 'in_care|total': [1, 1, 1] }), rep({ 'in_care|total': [1, 1, 1] })], 1, []);
    expect(() => summariseDifference(a, b, 'x')).toThrow(/equal counts/);
  });
});

import fc from 'fast-check';
import { quantileSorted } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { simulate, simulateSummary } from '../../src/montecarlo/simulate.js';
import { SummaryAccumulator, type SummarisedRun } from '../../src/montecarlo/summary-accumulator.js';
import type { ReplicationSeries } from '../../src/montecarlo/assemble.js';
import { replicationStatistics } from '../../src/results/replication-statistics.js';
import { CONTINUOUS_BUCKET_WIDTH, CONTINUOUS_ZERO, StreamingStatistics } from '../../src/results/streaming-statistics.js';
import { studentTQuantile } from '../../src/results/student-t.js';
import { summarise } from '../../src/results/summarise.js';
import { mixedAuthority } from './parameters-fixture.js';

const streamed = (values: readonly number[]) => {
  const s = new StreamingStatistics();
  for (const v of values) s.add(v);
  return s.statistics();
};

describe('streaming statistics of one month over replications', () => {
  it('whole numbers: mean and quantiles identical to replicationStatistics; the interval from the exact sum of squares', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 400 }), { minLength: 1, maxLength: 300 }), (xs) => {
        const a = streamed(xs);
        const b = replicationStatistics(Float64Array.from(xs));
        expect([a.mean, a.p05, a.p25, a.p50, a.p75, a.p95]).toEqual([b.mean, b.p05, b.p25, b.p50, b.p75, b.p95]);
        // The closed form, in exact integers: half-width t s / √n with s² = (n Σx² − (Σx)²) / (n (n − 1)).
        const n = xs.length;
        if (n > 1) {
          const sum = xs.reduce((s, x) => s + x, 0);
          const sum2 = xs.reduce((s, x) => s + x * x, 0);
          const half = (studentTQuantile(0.975, n - 1) * Math.sqrt((n * sum2 - sum * sum) / n / (n - 1))) / Math.sqrt(n);
          expect(a.ci95_high - a.mean).toBeCloseTo(half, 9);
          expect(a.ci95_high - a.mean).toBeCloseTo(b.ci95_high - b.mean, 9);
        } else {
          expect(a.ci95_low).toBe(a.mean);
        }
      }),
    );
  });

  it('a known case: 1, 2, 3, 4 (sum of squares 5)', () => {
    const a = streamed([3, 1, 4, 2]);
    expect(a.mean).toBe(2.5);
    expect(a.p50).toBe(2.5);
    expect(a.p25).toBe(1.75);
    expect(a.ci95_high).toBe(2.5 + (studentTQuantile(0.975, 3) * Math.sqrt(5 / 3)) / Math.sqrt(4));
  });

  it('other values (costs): the mean in replication order is identical, quantiles within half a bucket, the interval close', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 2, maxLength: 300 }), fc.integer({ min: 0, max: 5 }), (xs, wholeFirst) => {
        // Some whole numbers (and zeros) first: the histogram turns into buckets at the first fraction.
        const values = [...Array.from({ length: wholeFirst }, (_, i) => i * 1000), ...xs];
        const a = streamed(values);
        const b = replicationStatistics(Float64Array.from(values));
        expect(a.mean).toBe(b.mean);
        const spread = Math.max(...values.map(Math.abs));
        for (const k of ['p05', 'p25', 'p50', 'p75', 'p95'] as const) {
          expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(CONTINUOUS_BUCKET_WIDTH * spread + CONTINUOUS_ZERO);
        }
        expect(a.ci95_high - a.mean).toBeCloseTo(b.ci95_high - b.mean, Math.max(0, 6 - Math.ceil(Math.log10(spread + 1))));
      }),
    );
  });

  it('other values: each quantile is exactly d3-array quantileSorted of the values\' bucket centres (negative, zero and positive)', () => {
    const step = Math.log1p(CONTINUOUS_BUCKET_WIDTH);
    const centre = (v: number): number => {
      if (Math.abs(v) < CONTINUOUS_ZERO) return 0;
      const c = Math.exp((Math.floor(Math.log(Math.abs(v)) / step) + 0.5) * step);
      return v > 0 ? c : -c;
    };
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0), fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 200 }), (xs) => {
        const values = [...xs, 0.5]; // one fraction: every value is bucketed
        const a = streamed(values);
        const sorted = values.map(centre).sort((u, v) => u - v);
        expect([a.p05, a.p25, a.p50, a.p75, a.p95]).toEqual([0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantileSorted(sorted, p)));
      }),
    );
  });
});

describe('simulateSummary: summaries as replications finish', { timeout: 120_000 }, () => {
  const params = mixedAuthority('2026-03-31');

  it('keeping the replications, rows identical to summarise(simulate(...)), whatever the workers', async () => {
    const expected = JSON.stringify(summarise(await simulate(params, { seed: 3, replications: 24, workers: 1 })));
    for (const workers of [1, 2]) {
      const run = await simulateSummary(params, { seed: 3, replications: 24, workers });
      expect(run.method).toBe('kept');
      expect(JSON.stringify(run.rows)).toBe(expected);
    }
  });

  it('streaming, the same rows (keys, dates, means, whole-number quantiles), whatever the workers and the switch-over point', async () => {
    const exact = summarise(await simulate(params, { seed: 3, replications: 40, workers: 1 }));
    const results: string[] = [];
    for (const [workers, keepBytes] of [[1, 0], [2, 0], [1, 200_000]] as const) {
      const run = await simulateSummary(params, { seed: 3, replications: 40, workers, keepBytes });
      expect(run.method).toBe('streamed');
      expect(run.rows.map((r) => `${r.metric}|${r.category}|${r.date}`)).toEqual(exact.map((r) => `${r.metric}|${r.category}|${r.date}`));
      run.rows.forEach((row, i) => {
        const e = exact[i]!;
        expect(row.mean).toBe(e.mean);
        if (row.metric !== 'cost') expect([row.p05, row.p25, row.p50, row.p75, row.p95]).toEqual([e.p05, e.p25, e.p50, e.p75, e.p95]);
        else expect(Math.abs(row.p50 - e.p50)).toBeLessThanOrEqual(CONTINUOUS_BUCKET_WIDTH * Math.abs(e.p50) + 1e-9);
        expect(row.ci95_high).toBeCloseTo(e.ci95_high, 6);
      });
      results.push(JSON.stringify(run.rows));
    }
    expect(new Set(results).size).toBe(1);
  });
});

describe('SummaryAccumulator', () => {
  const rep = (series: Record<string, number[]>): ReplicationSeries => ({
    dates: ['2025-04-01', '2025-04-30', '2025-05-31'],
    series: Object.fromEntries(Object.entries(series).map(([k, v]) => [k, Float64Array.from(v)])),
    eventsFired: 1,
  });

  it('takes replications in any order, counts a key a replication lacks as zeros, and streams like it keeps', () => {
    const reps = [rep({ 'in_care|total': [3, 4, 5] }), rep({ 'in_care|total': [3, 6, 7], 'waiting|total': [0, 2, 1] }), rep({ 'in_care|total': [3, 2, 9] })];
    const rows = (keepBytes: number) => {
      const acc = new SummaryAccumulator(3, keepBytes);
      for (const r of [2, 0, 1]) acc.put(r, reps[r]!);
      return acc.finish(1, []);
    };
    const kept = rows(1e9);
    const streamedRun = rows(0);
    expect(kept.method).toBe('kept');
    expect(streamedRun.method).toBe('streamed');
    expect(streamedRun.eventsFired).toBe(3);
    expect(streamedRun.rows.map((r) => [r.metric, r.date, r.mean, r.p50])).toEqual(kept.rows.map((r) => [r.metric, r.date, r.mean, r.p50]));
    expect(streamedRun.rows.find((r) => r.metric === 'waiting' && r.date === '2025-04-30')!.mean).toBeCloseTo(2 / 3, 15);
  });

  it('kept or streamed, every row holds its fields in the column order of results.json and summary.csv', () => {
    const reps = [rep({ 'in_care|total': [3, 4, 5], 'cost|total': [0, 1.5, 2.25] }), rep({ 'in_care|total': [3, 6, 7], 'cost|total': [0, 3.5, 1] })];
    for (const keepBytes of [1e9, 0]) {
      const acc = new SummaryAccumulator(2, keepBytes);
      reps.forEach((r, i) => acc.put(i, r));
      const run = acc.finish(1, []);
      expect(run.method).toBe(keepBytes === 0 ? 'streamed' : 'kept');
      for (const row of run.rows) expect(Object.keys(row)).toEqual(['date', 'metric', 'category', 'mean', 'p05', 'p25', 'p50', 'p75', 'p95', 'ci95_low', 'ci95_high']);
    }
  });

  it('streamed, each month exactly StreamingStatistics over replications in order, whatever keys each replication has and in what order', () => {
    const KEYS = ['in_care|total', 'waiting|total', 'cost|total'];
    const replication = fc.record({
      present: fc.subarray(KEYS),
      reversed: fc.boolean(),
      values: fc.array(fc.array(fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double({ min: 0, max: 1e5, noNaN: true })), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(replication, { minLength: 1, maxLength: 80 }), (reps) => {
        const outputs = reps.map(({ present, reversed, values }) =>
          rep(Object.fromEntries((reversed ? [...present].reverse() : present).map((key) => [key, values[KEYS.indexOf(key)]!]))),
        );
        const acc = new SummaryAccumulator(reps.length, 0);
        outputs.forEach((out, r) => acc.put(r, out));
        const run = acc.finish(1, []);
        for (const key of KEYS) {
          if (!reps.some((r) => r.present.includes(key))) continue;
          const [metric, category] = key.split('|');
          for (const [d, date] of ['2025-04-01', '2025-04-30', '2025-05-31'].entries()) {
            const row = run.rows.find((x) => x.metric === metric && x.category === category && x.date === date);
            if (metric !== 'in_care' && d === 0) continue;
            const one = new StreamingStatistics();
            for (const out of outputs) one.add(out.series[key]?.[d] ?? 0);
            expect(row).toMatchObject(one.statistics());
          }
        }
      }),
    );
  });

  it('one model\'s replications (the same series in each): streamed from the first when the run will outgrow keepBytes, the same rows as switching later', () => {
    const KEYS = ['in_care|total', 'waiting|total', 'cost|total'];
    const month = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double({ min: 0, max: 1e5, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(fc.array(month, { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 70 }), fc.nat(), (values, at) => {
        const outputs = values.map((v) => rep(Object.fromEntries(KEYS.map((key, i) => [key, v[i]!]))));
        const bytes = KEYS.length * (3 * 8 + 64);
        // Kept until replication `switchAt` (none: outputs.length), then streamed; and the same run told it has the same series throughout.
        const switchAt = at % (outputs.length + 1);
        const runOf = (sameSeries: boolean): SummarisedRun => {
          const acc = new SummaryAccumulator(outputs.length, switchAt * bytes + bytes / 2, sameSeries);
          outputs.forEach((out, r) => acc.put(r, out));
          return acc.finish(1, []);
        };
        const switched = runOf(false);
        const fromFirst = runOf(true);
        expect(switched.method).toBe(switchAt < outputs.length ? 'streamed' : 'kept');
        expect(fromFirst.method).toBe(switched.method);
        expect(JSON.stringify(fromFirst.rows)).toBe(JSON.stringify(switched.rows));
      }),
    );
  });

  it('one model\'s replications: a replication recording fewer series than the first is an error', () => {
    const acc = new SummaryAccumulator(3, 0, true);
    acc.put(0, rep({ 'in_care|total': [3, 4, 5], 'waiting|total': [0, 2, 1] }));
    expect(() => acc.put(1, rep({ 'in_care|total': [3, 6, 7] }))).toThrow(/replication 1 records .* fewer than replication 0/);
  });

  it('refuses a run with a replication missing', () => {
    const acc = new SummaryAccumulator(2, 0);
    acc.put(1, rep({ 'in_care|total': [1, 1, 1] }));
    expect(() => acc.finish(1, [])).toThrow(/0 of 2/);
  });
});

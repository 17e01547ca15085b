import { join } from 'node:path';
import { PLACEMENT_CATEGORIES } from '@carecast/engine';
import { describe, expect, it } from 'vitest';
import {
  buildSpells,
  findSsda903Files,
  readSsda903,
  returnsCoverage,
  rollingBacktest,
  rollingOrigins,
  shareableRolling,
  synthesizeRecords,
  writeSsda903,
  type SimRecords,
} from '../src/index.js';
import { writeFixture } from './helpers.js';
import { ROUND_TRIP_MODEL } from './round-trip-model.js';

/** Children in care at the end of `date` by category, counted straight from the simulated episodes (not from the returns). */
function truthOn(records: SimRecords, date: string): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries([...PLACEMENT_CATEGORIES, 'total'].map((c) => [c, 0]));
  for (const e of records.episodes) {
    if (e.start <= date && (e.end === null || e.end > date)) {
      out[e.category]!++;
      out['total']!++;
    }
  }
  return out;
}

/** The day after a 31 March origin: where its forecast starts. */
const dayAfter = (origin: string): string => `${origin.slice(0, 4)}-04-01`;

describe('rollingOrigins', () => {
  it('takes every 31 March whose window lies in the data and whose shortest horizon the data reach', () => {
    const o = rollingOrigins('2020-04-01', '2025-03-31', 2, [24, 6, 12]);
    expect(o.map((x) => x.origin)).toEqual(['2022-03-31', '2023-03-31', '2024-03-31']);
    expect(o[0]).toEqual({
      origin: '2022-03-31',
      referenceStart: '2020-04-01',
      referenceEnd: '2022-03-31',
      targets: [
        { horizonMonths: 6, date: '2022-09-30' },
        { horizonMonths: 12, date: '2023-03-31' },
        { horizonMonths: 24, date: '2024-03-31' },
      ],
    });
    expect(o[2]!.targets.map((t) => t.horizonMonths)).toEqual([6, 12]);
    // One month horizons reach a month end; with 3 reference years the first origin moves a year on.
    expect(rollingOrigins('2020-04-01', '2025-03-31', 3, [1]).map((x) => `${x.origin}>${x.targets[0]!.date}`)).toEqual(['2023-03-31>2023-04-30', '2024-03-31>2024-04-30']);
    expect(rollingOrigins('2020-04-01', '2022-03-31', 2, [6])).toEqual([]);
  });

  it('refuses horizons that are not whole months above 0 and reference years under 1', () => {
    expect(() => rollingOrigins('2020-04-01', '2025-03-31', 2, [0])).toThrow(/horizons: expected whole months above 0.*got 0/);
    expect(() => rollingOrigins('2020-04-01', '2025-03-31', 2, [6, -12])).toThrow(/got -12/);
    expect(() => rollingOrigins('2020-04-01', '2025-03-31', 2, [1.5])).toThrow(/got 1.5/);
    expect(() => rollingOrigins('2020-04-01', '2025-03-31', 2, [])).toThrow(/at least one horizon/);
    expect(() => rollingOrigins('2020-04-01', '2025-03-31', 0, [6])).toThrow(/reference years: expected a whole number/);
  });

  it('takes the years every authority covers', () => {
    expect(returnsCoverage([{ la: 'A', year: 2021 }, { la: 'A', year: 2024 }, { la: 'B', year: 2022 }, { la: 'B', year: 2025 }])).toEqual({ dataStart: '2021-04-01', dataEnd: '2024-03-31' });
    expect(returnsCoverage([])).toBeNull();
  });
});

describe('rollingBacktest', () => {
  it('scores every origin the data allow against the actual stock of the simulated children', async () => {
    const records = synthesizeRecords(ROUND_TRIP_MODEL, { years: 5, seed: 21 });
    const dir = join(writeFixture({}), 'in');
    await writeSsda903(records, dir, 21);
    const spells = buildSpells(await readSsda903(await findSsda903Files(dir)));
    const result = await rollingBacktest(spells, { dataStart: '2020-04-01', dataEnd: '2025-03-31', referenceYears: 2, replications: 12, seed: 1, workers: 1 });
    // Five collection years, two-year fits: origins 2022, 2023, 2024; the last reaches 6 and 12 months only.
    expect(result.origins.map((o) => o.origin)).toEqual(['2022-03-31', '2023-03-31', '2024-03-31']);
    const totals = result.rows.filter((r) => r.category === 'total');
    expect(totals.map((r) => `${r.origin}+${r.horizonMonths}`).sort()).toEqual(
      ['2022-03-31+6', '2022-03-31+12', '2022-03-31+24', '2023-03-31+6', '2023-03-31+12', '2023-03-31+24', '2024-03-31+6', '2024-03-31+12'].sort(),
    );
    expect(result.rows.length).toBe(totals.length * (PLACEMENT_CATEGORIES.length + 1));
    for (const r of result.rows) {
      const truth = truthOn(records, r.date)[r.category]!;
      expect(r.actual, `${r.origin} ${r.date} ${r.category}`).toBe(truth);
      // Error is forecast − actual, the actual taken from the simulated children.
      expect(r.error).toBeCloseTo(r.forecastMean - truth, 9);
      expect(r.absPercentError).toBe(truth > 0 ? Math.abs(r.forecastMean - truth) / truth : null);
      expect(r.forecastP05).toBeLessThanOrEqual(r.forecastP25);
      expect(r.forecastP25).toBeLessThanOrEqual(r.forecastP75);
      expect(r.forecastP75).toBeLessThanOrEqual(r.forecastP95);
      expect(r.within50).toBe(truth >= r.forecastP25 && truth <= r.forecastP75);
      expect(r.within90).toBe(truth >= r.forecastP05 && truth <= r.forecastP95);
    }
    // The forecast of each origin starts from the actual stock on it.
    for (const o of result.origins) {
      const first = result.series.find((s) => s.origin === o.origin && s.category === 'total')!;
      expect(first.mean).toBe(truthOn(records, o.origin)['total']);
    }
    // Summaries, recomputed from the simulated truth.
    for (const s of result.summaries) {
      const of = result.rows.filter((r) => r.horizonMonths === s.horizonMonths && r.category === s.category);
      const errors = of.map((r) => r.forecastMean - truthOn(records, r.date)[r.category]!);
      const actual = of.reduce((a, r) => a + truthOn(records, r.date)[r.category]!, 0);
      expect(s.forecasts).toBe(of.length);
      expect(s.meanError).toBeCloseTo(errors.reduce((a, b) => a + b, 0) / of.length, 9);
      expect(s.meanAbsError).toBeCloseTo(errors.reduce((a, b) => a + Math.abs(b), 0) / of.length, 9);
      if (actual > 0) expect(s.relativeBias).toBeCloseTo(errors.reduce((a, b) => a + b, 0) / actual, 9);
      expect(s.within90).toBe(of.filter((r) => r.within90).length);
    }
    const total12 = result.summaries.find((s) => s.category === 'total' && s.horizonMonths === 12)!;
    expect(total12.forecasts).toBe(3);
    // The same model fitted and forecast: the total is off by a few percent at most a year ahead.
    expect(total12.mape!).toBeLessThan(0.1);
    // Same options, same result.
    const again = await rollingBacktest(spells, { dataStart: '2020-04-01', dataEnd: '2025-03-31', referenceYears: 2, replications: 12, seed: 1, workers: 1 });
    expect(JSON.stringify(again.rows)).toBe(JSON.stringify(result.rows));
    // Shared: small actual stocks and what gives them back are withheld, in the rows and their summaries.
    const shared = shareableRolling(result, 5);
    for (const r of shared.rows) if (typeof r.actual === 'number' && r.actual > 0) expect(r.actual).toBeGreaterThanOrEqual(5);
    // Each forecast starts from the actual stock: a small start count is left out of the shared series too.
    for (const o of result.origins) {
      const start = shared.series.filter((r) => r.origin === o.origin && r.date === dayAfter(o.origin));
      expect(start.length).toBeGreaterThan(0);
      for (const r of start) expect(r.mean === 0 || r.mean >= 5, `${o.origin} ${r.category} ${r.mean}`).toBe(true);
    }
    expect(result.series.some((r) => r.date === dayAfter(r.origin) && r.mean > 0 && r.mean < 5)).toBe(true);
    for (const s of shared.summaries) {
      const anyWithheld = shared.rows.some((r) => r.horizonMonths === s.horizonMonths && r.category === s.category && r.actual === 'withheld');
      expect('withheld' in s).toBe(anyWithheld);
    }
  });

  it('refuses data that allow no origin, saying what the first origin needs', async () => {
    await expect(rollingBacktest([], { dataStart: '2020-04-01', dataEnd: '2022-03-31', referenceYears: 2, replications: 2, seed: 1 })).rejects.toThrow(
      /cover 2020-04-01 to 2022-03-31, too little for any origin.*first origin \(2022-03-31\) needs data to 2022-09-30/,
    );
  });
});

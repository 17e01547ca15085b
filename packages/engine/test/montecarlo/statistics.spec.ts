import { describe, expect, it } from 'vitest';
import { projectExpected } from '../../src/expected-value/project-expected.js';
import { isoToDay } from '../../src/model/dates.js';
import type { ModelParameters } from '../../src/model/parameters.js';
import { simulate } from '../../src/montecarlo/simulate.js';
import type { SimulationRun } from '../../src/montecarlo/types.js';
import { summarise, summariseDifference } from '../../src/results/summarise.js';
import { mixedAuthority, smallAuthority } from './parameters-fixture.js';

/** Values of one key at one date index, one per replication. */
const column = (run: SimulationRun, key: string, index: number): number[] =>
  Array.from({ length: run.replications }, (_, r) => run.values.get(key)?.[r]?.[index] ?? 0);
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: number[]): number => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};

// Runs expected-value projections beside Monte Carlo: an explicit timeout for a loaded machine.
describe('Monte Carlo against the expected-value projection (no capacity)', { timeout: 60_000 }, () => {
  // Several categories, moves, exits, age bands (children age across 10 and 16 and leave at 18),
  // UASC arrivals and a ramped hazard modifier; hazards do not depend on time in care.
  const params: ModelParameters = smallAuthority({
    end: '2027-03-31',
    initialPopulation: {
      counts: [
        { category: 'inhouse_foster', ageBand: '5-9', count: 12 },
        { category: 'inhouse_foster', ageBand: '10-15', count: 15 },
        { category: 'ifa_foster', ageBand: '10-15', count: 10 },
        { category: 'ifa_foster', ageBand: '16-17', count: 8 },
        { category: 'supported', ageBand: '16-17', count: 6, uasc: true },
      ],
    },
    entries: {
      ...smallAuthority().entries,
      perYear: { '<1': 6, '5-9': 8, '10-15': 14, '16-17': 8 },
      firstPlacement: {
        '<1': { inhouse_foster: 1 },
        '1-4': { inhouse_foster: 1 },
        '5-9': { inhouse_foster: 2, ifa_foster: 1 },
        '10-15': { inhouse_foster: 1, ifa_foster: 1 },
        '16-17': { ifa_foster: 1, supported: 1 },
      },
    },
    uasc: { perYear: 6, ageBandShares: { '16-17': 1 }, firstPlacement: { '16-17': { supported: 1 } } },
    transitions: {
      rates: [
        { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.5 },
        { from: 'inhouse_foster', to: { category: 'ifa_foster' }, perYear: 0.2 },
        { from: 'ifa_foster', to: { exit: 'special_guardianship' }, perYear: 0.25, ageBands: ['<1', '1-4', '5-9', '10-15'] },
        { from: 'ifa_foster', to: { category: 'supported' }, perYear: 0.6, ageBands: ['16-17'] },
        { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.4 },
      ],
    },
    modifiers: [{ kind: 'hazard', from: '2025-10-01', rampMonths: 6, fromCategories: ['inhouse_foster'], exits: ['reunification'], effect: { multiply: 1.5 } }],
    costs: { weeklyCost: { inhouse_foster: 650, ifa_foster: 820, supported: 950 } },
  });

  it('agrees on the mean stock of every category within 4 standard errors at 6, 12 and 24 months', async () => {
    const R = 200;
    const run = await simulate(params, { seed: 11, replications: R, workers: 1 });
    const ev = projectExpected(params);
    for (const date of ['2025-09-30', '2026-03-31', '2027-03-31']) {
      const index = run.dates.indexOf(date);
      expect(index).toBeGreaterThan(0);
      for (const category of ['inhouse_foster', 'ifa_foster', 'supported', 'total']) {
        const xs = column(run, `in_care|${category}`, index);
        const expected = ev.find((r) => r.metric === 'in_care' && r.category === category && r.date === date)!.mean;
        const se = Math.sqrt(variance(xs) / R);
        // The projection ages children in 14-day birth cohorts and counts a year as 365.25 days where
        // the simulation uses calendar birthdays: a few days' shift in ageing for the few children
        // near a birthday that matters, well under 1% of the stock.
        const allowance = 0.01 * expected + 0.1;
        expect(Math.abs(mean(xs) - expected), `${category} on ${date}`).toBeLessThanOrEqual(4 * se + allowance);
      }
    }
  }, 30_000);

  it('agrees within 4 standard errors + 3% with hazards by time in care, inflation and block-booked beds', async () => {
    const withDurations: ModelParameters = {
      ...params,
      transitions: {
        durationBandsDays: [90, 365],
        rates: [
          { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 1.2, durationBands: [0] },
          { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.3, durationBands: [1, 2] },
          { from: 'inhouse_foster', to: { category: 'ifa_foster' }, perYear: 0.2, durationBands: [1] },
          { from: 'ifa_foster', to: { exit: 'special_guardianship' }, perYear: 0.4, durationBands: [2] },
          { from: 'ifa_foster', to: { category: 'supported' }, perYear: 0.6, ageBands: ['16-17'] },
          { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.4 },
        ],
      },
      // Beds that never bind, so the simulation has no capacity effect the projection lacks.
      supply: { capacity: { supported: { beds: 500 } }, fallback: {} },
      costs: { weeklyCost: { inhouse_foster: 650, ifa_foster: 820, supported: 950 }, inflationPerYear: 0.05 },
      modifiers: [{ kind: 'capacity', date: '2025-10-01', category: 'supported', change: 4, weeklyCostPerBed: 700 }],
    };
    const R = 150;
    const run = await simulate(withDurations, { seed: 13, replications: R, workers: 1 });
    const ev = projectExpected(withDurations);
    for (const date of ['2025-09-30', '2026-03-31', '2027-03-31']) {
      const index = run.dates.indexOf(date);
      for (const key of ['in_care|inhouse_foster', 'in_care|ifa_foster', 'in_care|supported', 'in_care|total', 'exits|total', 'cost|total']) {
        const xs = column(run, key, index);
        const [metric, category] = key.split('|');
        const expected = ev.find((r) => r.metric === metric && r.category === category && r.date === date)!.mean;
        // Time in care progresses exponentially between bands in the projection (the mean time to
        // reach a band is kept, not its spread): a few per cent on stocks in duration-driven categories.
        const allowance = 0.03 * expected + 0.1;
        expect(Math.abs(mean(xs) - expected), `${key} on ${date}`).toBeLessThanOrEqual(4 * Math.sqrt(variance(xs) / R) + allowance);
      }
    }
  }, 30_000);

  it('makes the stationary stock Poisson(lambda/mu) with constant arrivals and one exit hazard', async () => {
    const lambda = 60;
    const mu = 3;
    const R = 300;
    const run = await simulate(
      smallAuthority({
        end: '2027-03-31',
        // Entrants are under 1 and stay under 3 over two years: no band change matters, nobody is 18.
        entries: { ...smallAuthority().entries, perYear: { '<1': lambda } },
        transitions: { rates: [{ from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: mu }] },
      }),
      { seed: 3, replications: R, workers: 1 },
    );
    for (const date of ['2026-03-31', '2027-03-31']) {
      const index = run.dates.indexOf(date);
      const years = (isoToDay(date) + 1 - isoToDay('2025-04-01')) / 365.25;
      // From empty, an M/M/∞ stock is Poisson with mean (λ/μ)(1 − e^(−μt)): the variance equals the mean.
      const m = (lambda / mu) * (1 - Math.exp(-mu * years));
      const xs = column(run, 'in_care|total', index);
      expect(Math.abs(mean(xs) - m)).toBeLessThanOrEqual(4 * Math.sqrt(m / R));
      // Var(s²) ≈ (μ4 − σ⁴) / R = (m + 2m²) / R for a Poisson(m) sample.
      expect(Math.abs(variance(xs) - m)).toBeLessThanOrEqual(4 * Math.sqrt((m + 2 * m * m) / R));
    }
  }, 30_000);
});

describe('summaries of a real run', () => {
  const params: ModelParameters = mixedAuthority('2026-09-30');

  it('keeps conservation of the means for the total and every category in every month', async () => {
    const rows = summarise(await simulate(params, { seed: 5, replications: 40, workers: 1 }));
    const value = new Map(rows.map((r) => [`${r.metric}|${r.category}|${r.date}`, r.mean]));
    const get = (metric: string, category: string, date: string): number => value.get(`${metric}|${category}|${date}`) ?? 0;
    const dates = rows.filter((r) => r.metric === 'in_care' && r.category === 'total').map((r) => r.date);
    const categories = [...new Set(rows.filter((r) => r.metric === 'in_care' && r.category !== 'total').map((r) => r.category))];
    expect(categories.length).toBeGreaterThanOrEqual(3);
    for (let m = 1; m < dates.length; m++) {
      const [prev, d] = [dates[m - 1]!, dates[m]!];
      const total = get('in_care', 'total', prev) + get('entries', 'total', d) - get('exits', 'total', d);
      expect(Math.abs(get('in_care', 'total', d) - total)).toBeLessThan(1e-9);
      for (const c of categories) {
        let moved = 0;
        for (const r of rows) {
          if (r.metric !== 'moves' || r.date !== d) continue;
          if (r.category.endsWith(`->${c}`)) moved += r.mean;
          if (r.category.startsWith(`${c}->`)) moved -= r.mean;
        }
        const expected = get('in_care', c, prev) + get('entries', c, d) + moved - get('exits_from', c, d);
        expect(Math.abs(get('in_care', c, d) - expected), `${c} on ${d}`).toBeLessThan(1e-9);
      }
    }
  }, 30_000);

  it('gives a narrower interval for paired differences than for independently seeded runs', async () => {
    const scenario: ModelParameters = {
      ...params,
      modifiers: [{ kind: 'entries', from: '2025-07-01', effect: { multiply: 1.3 } }],
    };
    const R = 60;
    const baseline = await simulate(params, { seed: 21, replications: R, workers: 1 });
    const paired = summariseDifference(baseline, await simulate(scenario, { seed: 21, replications: R, workers: 1 }), 'More entries');
    const unpaired = summariseDifference(baseline, await simulate(scenario, { seed: 22, replications: R, workers: 1 }), 'More entries');
    const width = (rows: typeof paired): number => {
      const last = rows.filter((r) => r.metric === 'in_care' && r.category === 'total').at(-1)!;
      return last.ci95_high - last.ci95_low;
    };
    expect(width(paired)).toBeLessThan(width(unpaired));
    expect(paired.every((r) => r.delta === true && r.scenario === 'More entries')).toBe(true);
  }, 30_000);
});

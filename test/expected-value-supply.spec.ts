import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectExpected, type ModelParameters, type SeriesRow } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';
import { REPO } from './helpers.js';

process.env.TZ = 'UTC';

// The supply-aware expected-value projection against closed forms computed here, independently of the
// engine: one capacity-limited category (in-house foster care, `places` places each suiting a child
// with probability q) fed by Poisson entries of family foster care at λ a year, in-house children
// leaving at μ a year, the overflow going to IFA. Its occupancy is the birth-death chain with birth
// rate λ(1 − (1 − q)^(places − n)) and death rate nμ; with q = 1 it is the Erlang loss system, whose
// overflow is λ B(places, λ/μ) (Erlang B).

/** Family foster care entrants aged 1-4 (none reaches 18 in 5 years... nor leaves by age: exits at μ). */
function onePool(o: { lambda: number; mu: number; places: number; q: number }): ModelParameters {
  return {
    start: '2025-04-01',
    end: '2030-03-31',
    initialPopulation: {},
    entries: { perYear: { '1-4': o.lambda }, routeShares: { care_proceedings: 1 }, firstPlacement: { '1-4': { family_foster_care: 1 } } },
    transitions: {
      rates: [
        { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: o.mu },
        { from: 'ifa_foster', to: { exit: 'reunification' }, perYear: o.mu },
      ],
    },
    ageOut: { independent_living: 1 },
    supply: {
      capacity: { inhouse_foster: { beds: o.places, matchProbability: o.q } },
      fallback: {},
      typesOfCare: { family_foster_care: { providers: ['inhouse_foster', 'ifa_foster'], stepAcross: false } },
    },
    costs: { weeklyCost: {} },
  };
}

/** Stationary mean of the birth-death chain: π_n ∝ Π_{k<n} λ(1 − (1 − q)^(c − k)) / ((k + 1) μ). */
function birthDeathMean(lambda: number, mu: number, c: number, q: number): number {
  let w = 1;
  let total = 1;
  let weighted = 0;
  for (let n = 1; n <= c; n++) {
    w *= (lambda * (1 - Math.pow(1 - q, c - (n - 1)))) / (n * mu);
    total += w;
    weighted += n * w;
  }
  return weighted / total;
}

/** Erlang B by its recursion: B(0) = 1, B(k) = a B(k − 1) / (k + a B(k − 1)). */
function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

const value = (rows: SeriesRow[], key: string, i: number): number => rows.filter((r) => `${r.metric}|${r.category}` === key)[i]?.mean ?? 0;
const lastYear = (rows: SeriesRow[], key: string): number =>
  rows
    .filter((r) => `${r.metric}|${r.category}` === key)
    .slice(-12)
    .reduce((a, r) => a + r.mean, 0);

describe('supply-aware expected values against the birth-death chain', () => {
  it('projects the stationary occupancy of one matched category (5 years on, relaxation 1/μ = 6 months)', () => {
    const cases = [
      { lambda: 40, mu: 2, places: 12, q: 0.25 },
      { lambda: 40, mu: 2, places: 12, q: 1 },
      { lambda: 300, mu: 2, places: 144, q: 0.1 },
      { lambda: 40, mu: 2, places: 30, q: 0.5 },
      { lambda: 10, mu: 2, places: 3, q: 1 },
    ];
    for (const c of cases) {
      const rows = projectExpected(onePool(c));
      const projected = value(rows, 'in_care|inhouse_foster', 60);
      const exact = birthDeathMean(c.lambda, c.mu, c.places, c.q);
      expect(Math.abs(projected - exact) / exact, `${JSON.stringify(c)}: projected ${projected}, chain ${exact}`).toBeLessThan(0.005);
      // The same occupancy reported as `occupied`, the capacity as given.
      expect(value(rows, 'occupied|inhouse_foster', 60)).toBeCloseTo(projected, 9);
      expect(value(rows, 'capacity|inhouse_foster', 60)).toBe(c.places);
    }
  });

  it('sends the Erlang B share of entrants to the next provider when every place suits (q = 1)', () => {
    for (const c of [
      { lambda: 40, mu: 2, places: 12, q: 1 },
      { lambda: 10, mu: 2, places: 3, q: 1 },
      { lambda: 60, mu: 1, places: 50, q: 1 },
    ]) {
      const rows = projectExpected(onePool(c));
      const overflow = lastYear(rows, 'entries|ifa_foster');
      const exact = c.lambda * erlangB(c.places, c.lambda / c.mu);
      expect(Math.abs(overflow - exact) / exact, `${JSON.stringify(c)}: overflow ${overflow} a year, Erlang B ${exact}`).toBeLessThan(0.01);
      // Every entrant refused in-house is placed out of preference (stepAcross off: nobody waits).
      expect(lastYear(rows, 'placed_out_of_preference|inhouse_foster')).toBeCloseTo(overflow, 6);
      expect(value(rows, 'waiting|total', 60)).toBe(0);
    }
  });

  it('without supply (supply: false) puts every entrant in-house, over capacity', () => {
    const c = { lambda: 40, mu: 2, places: 12, q: 1 };
    const rows = projectExpected(onePool(c), { supply: false });
    expect(value(rows, 'in_care|inhouse_foster', 60)).toBeCloseTo(c.lambda / c.mu, 1);
  });
});

// Every shipped scenario with its capacity, fallbacks, matching, waiting lists and levers: the
// supply-aware projection against the mean of 200 simulated replications (seed 1) at 1, 3 and 5 years.
// The total within 1%; a category of 15 children or more within 3%. Smaller categories (secure, placed
// for adoption, other: 0.3 to 10 children) cannot be resolved to 3% by 200 replications (their standard
// error is 2-4% of their mean), so they pass within 3% or within 3 standard errors.
const REPLICATIONS = 200;
const YEARS = [1, 3, 5];
const scenarios = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

describe('supply-aware expected values against the simulation on every shipped scenario', { timeout: 300_000 }, () => {
  it.each(scenarios)('%s: total within 1%, every category within 3% at 1, 3 and 5 years', async (file) => {
    const { params } = await compileScenarioFile(join('scenarios', file), { cwd: REPO });
    const model = compileModel(params);
    const rows = projectExpected(params);
    const keys = [...new Set(rows.filter((r) => r.metric === 'in_care').map((r) => `in_care|${r.category}`))];
    const months = YEARS.map((y) => 12 * y);
    const sum = new Map(keys.map((k) => [k, new Float64Array(months.length)]));
    const sumSq = new Map(keys.map((k) => [k, new Float64Array(months.length)]));
    for (let r = 0; r < REPLICATIONS; r++) {
      const out = runReplication(model, 1, r);
      for (const k of keys) {
        const v = out.series[k];
        if (!v) continue;
        months.forEach((m, i) => {
          sum.get(k)![i]! += v[m]!;
          sumSq.get(k)![i]! += v[m]! * v[m]!;
        });
      }
    }
    const failures: string[] = [];
    const table: string[] = [];
    for (const k of keys) {
      const cells: string[] = [];
      months.forEach((m, i) => {
        const mean = sum.get(k)![i]! / REPLICATIONS;
        const se = Math.sqrt(Math.max(0, sumSq.get(k)![i]! / REPLICATIONS - mean * mean) / (REPLICATIONS - 1));
        const projected = value(rows, k, m);
        const rel = mean > 0 ? (projected - mean) / mean : projected === 0 ? 0 : Infinity;
        const z = se > 0 ? (projected - mean) / se : rel === 0 ? 0 : Infinity;
        cells.push(`${(100 * rel).toFixed(1)}%`);
        const ok = k === 'in_care|total' ? Math.abs(rel) <= 0.01 : Math.abs(rel) <= 0.03 || (mean < 15 && Math.abs(z) <= 3);
        if (!ok) failures.push(`${k} at ${YEARS[i]} y: projected ${projected.toFixed(2)}, simulated ${mean.toFixed(2)} ± ${se.toFixed(2)} (${(100 * rel).toFixed(1)}%, z ${z.toFixed(1)})`);
      });
      table.push(`${k.slice('in_care|'.length)} ${cells.join(' ')}`);
    }
    console.log(`${file} (projection − simulation, % at ${YEARS.join(', ')} years):\n  ${table.join('\n  ')}`);
    expect(failures).toEqual([]);
  });
});

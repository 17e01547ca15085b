import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectExpected, simulateSummary, type ModelParameters, type SeriesRow } from '@carecast/engine';
import { compileModel, studentTQuantile } from '@carecast/engine/advanced';
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

// Beds added while children wait (q = 1, every refused entrant waits in IFA foster care and leaves at the
// same μ as a placed child): k, the children placed or waiting, is then the M/M/∞ queue of the entrants
// whatever the capacity, Poisson with mean m(t) = (λ/μ)(1 − e^(−μt)) from an empty start, so in-house
// occupancy is E[min(k, N)] and the list E[(k − N)+] at every time; when b beds are added the waiting
// children move in at once (the simulation's `freed`), so occupancy jumps to E[min(k, N + b)].
function waitingPool(o: { lambda: number; mu: number; places: number; added: number; on: string | null }): ModelParameters {
  const p = onePool({ lambda: o.lambda, mu: o.mu, places: o.places, q: 1 });
  p.supply.typesOfCare = { family_foster_care: { providers: ['inhouse_foster', 'ifa_foster'], stepAcross: true } };
  if (o.on) p.modifiers = [{ kind: 'capacity', date: o.on, category: 'inhouse_foster', change: o.added }];
  return p;
}

/** E[f(k)] for k Poisson with mean m. */
function poissonMean(m: number, f: (k: number) => number): number {
  let sum = 0;
  let pk = Math.exp(-m);
  for (let k = 0; k < 10 * m + 50; k++) {
    sum += pk * f(k);
    pk *= m / (k + 1);
  }
  return sum;
}

describe('supply-aware expected values against the M/M/∞ queue of children placed or waiting', () => {
  it('fills beds added while children wait at once, and settles where the same beds from the start settle', () => {
    const o = { lambda: 60, mu: 2, places: 28, added: 6 };
    const rows = projectExpected(waitingPool({ ...o, on: '2027-04-01' }));
    const dates = rows.filter((r) => r.metric === 'occupied' && r.category === 'inhouse_foster').map((r) => r.date);
    const years = (date: string): number => (Date.parse(date) - Date.parse('2025-04-01')) / 86_400_000 / 365.25;
    const chain = (i: number, f: (k: number, N: number) => number): number => {
      const N = dates[i]! >= '2027-04-01' ? o.places + o.added : o.places;
      return poissonMean((o.lambda / o.mu) * (1 - Math.exp(-o.mu * years(dates[i]!))), (k) => f(k, N));
    };
    // The month before the beds and the month after: the list moves in (before this version it waited
    // for departures: 27.18 against 28.87, −5.8%, and 3.34 children still waiting against 0.66).
    for (const i of [24, 25]) {
      const occupied = value(rows, 'occupied|inhouse_foster', i);
      const exact = chain(i, (k, N) => Math.min(k, N));
      expect(Math.abs(occupied - exact) / exact, `${dates[i]}: projected ${occupied}, chain ${exact}`).toBeLessThan(0.015);
      expect(value(rows, 'waiting|inhouse_foster', i), dates[i]).toBeLessThan(chain(i, (k, N) => Math.max(0, k - N)) + 0.1);
    }
    // Three years on (6 relaxation times) the history is forgotten: the same as 34 beds from the start,
    // and within 1% of the chain (+0.86%, the 16-day steps). Before the waiting lists decayed ahead of
    // filling and a move was bounded by the children its group holds, the move at the beds outran the
    // children in IFA foster care and the stocks settled 1.23 children above (30.70 against 29.48).
    const same = projectExpected(waitingPool({ ...o, places: o.places + o.added, on: null }));
    const last = dates.length - 1;
    expect(value(rows, 'occupied|inhouse_foster', last)).toBeCloseTo(value(same, 'occupied|inhouse_foster', last), 2);
    const exact = chain(last, (k, N) => Math.min(k, N));
    expect(Math.abs(value(rows, 'occupied|inhouse_foster', last) - exact) / exact).toBeLessThan(0.01);
    // The list is the children in IFA foster care (every one of them waits).
    for (const i of [24, 25, last]) expect(value(rows, 'waiting|inhouse_foster', i)).toBeCloseTo(value(rows, 'in_care|ifa_foster', i), 1);
  });
});

// Households recruited at random (r a year, `perHousehold` places each) and each leaving at d a year:
// the places are random, and the exact stationary distribution of the pair (households H,
// children placed n) is computed here by Gauss-Seidel sweeps of its balance equations. Transitions:
// H + 1 at r; H − 1 at d H, the children over the places left displaced (they leave the category);
// n + 1 at λ(1 − (1 − q)^(places − n)); n − 1 at n μ.
function householdChain(o: { lambda: number; mu: number; r: number; d: number; perHousehold: number; q: number }): number {
  const hMax = Math.ceil(o.r / o.d + 7 * Math.sqrt(o.r / o.d) + 5);
  const width = o.perHousehold * hMax + 1;
  const at = (h: number, n: number): number => h * width + n;
  const pi = new Float64Array((hMax + 1) * width);
  const placed = (vacant: number): number => (vacant <= 0 ? 0 : 1 - Math.pow(1 - o.q, vacant));
  for (let h = 0; h <= hMax; h++) for (let n = 0; n <= o.perHousehold * h; n++) pi[at(h, n)] = 1;
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    let total = 0;
    for (let h = 0; h <= hMax; h++) {
      const places = o.perHousehold * h;
      for (let n = 0; n <= places; n++) {
        const out = (h < hMax ? o.r : 0) + o.d * h + o.lambda * placed(places - n) + o.mu * n;
        let inflow = 0;
        if (h > 0 && n <= places - o.perHousehold) inflow += pi[at(h - 1, n)]! * o.r;
        if (h < hMax) {
          // From H + 1 households: n unchanged, or (n = places) every n above displaced down to it.
          const top = n < places ? n : places + o.perHousehold;
          for (let m = n; m <= top; m++) inflow += pi[at(h + 1, m)]! * o.d * (h + 1);
        }
        if (n > 0) inflow += pi[at(h, n - 1)]! * o.lambda * placed(places - n + 1);
        if (n < places) inflow += pi[at(h, n + 1)]! * o.mu * (n + 1);
        const v = out > 0 ? inflow / out : pi[at(h, n)]!;
        change += Math.abs(v - pi[at(h, n)]!);
        total += v;
        pi[at(h, n)] = v;
      }
    }
    for (let i = 0; i < pi.length; i++) pi[i]! /= total;
    if (change / total < 1e-12) break;
  }
  let mean = 0;
  for (let h = 0; h <= hMax; h++) for (let n = 0; n <= o.perHousehold * h; n++) mean += n * pi[at(h, n)]!;
  return mean;
}

describe('supply-aware expected values against the chain of random households and placements', () => {
  it('projects the stationary occupancy when household places are recruited and leave at random', () => {
    // Fixed at the chain's mean capacity the projection misses by +3.6%, +2.5% and +6.3% (it takes every
    // request as if the places were known); with the vacancies' spread from the households by +0.13%,
    // -1.42% and -0.76%. The bound, 1.5%, is half the 3% per category; it was set after those
    // figures were measured (the approximation is not exact: the chain displaces children when a
    // household leaves a full category, the projection does not).
    for (const c of [
      { lambda: 40, mu: 2, r: 20, d: 1, perHousehold: 1, q: 0.25 },
      { lambda: 40, mu: 2, r: 10, d: 0.5, perHousehold: 2, q: 0.25 },
      { lambda: 40, mu: 2, r: 20, d: 1, perHousehold: 1, q: 1 },
    ]) {
      const years = 12;
      const params = onePool({ lambda: c.lambda, mu: c.mu, places: 0, q: c.q });
      params.end = `${2025 + years}-03-31`;
      params.supply!.capacity = {
        inhouse_foster: { households: Math.round(c.r / c.d), placesPerHousehold: c.perHousehold, recruitmentPerYear: c.r, deregistrationPerHouseholdYear: c.d, matchProbability: c.q },
      } as NonNullable<ModelParameters['supply']>['capacity'];
      const projected = value(projectExpected(params), 'in_care|inhouse_foster', 12 * years);
      const exact = householdChain(c);
      expect(Math.abs(projected - exact) / exact, `${JSON.stringify(c)}: projected ${projected}, chain ${exact}`).toBeLessThan(0.015);
    }
  });
});

// Every shipped scenario with its capacity, fallbacks, matching, waiting lists and levers: the
// supply-aware projection against the mean of 1,000 simulated replications (seed 1) at 1, 3 and 5 years.
// The total within 1%; a category of 15 children or more within 3%. The count makes the oracle's
// standard error at most a third of that bound (1% of the mean) for every such category: one
// replication's standard deviation is at most 0.27 of the mean among them (combined-strategy's external
// residential at 5 years, from 200 replications; 0.26 for a Poisson count of 15), so with 0.30 for
// margin (0.30 / 0.01)² = 900 replications, rounded up. With 200 a 27-child category's standard error
// was 1.6% of its mean, too close to the 3% bound to tell a bias from a draw. Smaller categories (secure,
// placed for adoption, other: 0.3 to 10 children) cannot be resolved to 3% (their standard error is
// about 1-2% of their mean at 1,000), so they pass within 3% or within t standard errors, t sized for
// the number K of such checks in the scenario (Bonferroni): the Student quantile at 1 − ALPHA/(2K), so
// that an unbiased projection fails a scenario's small categories one seed in 1,000 at most (8
// scenarios: one in 125). K is 9-15 (3 dates x 3-5 small categories), t 3.9-4.0. The former fixed 3
// standard errors over the some 100 small-category checks of the 8 scenarios expected a quarter of a
// failure per set of draws (seed 1 of a ziggurat exponential failed foster-recruitment's staying-put
// places held at 5 years, 4.2% and z 3.0). Seed: 1, or CARECAST_TEST_SEED.
const REPLICATIONS = 1000;
const ALPHA = 0.001;
const SEED = Number(process.env.CARECAST_TEST_SEED ?? 1);
const YEARS = [1, 3, 5];
const scenarios = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

describe('supply-aware expected values against the simulation on every shipped scenario', { timeout: 300_000 }, () => {
  it.each(scenarios)('%s: total within 1%, every category within 3% at 1, 3 and 5 years', async (file) => {
    const { params } = await compileScenarioFile(join('scenarios', file), { cwd: REPO });
    const model = compileModel(params);
    const rows = projectExpected(params);
    // The in-care categories, and the in-house places held by staying put (they take places from
    // in-house foster care), checked as a small category.
    const keys = [...new Set(rows.filter((r) => r.metric === 'in_care' || r.metric === 'staying_put_places_held').map((r) => `${r.metric}|${r.category}`))];
    const months = YEARS.map((y) => 12 * y);
    // The oracle's replications on two worker threads (the same replications as one by one: streams
    // depend only on the seed and the replication); its mean and the standard error of the mean, read
    // back from the 95% interval of the mean the summary rows carry.
    const run = await simulateSummary(params, { seed: SEED, replications: REPLICATIONS, workers: 2, model });
    const t975 = studentTQuantile(0.975, REPLICATIONS - 1);
    const simulated = new Map(run.rows.map((r) => [`${r.metric}|${r.category}|${r.date}`, r]));
    const table: string[] = [];
    const cells: { key: string; years: number; projected: number; mean: number; se: number; rel: number; z: number }[] = [];
    for (const k of keys) {
      const shown: string[] = [];
      months.forEach((m, i) => {
        const row = simulated.get(`${k}|${run.dates[m]}`);
        const mean = row?.mean ?? 0;
        const se = row ? (row.ci95_high - row.mean) / t975 : 0;
        const projected = value(rows, k, m);
        const rel = mean > 0 ? (projected - mean) / mean : projected === 0 ? 0 : Infinity;
        const z = se > 0 ? (projected - mean) / se : rel === 0 ? 0 : Infinity;
        shown.push(`${(100 * rel).toFixed(1)}%`);
        cells.push({ key: k, years: YEARS[i]!, projected, mean, se, rel, z });
      });
      table.push(`${k.replace(/^in_care\|/, '')} ${shown.join(' ')}`);
    }
    const small = (c: (typeof cells)[number]): boolean => c.key !== 'in_care|total' && c.mean < 15;
    const smallChecks = cells.filter(small).length;
    const tSmall = studentTQuantile(1 - ALPHA / (2 * Math.max(1, smallChecks)), REPLICATIONS - 1);
    const ok = (c: (typeof cells)[number]): boolean =>
      c.key === 'in_care|total' ? Math.abs(c.rel) <= 0.01 : Math.abs(c.rel) <= 0.03 || (small(c) && Math.abs(c.z) <= tSmall);
    const failures = cells
      .filter((c) => !ok(c))
      .map((c) => `${c.key} at ${c.years} y: projected ${c.projected.toFixed(2)}, simulated ${c.mean.toFixed(2)} ± ${c.se.toFixed(2)} (${(100 * c.rel).toFixed(1)}%, z ${c.z.toFixed(1)})`);
    const beyond = cells.filter((c) => small(c) && Math.abs(c.rel) > 0.03).reduce((a, c) => Math.max(a, Math.abs(c.z)), 0);
    console.log(`${file}: ${smallChecks} small-category checks, bound ${tSmall.toFixed(2)} standard errors; largest |z| of those beyond 3% ${beyond.toFixed(2)}`);
    console.log(`${file} (projection − simulation, % at ${YEARS.join(', ')} years):\n  ${table.join('\n  ')}`);
    expect(failures).toEqual([]);
  });
});

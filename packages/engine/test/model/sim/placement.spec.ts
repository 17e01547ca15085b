import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { runReplication } from '../../../src/model/sim/replication.js';
import type { ModelParameters } from '../../../src/model/parameters.js';
import type { ReplicationOutput } from '../../../src/model/sim/replication-output.js';
import { closed, sumSeries as sum } from '../fixtures.js';

// Needs, providers and matching: a type of care tries its providers in order; a capacity-limited
// category with match probability q has a match among v vacant places with probability 1-(1-q)^v.

const series = (out: ReplicationOutput, key: string): Float64Array => out.series[key] ?? new Float64Array(out.dates.length);
/** Every move into `category` over the run. */
const movesInto = (out: ReplicationOutput, category: string): number =>
  Object.entries(out.series)
    .filter(([k]) => k.startsWith('moves|') && k.endsWith(`->${category}`))
    .reduce((a, [, v]) => a + sum(v), 0);

/** Family foster care entrants (age 1-4, so nobody reaches 18) into in-house beds, then IFA; exits at `mu` per year. */
function fosterNeeds(o: { lambda: number; mu: number; muInhouse?: number; beds: number; q?: number; end?: string; initialInhouse?: number }): ModelParameters {
  return closed({
    end: o.end ?? '2028-03-31',
    initialPopulation: o.initialInhouse ? { counts: [{ category: 'inhouse_foster', ageBand: '1-4', count: o.initialInhouse }] } : {},
    entries: { perYear: { '1-4': o.lambda }, routeShares: { care_proceedings: 1 }, firstPlacement: { '1-4': { family_foster_care: 1 } } },
    transitions: {
      rates: [
        { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: o.muInhouse ?? o.mu },
        { from: 'ifa_foster', to: { exit: 'reunification' }, perYear: o.mu },
      ],
    },
    supply: {
      capacity: { inhouse_foster: o.q === undefined ? { beds: o.beds } : { beds: o.beds, matchProbability: o.q } },
      fallback: {},
      typesOfCare: { family_foster_care: { providers: ['inhouse_foster', 'ifa_foster'], stepAcross: false } },
    },
  });
}

/**
 * Stationary mean of the birth-death chain on 0..c with birth rate λ(1-(1-q)^(c-n)) in state n and
 * death rate nμ: π_n ∝ Π_{k<n} λ_k / ((k+1)μ), computed exactly (an independent oracle).
 */
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

describe('placement that follows supply', () => {
  it('in-house occupancy with matching has the exact stationary mean of its birth-death chain', { timeout: 60_000 }, () => {
    const lambda = 40;
    const mu = 2;
    const c = 12;
    const q = 0.25;
    const model = compileModel(fosterNeeds({ lambda, mu, beds: c, q, end: '2029-03-31' }));
    const R = 150;
    // Month ends from two years on (relaxation takes about 1/μ = 6 months): one mean per replication.
    const perRep: number[] = [];
    for (let r = 0; r < R; r++) {
      const occ = series(runReplication(model, 11, r), 'occupied|inhouse_foster');
      let s = 0;
      for (let m = 25; m < occ.length; m++) s += occ[m]!;
      perRep.push(s / (occ.length - 25));
    }
    const mean = perRep.reduce((a, b) => a + b, 0) / R;
    const sd = Math.sqrt(perRep.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
    const se = sd / Math.sqrt(R);
    const exact = birthDeathMean(lambda, mu, c, q);
    expect(Math.abs(mean - exact)).toBeLessThanOrEqual(4 * se);
    // The test has power: without matching (q = 1, the Erlang loss system) the mean is far away.
    expect(Math.abs(birthDeathMean(lambda, mu, c, 1) - exact)).toBeGreaterThan(10 * se);
  });

  it('with matchProbability 1 in-house is full before any family foster care need goes to IFA', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 5, max: 40 }), fc.integer({ min: 0, max: 1000 }), (beds, lambda, seed) => {
        // In-house children never leave, so the first `beds` entrants (by id) fill it and every later one goes to IFA.
        const model = compileModel(fosterNeeds({ lambda, mu: 1, muInhouse: 0, beds, q: 1, end: '2026-03-31' }));
        const out = runReplication(model, seed, 0, { recordEpisodes: true, checkInvariants: true });
        const entries = out.episodes!.filter((e) => e.reason === 'entry').sort((a, b) => a.child - b.child);
        entries.forEach((e, i) => expect(e.category).toBe(i < beds ? 'inhouse_foster' : 'ifa_foster'));
        expect(sum(series(out, 'placed_out_of_preference|inhouse_foster'))).toBe(Math.max(0, entries.length - beds));
      }),
      { numRuns: 40 },
    );
  });

  it('with matchProbability 0 in-house takes no new placement, by entry, move, step-across or waiting list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (beds, initial, stepAcross, waitForPreferred, seed) => {
          const p = fosterNeeds({ lambda: 30, mu: 1.5, beds, q: 0, initialInhouse: initial, end: '2026-09-30' });
          p.entries.firstPlacement = { '1-4': { family_foster_care: 0.6, inhouse_foster: 0.4 } };
          p.transitions.rates.push({ from: 'ifa_foster', to: { category: 'inhouse_foster' }, perYear: 1 });
          p.supply.typesOfCare = { family_foster_care: { providers: ['inhouse_foster', 'ifa_foster'], stepAcross } };
          p.supply.fallback = { inhouse_foster: ['ifa_foster'] };
          p.supply.waitForPreferred = waitForPreferred;
          const out = runReplication(compileModel(p), seed, 0, { checkInvariants: true });
          expect(sum(series(out, 'entries|inhouse_foster'))).toBe(0);
          expect(movesInto(out, 'inhouse_foster')).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('more in-house beds never raise the expected IFA placements (paired replications, common random numbers)', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0.2, 0.6, 1),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (beds, extra, q, stepAcross, seed) => {
          const make = (b: number) => {
            const p = fosterNeeds({ lambda: 30, mu: 1.2, beds: b, q, end: '2027-03-31' });
            p.supply.typesOfCare = { family_foster_care: { providers: ['inhouse_foster', 'ifa_foster'], stepAcross } };
            return compileModel(p);
          };
          const base = make(beds);
          const more = make(beds + extra);
          const R = 40;
          const diffs: number[] = [];
          // IFA placements: entries into IFA plus moves into it.
          const ifa = (out: ReplicationOutput) => sum(series(out, 'entries|ifa_foster')) + movesInto(out, 'ifa_foster');
          for (let r = 0; r < R; r++) diffs.push(ifa(runReplication(more, seed, r)) - ifa(runReplication(base, seed, r)));
          const mean = diffs.reduce((a, b) => a + b, 0) / R;
          const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
          // Not significantly above zero: the upper side of a 3-standard-error band.
          expect(mean - 3 * (sd / Math.sqrt(R))).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 6 },
    );
  });
  it('more in-house households (recruited and de-registering) never raise the expected IFA placements (common random numbers)', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0.3, 1),
        fc.integer({ min: 0, max: 1000 }),
        (households, extra, q, seed) => {
          const make = (h: number) => {
            const p = fosterNeeds({ lambda: 30, mu: 1.2, beds: 0, end: '2027-03-31' });
            p.supply.capacity = {
              inhouse_foster: { households: h, placesPerHousehold: 2, recruitmentPerYear: 2, deregistrationPerHouseholdYear: 0.15, matchProbability: q },
            };
            return compileModel(p);
          };
          const base = make(households);
          const more = make(households + extra);
          const R = 30;
          const diffs: number[] = [];
          const ifa = (out: ReplicationOutput) => sum(series(out, 'entries|ifa_foster')) + movesInto(out, 'ifa_foster');
          for (let r = 0; r < R; r++) diffs.push(ifa(runReplication(more, seed, r)) - ifa(runReplication(base, seed, r)));
          const mean = diffs.reduce((a, b) => a + b, 0) / R;
          const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
          expect(mean - 3 * (sd / Math.sqrt(R))).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 4 },
    );
  });
});

describe('step-across with a hazard', () => {
  it('children with IFA carers move to in-house at rate h once in-house has room: moved ≈ N(1 - e^(-h t))', { timeout: 60_000 }, () => {
    // 30 in-house beds full of children who never leave until 2025-10-01, when 60 beds are added; 40
    // entrants in the first month go to IFA and stay there (no exits) unless they step across.
    const h = 1.5;
    const p = fosterNeeds({ lambda: 480, mu: 0, beds: 30, q: 1, initialInhouse: 30, end: '2026-09-30' });
    p.entries.perYear = { '1-4': 480 };
    p.supply.typesOfCare = { family_foster_care: { providers: ['inhouse_foster', 'ifa_foster'], stepAcross: { perYear: h } } };
    p.modifiers = [
      { kind: 'entries', from: '2025-05-01', effect: { set: 0 } },
      { kind: 'capacity', date: '2025-10-01', category: 'inhouse_foster', change: 10_000 },
    ];
    const model = compileModel(p);
    let before = 0;
    let after = 0;
    let candidates = 0;
    const R = 60;
    const t = (365 - 183) / 365.25; // 2025-10-01 to 2026-03-31
    for (let r = 0; r < R; r++) {
      const out = runReplication(model, 2, r, { checkInvariants: true });
      const moved = series(out, 'moves|ifa_foster->inhouse_foster');
      const ifaEntries = sum(series(out, 'entries|ifa_foster'));
      const i = out.dates.indexOf('2025-09-30');
      const j = out.dates.indexOf('2026-03-31');
      before += sum(moved, 1, i + 1);
      after += sum(moved, i + 1, j + 1);
      candidates += ifaEntries;
    }
    expect(before).toBe(0);
    const expected = candidates * (1 - Math.exp(-h * t));
    // Binomial sampling error of the count moved.
    expect(Math.abs(after - expected)).toBeLessThanOrEqual(4 * Math.sqrt(candidates * (1 - Math.exp(-h * t)) * Math.exp(-h * t)));
  });
});

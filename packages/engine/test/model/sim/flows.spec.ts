import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { runReplication } from '../../../src/model/sim/replication.js';
import { anniversaryDay } from '../../../src/model/calendar.js';
import { dayToIso, isoToDay } from '../../../src/model/dates.js';
import type { ModelParameters } from '../../../src/model/parameters.js';
import { closed, sumSeries as sum } from '../fixtures.js';
import { ParameterError } from '../../../src/model/parameter-error.js';
import { projectExpected } from '../../../src/expected-value/project-expected.js';

describe('care model flows', () => {
  it('a closed population with a single exit hazard decays as exp(-mu t) on average', () => {
    const mu = 0.8;
    const n = 1000;
    const model = compileModel(
      closed({
        initialPopulation: { counts: [{ category: 'inhouse_foster', ageBand: '5-9', count: n }] },
        transitions: { rates: [{ from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: mu }] },
      }),
    );
    const reps = 8;
    const mean = new Float64Array(model.dates.length);
    for (let r = 0; r < reps; r++) {
      const s = runReplication(model, 3, r).series['in_care|total']!;
      for (let m = 0; m < mean.length; m++) mean[m] = mean[m]! + s[m]! / reps;
    }
    const start = isoToDay('2025-04-01');
    model.dates.forEach((date, m) => {
      const years = (isoToDay(date) + (m === 0 ? 0 : 1) - start) / 365.25;
      const p = Math.exp(-mu * years);
      const sd = Math.sqrt((n * p * (1 - p)) / reps);
      expect(Math.abs(mean[m]! - n * p), `month ${date}`).toBeLessThanOrEqual(4 * sd + 1e-9);
    });
  });

  it('everyone ages out exactly on the 18th birthday, 29 February birthdays on 1 March', () => {
    const start = isoToDay('2025-04-01');
    const leapling = start - isoToDay('2008-02-29');
    const ages = [leapling, 6573, 6500, 6400, 6300, 6250];
    const model = compileModel(
      closed({
        initialPopulation: { children: ages.map((ageDays) => ({ category: 'supported', ageDays, daysInCare: 400 })) },
        ageOut: { staying_put: 1, independent_living: 1 },
      }),
    );
    const out = runReplication(model, 1, 0, { recordEpisodes: true });
    expect(out.children).toHaveLength(ages.length);
    for (const child of out.children!) {
      const episodes = out.episodes!.filter((e) => e.child === child.child);
      expect(episodes).toHaveLength(1);
      expect(episodes[0]!.end).toBe(dayToIso(anniversaryDay(isoToDay(child.birth), 18)));
      expect(['staying_put', 'independent_living']).toContain(episodes[0]!.exit);
    }
    expect(out.episodes!.find((e) => out.children!.find((c) => c.child === e.child)!.birth === '2008-02-29')!.end).toBe('2026-03-01');
    expect(sum(out.series['exits|total'])).toBe(ages.length);
    expect(out.series['in_care|total']![out.dates.length - 1]).toBe(0);
  });

  it('a full category sends entrants to the fallback and they move back when a place frees', () => {
    const model = compileModel(
      closed({
        end: '2027-03-31',
        initialPopulation: { counts: [{ category: 'inhouse_foster', ageBand: '5-9', count: 3 }] },
        entries: { perYear: { '5-9': 12 }, routeShares: { care_proceedings: 1 }, firstPlacement: { '5-9': { inhouse_foster: 1 } } },
        transitions: { rates: [{ from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 2 }] },
        supply: { capacity: { inhouse_foster: { beds: 3 } }, fallback: { inhouse_foster: ['ifa_foster'] } },
      }),
    );
    const out = runReplication(model, 5, 0, { recordEpisodes: true, checkInvariants: true });
    const s = out.series;
    expect(sum(s['entries|ifa_foster'])).toBeGreaterThan(0);
    expect(sum(s['placed_out_of_preference|inhouse_foster'])).toBe(sum(s['entries|ifa_foster']));
    const filled = out.episodes!.filter((e) => e.reason === 'waiting-filled');
    expect(filled.length).toBeGreaterThan(0);
    expect(sum(s['moves|ifa_foster->inhouse_foster'])).toBe(filled.length);
    for (const e of filled) {
      expect(e.category).toBe('inhouse_foster');
      // The place came free that day: another child's spell in in-house fostering ended.
      expect(out.episodes!.some((o) => o.child !== e.child && o.category === 'inhouse_foster' && o.end === e.start)).toBe(true);
    }
    for (let m = 0; m < out.dates.length; m++) expect(s['occupied|inhouse_foster']![m]).toBeLessThanOrEqual(3);
  });

  it('a capacity modifier adds beds on its date and charges its block cost from then', () => {
    const model = compileModel(
      closed({
        supply: { capacity: { inhouse_residential: { beds: 5 } }, fallback: {} },
        costs: { weeklyCost: { inhouse_residential: 4000 } },
        modifiers: [{ kind: 'capacity', date: '2025-07-15', category: 'inhouse_residential', change: 3, weeklyCostPerBed: 700 }],
      }),
    );
    const out = runReplication(model, 1, 0);
    const july = out.dates.indexOf('2025-07-31');
    const capacity = out.series['capacity|inhouse_residential']!;
    expect(Array.from(capacity.slice(0, july))).toEqual(new Array(july).fill(5));
    expect(capacity[july]).toBe(8);
    expect(out.series['cost|inhouse_residential']![july - 1]).toBe(0);
    expect(out.series['cost|inhouse_residential']![july]).toBeCloseTo((3 * 700 * 17) / 7, 6);
    expect(out.series['cost|total']![july + 1]).toBeCloseTo((3 * 700 * 31) / 7, 6);
  });

  // Runs an expected-value projection: an explicit timeout for a loaded machine.
  it('a reduction with the same weeklyCostPerBed gives the block beds back and stops their cost', { timeout: 30_000 }, () => {
    const params = closed({
      supply: { capacity: { inhouse_residential: { beds: 5 } }, fallback: {} },
      costs: { weeklyCost: { inhouse_residential: 4000 } },
      modifiers: [
        { kind: 'capacity', date: '2025-07-15', category: 'inhouse_residential', change: 3, weeklyCostPerBed: 700 },
        { kind: 'capacity', date: '2025-08-01', category: 'inhouse_residential', change: 2, weeklyCostPerBed: 500 },
        { kind: 'capacity', date: '2025-09-10', category: 'inhouse_residential', change: -3, weeklyCostPerBed: 700 },
      ],
    });
    const out = runReplication(compileModel(params), 1, 0);
    const at = (iso: string) => out.dates.indexOf(iso);
    const cost = out.series['cost|inhouse_residential']!;
    const capacity = out.series['capacity|inhouse_residential']!;
    expect([capacity[at('2025-08-31')], capacity[at('2025-09-30')], capacity[at('2026-03-31')]]).toEqual([10, 7, 7]);
    // Nobody is placed, so each month's cost is the block cost alone: beds × GBP per week × days / 7.
    expect(cost[at('2025-07-31')]).toBeCloseTo((3 * 700 * 17) / 7, 9);
    expect(cost[at('2025-08-31')]).toBeCloseTo(((3 * 700 + 2 * 500) * 31) / 7, 9);
    expect(cost[at('2025-09-30')]).toBeCloseTo((3 * 700 * 9 + 2 * 500 * 30) / 7, 9);
    expect(cost[at('2025-10-31')]).toBeCloseTo((2 * 500 * 31) / 7, 9);
    expect(cost[at('2026-03-31')]).toBeCloseTo((2 * 500 * 31) / 7, 9);
    expect(sum(cost)).toBeCloseTo((3 * 700 * (17 + 31 + 9) + 2 * 500 * 243) / 7, 6);
    const projected = projectExpected(params).filter((r) => r.metric === 'cost' && r.category === 'inhouse_residential');
    expect(projected.find((r) => r.date === '2025-10-31')!.mean).toBeCloseTo((2 * 500 * 31) / 7, 6);
  });

  it('a reduction may not give back more block beds than are held at its price on its date', () => {
    const withMods = (modifiers: ModelParameters['modifiers']) =>
      closed({
        supply: { capacity: { inhouse_residential: { beds: 5 } }, fallback: {} },
        costs: { weeklyCost: { inhouse_residential: 4000 } },
        ...(modifiers !== undefined ? { modifiers } : {}),
      });
    const add = { kind: 'capacity' as const, date: '2025-07-15', category: 'inhouse_residential' as const, change: 3, weeklyCostPerBed: 700 };
    const tooMany = withMods([add, { ...add, date: '2025-09-10', change: -4 }]);
    expect(() => compileModel(tooMany)).toThrow(/on 2025-09-10 the inhouse_residential block beds at 700 GBP per week would fall to -1/);
    const otherPrice = withMods([add, { ...add, date: '2025-09-10', change: -3, weeklyCostPerBed: 600 }]);
    expect(() => compileModel(otherPrice)).toThrow(ParameterError);
    const beforeAdded = withMods([{ ...add, date: '2025-06-01', change: -3 }, add]);
    try {
      compileModel(beforeAdded);
      expect.unreachable();
    } catch (e) {
      expect((e as ParameterError).path).toBe('modifiers[0].weeklyCostPerBed');
    }
    expect(() => compileModel(withMods([add, { ...add, date: '2025-09-10', change: -3 }]))).not.toThrow();
  });

  it('a 25% entries reduction for care_proceedings reduces those arrivals only', () => {
    const base = closed({
      entries: {
        perYear: { '1-4': 1500, '10-15': 1500 },
        routeShares: { care_proceedings: 0.5, section20: 0.3, other: 0.2 },
        firstPlacement: { '1-4': { inhouse_foster: 1 }, '10-15': { ifa_foster: 1 } },
      },
    });
    const lever = { ...base, modifiers: [{ kind: 'entries' as const, from: '2025-04-01', routes: ['care_proceedings' as const], effect: { multiply: 0.75 } }] };
    const count = (p: ModelParameters) => {
      const out = runReplication(compileModel(p), 11, 0, { recordEpisodes: true });
      const byRoute: Record<string, string[]> = { care_proceedings: [], section20: [], other: [] };
      for (const c of out.children!) byRoute[c.route]!.push(`${c.entered}|${c.birth}`);
      return byRoute;
    };
    const before = count(base);
    const after = count(lever);
    expect(after['section20']).toEqual(before['section20']);
    expect(after['other']).toEqual(before['other']);
    const ratio = after['care_proceedings']!.length / before['care_proceedings']!.length;
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(0.8);
  });

  it('children a lever does not touch keep the same path: an entries lever on one route leaves the other routes\' spells identical', () => {
    const base = closed({
      entries: {
        perYear: { '1-4': 300, '10-15': 300 },
        routeShares: { care_proceedings: 0.5, section20: 0.5 },
        firstPlacement: { '1-4': { inhouse_foster: 1 }, '10-15': { ifa_foster: 1 } },
      },
      transitions: {
        durationBandsDays: [180],
        rates: [
          { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 1 },
          { from: 'inhouse_foster', to: { category: 'ifa_foster' }, perYear: 0.5, durationBands: [1] },
          { from: 'ifa_foster', to: { exit: 'special_guardianship' }, perYear: 0.7 },
        ],
      },
      outOfAreaProbability: { ifa_foster: 0.5 },
    });
    const lever: ModelParameters = { ...base, modifiers: [{ kind: 'entries', from: '2025-04-01', routes: ['care_proceedings'], effect: { multiply: 0.5 } }] };
    const paths = (p: ModelParameters) => {
      const out = runReplication(compileModel(p), 3, 0, { recordEpisodes: true });
      const key = new Map(out.children!.filter((c) => c.route === 'section20').map((c) => [c.child, `${c.entered}|${c.birth}|${c.sex}`]));
      return out.episodes!
        .filter((e) => key.has(e.child))
        .map((e) => `${key.get(e.child)}|${e.start}|${e.end}|${e.category}|${e.exit}|${e.outOfArea}`)
        .sort();
    };
    const before = paths(base);
    expect(before.length).toBeGreaterThan(200);
    expect(paths(lever)).toEqual(before);
  });
});

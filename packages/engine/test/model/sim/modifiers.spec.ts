import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { runReplication } from '../../../src/model/sim/replication.js';
import { isoToDay } from '../../../src/model/dates.js';
import type { ModelParameters } from '../../../src/model/parameters.js';
import { closed, sumSeries as total } from '../fixtures.js';

describe('care model modifiers', () => {
  it('a hazard modifier multiplying by 0 stops those exits inside its window only', () => {
    const model = compileModel(
      closed({
        initialPopulation: { counts: [{ category: 'ifa_foster', ageBand: '5-9', count: 400 }] },
        transitions: { rates: [{ from: 'ifa_foster', to: { exit: 'reunification' }, perYear: 1 }] },
        modifiers: [{ kind: 'hazard', from: '2025-06-01', until: '2025-09-01', exits: ['reunification'], effect: { multiply: 0 } }],
      }),
    );
    const out = runReplication(model, 2, 0);
    const exits = out.series['exits|reunification']!;
    const at = (d: string) => out.dates.indexOf(d);
    expect(exits[at('2025-05-31')]).toBeGreaterThan(0);
    expect([exits[at('2025-06-30')], exits[at('2025-07-31')], exits[at('2025-08-31')]]).toEqual([0, 0, 0]);
    expect(exits[at('2025-09-30')]).toBeGreaterThan(0);
  });

  it('an additive hazard below zero is clamped to zero', () => {
    const model = compileModel(
      closed({
        initialPopulation: { counts: [{ category: 'ifa_foster', ageBand: '5-9', count: 200 }] },
        transitions: { rates: [{ from: 'ifa_foster', to: { exit: 'reunification' }, perYear: 0.5 }] },
        modifiers: [{ kind: 'hazard', from: '2025-04-01', effect: { add: -2 } }],
      }),
    );
    expect(model.hazardTables[model.epochs[0]!.hazard]!.total.every((h) => h === 0)).toBe(true);
    expect(total(runReplication(model, 1, 0).series['exits|total'])).toBe(0);
  });

  it('a duration cap moves children after afterDays in the category with its probability', () => {
    const model = compileModel(
      closed({
        initialPopulation: { children: Array.from({ length: 300 }, () => ({ category: 'external_residential' as const, ageDays: 4000, daysInCare: 200, daysInPlacement: 100 })) },
        modifiers: [{ kind: 'duration-cap', from: '2025-04-01', category: 'external_residential', afterDays: 150, probability: 0.5, to: { category: 'ifa_foster' } }],
      }),
    );
    const out = runReplication(model, 4, 0, { recordEpisodes: true });
    const moved = out.episodes!.filter((e) => e.reason === 'move');
    // Every check happens 50 days after the start: 150 days in the category.
    expect(new Set(moved.map((e) => e.start))).toEqual(new Set(['2025-05-21']));
    expect(moved.length).toBeGreaterThan(150 - 4 * Math.sqrt(75));
    expect(moved.length).toBeLessThan(150 + 4 * Math.sqrt(75));
    expect(total(out.series['moves|external_residential->ifa_foster'])).toBe(moved.length);
  });

  it('de-registrations below occupancy displace children to the fallback, where they wait to return', () => {
    const model = compileModel(
      closed({
        initialPopulation: { counts: [{ category: 'inhouse_foster', ageBand: '5-9', count: 20 }] },
        supply: {
          capacity: { inhouse_foster: { households: 10, placesPerHousehold: 2, deregistrationPerHouseholdYear: 1 } },
          fallback: { inhouse_foster: ['ifa_foster'] },
        },
      }),
    );
    const out = runReplication(model, 9, 0, { recordEpisodes: true, checkInvariants: true });
    const last = out.dates.length - 1;
    const capacity = out.series['capacity|inhouse_foster']!;
    expect(capacity[last]).toBeLessThan(20);
    expect(out.series['in_care|inhouse_foster']![last]).toBe(capacity[last]);
    expect(out.series['in_care|ifa_foster']![last]).toBe(20 - capacity[last]!);
    expect(out.series['waiting|inhouse_foster']![last]).toBe(20 - capacity[last]!);
    expect(out.episodes!.filter((e) => e.reason === 'displaced')).toHaveLength(20 - capacity[last]!);
    expect(total(out.series['placed_out_of_preference|inhouse_foster'])).toBe(20 - capacity[last]!);
  });

  it('recruitment and retention modifiers change household supply', () => {
    const base = closed({
      supply: { capacity: { inhouse_foster: { households: 100, placesPerHousehold: 1, recruitmentPerYear: 20, deregistrationPerHouseholdYear: 0.2 } }, fallback: {} },
    });
    const capacityAtEnd = (p: ModelParameters): number => {
      let sum = 0;
      for (let r = 0; r < 10; r++) {
        const out = runReplication(compileModel(p), 1, r);
        sum += out.series['capacity|inhouse_foster']![out.dates.length - 1]!;
      }
      return sum / 10;
    };
    const plain = capacityAtEnd(base);
    const recruited = capacityAtEnd({ ...base, modifiers: [{ kind: 'recruitment', from: '2025-04-01', extraHouseholdsPerYear: 40, placesPerHousehold: 2 }] });
    const retained = capacityAtEnd({ ...base, modifiers: [{ kind: 'retention', from: '2025-04-01', effect: { multiply: 0 } }] });
    // Expected: 100 + 20 - ~20 de-registered; +80 places from recruitment; none lost with full retention.
    expect(plain).toBeGreaterThan(88);
    expect(plain).toBeLessThan(112);
    expect(recruited - plain).toBeGreaterThan(60);
    expect(retained).toBeGreaterThan(110);
  });

  it('costs integrate occupancy exactly, with inflation fixed for each month and cost modifiers from their date', () => {
    const model = compileModel(
      closed({
        start: '2025-04-01',
        end: '2026-05-31',
        initialPopulation: { children: [{ category: 'inhouse_foster', ageDays: 3000 }, { category: 'inhouse_foster', ageDays: 3100 }] },
        costs: { weeklyCost: { inhouse_foster: 700 }, inflationPerYear: 0.1 },
        modifiers: [{ kind: 'cost', from: '2025-06-16', category: 'inhouse_foster', effect: { multiply: 2 } }],
      }),
    );
    const cost = runReplication(model, 1, 0).series['cost|inhouse_foster']!;
    const factor = (iso: string) => Math.pow(1.1, (isoToDay(iso) - isoToDay('2025-04-01')) / 365.25);
    expect(cost[1]).toBeCloseTo(2 * 100 * 30, 6);
    expect(cost[2]).toBeCloseTo(2 * 100 * 31 * factor('2025-05-01'), 6);
    expect(cost[3]).toBeCloseTo(2 * 100 * (15 + 2 * 15) * factor('2025-06-01'), 6);
    expect(cost[13]).toBeCloseTo(2 * 200 * 30 * factor('2026-04-01'), 6);
  });

  it('a fallback modifier changes where children go when the preferred category is full', () => {
    const p = closed({
      entries: { perYear: { '10-15': 50 }, routeShares: { section20: 1 }, firstPlacement: { '10-15': { inhouse_residential: 1 } } },
      supply: { capacity: { inhouse_residential: { beds: 0 } }, fallback: { inhouse_residential: ['external_residential'] } },
      modifiers: [{ kind: 'fallback', from: '2025-10-01', category: 'inhouse_residential', order: ['ifa_foster'] }],
    });
    const out = runReplication(compileModel(p), 1, 0);
    const oct = out.dates.indexOf('2025-10-31');
    expect(total(out.series['entries|external_residential'], 1, oct)).toBeGreaterThan(0);
    expect(total(out.series['entries|ifa_foster'], 1, oct)).toBe(0);
    expect(total(out.series['entries|external_residential'], oct)).toBe(0);
    expect(total(out.series['entries|ifa_foster'], oct)).toBeGreaterThan(0);
  });

  it('a capacity-limited last resort exceeds its capacity rather than refuse a child', () => {
    const p = closed({
      entries: { perYear: { '10-15': 50 }, routeShares: { section20: 1 }, firstPlacement: { '10-15': { inhouse_residential: 1 } } },
      supply: { capacity: { inhouse_residential: { beds: 0 }, other: { beds: 1 } }, fallback: {}, waitForPreferred: false },
    });
    const model = compileModel(p);
    expect(model.warnings.join()).toMatch(/lastResort: other is capacity-limited/);
    const out = runReplication(model, 1, 0);
    const last = out.dates.length - 1;
    expect(out.series['occupied|other']![last]).toBeGreaterThan(1);
    expect(out.series['waiting|total']![last]).toBe(0);
  });
});

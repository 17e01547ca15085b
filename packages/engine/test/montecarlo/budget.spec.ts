import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, runReplication } from '../../src/advanced.js';
import { estimateRun, MAX_EVENTS_PER_REPLICATION } from '../../src/montecarlo/budget.js';
import type { ModelParameters } from '../../src/model/parameters.js';
import { mixedAuthority, smallAuthority } from './parameters-fixture.js';

const estimate = (p: ModelParameters, replications = 1, threads = 1) => estimateRun(p, compileModel(p), replications, threads);
// 2025-04-01 to 2027-03-31 inclusive: 730 days.
const DAYS = 730;

describe('estimateRun(params, model, replications, threads)', () => {
  it('counts the initial children plus entries per year times the years, and households plus recruitment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 }), (stock, perYear, households, recruited) => {
        const p = smallAuthority({
          initialPopulation: { counts: [{ category: 'inhouse_foster', ageBand: '5-9', count: stock }] },
          entries: { ...smallAuthority().entries, perYear: { '10-15': perYear } },
          supply: { capacity: { inhouse_foster: { households, placesPerHousehold: 2, recruitmentPerYear: recruited } }, fallback: {} },
        });
        const e = estimate(p);
        expect(e.childrenPerReplication).toBeCloseTo(stock + (perYear * DAYS) / 365.25, 6);
        expect(e.householdsPerReplication).toBeCloseTo(households + (recruited * DAYS) / 365.25, 6);
      }),
      { numRuns: 40 },
    );
  });

  it('is at least the events a replication fires, and within a small factor of them', () => {
    for (const p of [mixedAuthority('2027-03-31'), mixedAuthority('2035-03-31')]) {
      const model = compileModel(p);
      const e = estimate(p);
      let fired = 0;
      for (let r = 0; r < 10; r++) fired = Math.max(fired, runReplication(model, 1, r).eventsFired);
      expect(e.eventsPerReplication).toBeGreaterThanOrEqual(fired);
      expect(e.eventsPerReplication).toBeLessThan(6 * fired);
    }
  });

  it('grows with the replications only through the kept results', () => {
    const p = mixedAuthority('2027-03-31');
    const one = estimate(p, 1);
    const many = estimate(p, 1000);
    expect(many.eventsPerReplication).toBe(one.eventsPerReplication);
    expect(many.outputBytes).toBeCloseTo(one.outputBytes * 1000, 0);
  });

  it('names the setting that drives an oversized run', () => {
    const huge = smallAuthority({ supply: { capacity: { inhouse_foster: { households: 1e9, placesPerHousehold: 1 } }, fallback: {} } });
    const e = estimate(huge);
    expect(e.eventsPerReplication).toBeGreaterThan(MAX_EVENTS_PER_REPLICATION);
    expect(e.largestDriver).toBe('supply.capacity.inhouse_foster.households');
    const entries = estimate(smallAuthority({ entries: { ...smallAuthority().entries, perYear: { '10-15': 1e7 } } }));
    expect(entries.largestDriver).toBe('entries.perYear');
    expect(entries.eventsPerReplication).toBeGreaterThan(MAX_EVENTS_PER_REPLICATION);
  });
});

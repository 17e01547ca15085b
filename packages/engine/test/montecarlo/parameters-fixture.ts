import type { ModelParameters } from '../../src/model/parameters.js';

/**
 * A small authority for tests: one placement category unless the caller adds rates, no capacity,
 * everything else neutral. Callers override fields.
 */
export function smallAuthority(over: Partial<ModelParameters> = {}): ModelParameters {
  return {
    start: '2025-04-01',
    end: '2027-03-31',
    initialPopulation: { counts: [] },
    entries: {
      perYear: {},
      routeShares: { care_proceedings: 1 },
      firstPlacement: {
        '<1': { inhouse_foster: 1 },
        '1-4': { inhouse_foster: 1 },
        '5-9': { inhouse_foster: 1 },
        '10-15': { inhouse_foster: 1 },
        '16-17': { inhouse_foster: 1 },
      },
    },
    transitions: { rates: [] },
    ageOut: { independent_living: 0.6, staying_put: 0.4 },
    supply: { capacity: {}, fallback: {} },
    costs: { weeklyCost: { inhouse_foster: 700 } },
    ...over,
  };
}

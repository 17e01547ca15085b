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

/**
 * A small authority with some of everything that draws random numbers: entries, moves, exits,
 * household capacity with recruitment and de-registration, fallback and waiting, ageing. Ends on `end`.
 */
export function mixedAuthority(end: string): ModelParameters {
  return smallAuthority({
    end,
    initialPopulation: {
      counts: [
        { category: 'inhouse_foster', ageBand: '5-9', count: 15 },
        { category: 'ifa_foster', ageBand: '10-15', count: 10 },
        { category: 'external_residential', ageBand: '16-17', count: 4 },
      ],
    },
    entries: { ...smallAuthority().entries, perYear: { '<1': 8, '5-9': 10, '10-15': 12, '16-17': 6 } },
    transitions: {
      rates: [
        { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.5 },
        { from: 'inhouse_foster', to: { category: 'external_residential' }, perYear: 0.1 },
        { from: 'ifa_foster', to: { exit: 'special_guardianship' }, perYear: 0.3 },
        { from: 'external_residential', to: { category: 'inhouse_foster' }, perYear: 0.4 },
      ],
    },
    supply: {
      capacity: { inhouse_foster: { households: 10, placesPerHousehold: 2, recruitmentPerYear: 2, deregistrationPerHouseholdYear: 0.1 } },
      fallback: { inhouse_foster: ['ifa_foster'] },
    },
    costs: { weeklyCost: { inhouse_foster: 650, ifa_foster: 820, external_residential: 4750 } },
  });
}

import type { ModelParameters, PopulationCell } from '../../src/model/parameters.js';
import { AGE_BANDS, type AgeBand } from '../../src/model/domain/age-bands.js';
import type { PlacementCategory } from '../../src/model/domain/ids.js';

/** A mid-size English authority (~450 in care, ~200 starts a year) over `years` years from 2025-04-01. */
export function midSizeAuthority(years = 5, scale = 1): ModelParameters {
  const mix: [PlacementCategory, number][] = [
    ['kinship_foster', 0.15],
    ['inhouse_foster', 0.28],
    ['ifa_foster', 0.24],
    ['inhouse_residential', 0.04],
    ['external_residential', 0.07],
    ['placed_with_parents', 0.06],
    ['adoption_placement', 0.03],
    ['other', 0.03],
  ];
  const ageShare: Record<AgeBand, number> = { '<1': 0.05, '1-4': 0.13, '5-9': 0.18, '10-15': 0.39, '16-17': 0.25 };
  const total = 450 * scale;
  const counts: PopulationCell[] = [];
  for (const band of AGE_BANDS) {
    for (const [category, share] of mix) {
      counts.push({ category, ageBand: band, count: Math.round(total * ageShare[band] * share) });
    }
  }
  counts.push({ category: 'supported', ageBand: '16-17', count: Math.round(total * 0.1) });
  const startYear = 2025;
  return {
    start: `${startYear}-04-01`,
    end: `${startYear + years}-03-31`,
    initialPopulation: { counts },
    entries: {
      perYear: { '<1': 32 * scale, '1-4': 30 * scale, '5-9': 30 * scale, '10-15': 52 * scale, '16-17': 36 * scale },
      trendPerYear: 0.01,
      routeShares: { care_proceedings: 0.6, section20: 0.3, other: 0.1 },
      firstPlacement: {
        '<1': { inhouse_foster: 0.5, ifa_foster: 0.2, kinship_foster: 0.2, placed_with_parents: 0.1 },
        '1-4': { inhouse_foster: 0.45, ifa_foster: 0.25, kinship_foster: 0.25, other: 0.05 },
        '5-9': { inhouse_foster: 0.45, ifa_foster: 0.3, kinship_foster: 0.2, inhouse_residential: 0.05 },
        '10-15': { inhouse_foster: 0.35, ifa_foster: 0.3, inhouse_residential: 0.15, external_residential: 0.1, kinship_foster: 0.1 },
        '16-17': { supported: 0.4, inhouse_foster: 0.2, ifa_foster: 0.2, external_residential: 0.1, inhouse_residential: 0.1 },
      },
    },
    uasc: {
      perYear: 20 * scale,
      ageBandShares: { '10-15': 0.2, '16-17': 0.8 },
      firstPlacement: { '10-15': { ifa_foster: 0.7, inhouse_foster: 0.3 }, '16-17': { supported: 0.8, ifa_foster: 0.2 } },
    },
    transitions: {
      durationBandsDays: [90, 365, 730],
      rates: [
        { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.25 },
        { from: 'ifa_foster', to: { exit: 'reunification' }, perYear: 0.2 },
        { from: 'kinship_foster', to: { exit: 'special_guardianship' }, perYear: 0.3 },
        { from: 'placed_with_parents', to: { exit: 'reunification' }, perYear: 0.6 },
        { from: 'adoption_placement', to: { exit: 'adoption' }, perYear: 1.5 },
        { from: 'inhouse_foster', to: { category: 'adoption_placement' }, perYear: 0.3, ageBands: ['<1', '1-4'] },
        { from: 'inhouse_foster', to: { category: 'ifa_foster' }, perYear: 0.1 },
        { from: 'ifa_foster', to: { category: 'inhouse_foster' }, perYear: 0.1 },
        { from: 'inhouse_foster', to: { category: 'inhouse_residential' }, perYear: 0.05, ageBands: ['10-15', '16-17'] },
        { from: 'inhouse_residential', to: { category: 'inhouse_foster' }, perYear: 0.2 },
        { from: 'external_residential', to: { category: 'inhouse_residential' }, perYear: 0.2 },
        { from: 'inhouse_residential', to: { exit: 'reunification' }, perYear: 0.15 },
        { from: 'external_residential', to: { exit: 'reunification' }, perYear: 0.15 },
        { from: 'inhouse_foster', to: { category: 'supported' }, perYear: 0.3, ageBands: ['16-17'] },
        { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.3 },
        { from: 'other', to: { category: 'inhouse_foster' }, perYear: 2 },
        { from: 'other', to: { exit: 'other' }, perYear: 0.5 },
        { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.4, durationBands: [0] },
      ],
    },
    ageOut: { independent_living: 0.5, staying_put: 0.4, adult_care: 0.1 },
    supply: {
      capacity: {
        inhouse_foster: { households: 90 * scale, placesPerHousehold: 2, recruitmentPerYear: 12 * scale, deregistrationPerHouseholdYear: 0.1 },
        inhouse_residential: { beds: 20 * scale },
        supported: { beds: 60 * scale },
      },
      fallback: {
        inhouse_foster: ['ifa_foster'],
        inhouse_residential: ['external_residential'],
        supported: ['external_residential'],
      },
    },
    costs: {
      weeklyCost: {
        kinship_foster: 300,
        inhouse_foster: 650,
        ifa_foster: 820,
        inhouse_residential: 4500,
        external_residential: 6100,
        supported: 1000,
        secure: 8000,
        placed_with_parents: 150,
        adoption_placement: 200,
        other: 2000,
      },
      inflationPerYear: 0.03,
    },
    outOfAreaProbability: { ifa_foster: 0.4, external_residential: 0.7, supported: 0.3 },
  };
}

/** A closed authority: no entries, no transitions, nothing limited; tests add what they need. */
export function closed(overrides: Partial<ModelParameters> = {}): ModelParameters {
  return {
    start: '2025-04-01',
    end: '2026-03-31',
    initialPopulation: {},
    entries: { perYear: {}, routeShares: { care_proceedings: 1 }, firstPlacement: {} },
    transitions: { rates: [] },
    ageOut: { independent_living: 1 },
    supply: { capacity: {}, fallback: {} },
    costs: { weeklyCost: {} },
    ...overrides,
  };
}

/** Sum of a series over indices [from, to): flows from the first month end by default. */
export const sumSeries = (a: Float64Array | undefined, from = 1, to = a?.length ?? 0): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += a![i]!;
  return s;
};

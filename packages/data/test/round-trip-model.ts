import type { ModelParameters } from '@carecast/engine';

/** A mid-size authority with age- and duration-dependent hazards, for round-trip tests. */
export const ROUND_TRIP_MODEL: ModelParameters = {
  start: '2020-04-01',
  end: '2025-03-31',
  initialPopulation: {
    counts: [
      { category: 'inhouse_foster', ageBand: '1-4', count: 60 },
      { category: 'inhouse_foster', ageBand: '5-9', count: 80 },
      { category: 'ifa_foster', ageBand: '10-15', count: 120 },
      { category: 'kinship_foster', ageBand: '5-9', count: 50 },
      { category: 'external_residential', ageBand: '10-15', count: 40 },
      { category: 'supported', ageBand: '16-17', count: 30 },
      { category: 'supported', ageBand: '16-17', count: 20, uasc: true },
    ],
  },
  entries: {
    perYear: { '<1': 45, '1-4': 35, '5-9': 35, '10-15': 60, '16-17': 35 },
    routeShares: { care_proceedings: 0.55, section20: 0.35, other: 0.1 },
    firstPlacement: {
      '<1': { inhouse_foster: 0.7, placed_with_parents: 0.3 },
      '1-4': { inhouse_foster: 0.5, kinship_foster: 0.3, ifa_foster: 0.2 },
      '5-9': { ifa_foster: 0.6, kinship_foster: 0.4 },
      '10-15': { ifa_foster: 0.6, external_residential: 0.3, other: 0.1 },
      '16-17': { supported: 0.7, ifa_foster: 0.3 },
    },
    maleShare: 0.55,
  },
  uasc: {
    perYear: 25,
    ageBandShares: { '10-15': 0.2, '16-17': 0.8 },
    firstPlacement: { '10-15': { ifa_foster: 1 }, '16-17': { supported: 0.8, ifa_foster: 0.2 } },
    maleShare: 0.9,
  },
  transitions: {
    durationBandsDays: [365],
    rates: [
      { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.6, durationBands: [0] },
      { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.15, durationBands: [1] },
      { from: 'inhouse_foster', to: { exit: 'adoption' }, perYear: 0.3, ageBands: ['<1', '1-4'] },
      { from: 'inhouse_foster', to: { category: 'ifa_foster' }, perYear: 0.12 },
      { from: 'kinship_foster', to: { exit: 'special_guardianship' }, perYear: 0.35 },
      { from: 'ifa_foster', to: { exit: 'reunification' }, perYear: 0.25 },
      { from: 'ifa_foster', to: { category: 'external_residential' }, perYear: 0.12, ageBands: ['10-15'] },
      { from: 'ifa_foster', to: { category: 'supported' }, perYear: 0.5, ageBands: ['16-17'] },
      { from: 'external_residential', to: { category: 'ifa_foster' }, perYear: 0.2 },
      { from: 'external_residential', to: { exit: 'reunification' }, perYear: 0.1 },
      { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.2 },
      { from: 'placed_with_parents', to: { exit: 'reunification' }, perYear: 0.8 },
      { from: 'other', to: { category: 'ifa_foster' }, perYear: 1.5 },
    ],
  },
  ageOut: { independent_living: 0.6, staying_put: 0.3, adult_care: 0.1 },
  supply: { capacity: {}, fallback: {} },
  costs: { weeklyCost: {} },
};

const UASC_EXITS = new Set(['reunification', 'independent_living']);

/**
 * ROUND_TRIP_MODEL with more UASC arrivals whose exits differ: reunification 10x lower and leaving
 * for independent living 2x higher than other children's; moves are shared.
 */
export const UASC_ROUND_TRIP_MODEL: ModelParameters = {
  ...ROUND_TRIP_MODEL,
  uasc: { ...ROUND_TRIP_MODEL.uasc!, perYear: 80 },
  transitions: {
    ...ROUND_TRIP_MODEL.transitions,
    rates: ROUND_TRIP_MODEL.transitions.rates.flatMap((r) =>
      'exit' in r.to && UASC_EXITS.has(r.to.exit)
        ? [
            { ...r, uasc: false },
            { ...r, uasc: true, perYear: r.perYear * (r.to.exit === 'reunification' ? 0.1 : 2) },
          ]
        : [r],
    ),
  },
};

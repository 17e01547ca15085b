import type { ModelParameters } from '@carecast/engine';

/**
 * A scenario whose hazards change with time in care (90/365-day bands, exit hazard 4 → 0.3 a year in
 * foster care), with age (16-17s move to supported accommodation) and a ramped hazard modifier, one
 * year from 2025-04-01, no capacity. Shared by test/expected-value.spec.ts (agreement at one seed) and
 * bench/expected-value-agreement.ts (the study over seeds).
 */
export const TIME_IN_CARE_SCENARIO: ModelParameters = {
  start: '2025-04-01',
  end: '2026-03-31',
  initialPopulation: {
    counts: [
      { category: 'inhouse_foster', ageBand: '5-9', count: 60, durationBand: 0 },
      { category: 'inhouse_foster', ageBand: '10-15', count: 80 },
      { category: 'kinship_foster', ageBand: '1-4', count: 40, durationBand: 1 },
      { category: 'supported', ageBand: '16-17', count: 30, durationBand: 2 },
    ],
  },
  entries: {
    perYear: { '<1': 40, '1-4': 60, '10-15': 80, '16-17': 40 },
    routeShares: { care_proceedings: 1 },
    firstPlacement: {
      '<1': { inhouse_foster: 1 },
      '1-4': { inhouse_foster: 0.6, kinship_foster: 0.4 },
      '5-9': { inhouse_foster: 1 },
      '10-15': { inhouse_foster: 1 },
      '16-17': { supported: 1 },
    },
  },
  transitions: {
    durationBandsDays: [90, 365],
    rates: [
      { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 4, durationBands: [0] },
      { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.3, durationBands: [1, 2] },
      { from: 'inhouse_foster', to: { category: 'kinship_foster' }, perYear: 1.5, durationBands: [1] },
      { from: 'kinship_foster', to: { exit: 'special_guardianship' }, perYear: 0.8, durationBands: [2] },
      { from: 'kinship_foster', to: { exit: 'reunification' }, perYear: 2, durationBands: [0] },
      { from: 'inhouse_foster', to: { category: 'supported' }, perYear: 1, ageBands: ['16-17'] },
      { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.5 },
    ],
  },
  ageOut: { independent_living: 0.6, staying_put: 0.4 },
  supply: { capacity: {}, fallback: {} },
  costs: { weeklyCost: { inhouse_foster: 700, kinship_foster: 300, supported: 1500 } },
  modifiers: [{ kind: 'hazard', from: '2025-07-01', rampMonths: 3, fromCategories: ['inhouse_foster'], effect: { multiply: 1.5 } }],
} as ModelParameters;

import type { ModelParameters } from '@carecast/engine';

/**
 * Anytown, the synthetic mid-size authority of scenarios/baseline.yaml (about 450 children in care and
 * 200 starts a year, DOMAIN.md §5), as engine parameters: start 2025-04-01, five years. Kept here as
 * plain data so the benchmark measures the engine alone; `anytownAtScale` multiplies the counts, arrival
 * rates and supply for England-scale runs (84,000 in care, 33,000 starts a year).
 */
export const anytownParameters: ModelParameters = {
  start: '2025-04-01',
  end: '2030-03-31',
  initialPopulation: {
    counts: [
      { category: 'kinship_foster', ageBand: '<1', count: 3 },
      { category: 'kinship_foster', ageBand: '1-4', count: 12 },
      { category: 'kinship_foster', ageBand: '5-9', count: 16 },
      { category: 'kinship_foster', ageBand: '10-15', count: 26 },
      { category: 'kinship_foster', ageBand: '16-17', count: 11 },
      { category: 'inhouse_foster', ageBand: '<1', count: 8 },
      { category: 'inhouse_foster', ageBand: '1-4', count: 18 },
      { category: 'inhouse_foster', ageBand: '5-9', count: 28 },
      { category: 'inhouse_foster', ageBand: '10-15', count: 50 },
      { category: 'inhouse_foster', ageBand: '16-17', count: 18 },
      { category: 'inhouse_foster', ageBand: '16-17', count: 4, uasc: true },
      { category: 'ifa_foster', ageBand: '<1', count: 3 },
      { category: 'ifa_foster', ageBand: '1-4', count: 10 },
      { category: 'ifa_foster', ageBand: '5-9', count: 22 },
      { category: 'ifa_foster', ageBand: '10-15', count: 48 },
      { category: 'ifa_foster', ageBand: '10-15', count: 4, uasc: true },
      { category: 'ifa_foster', ageBand: '16-17', count: 12 },
      { category: 'ifa_foster', ageBand: '16-17', count: 8, uasc: true },
      { category: 'inhouse_residential', ageBand: '10-15', count: 9 },
      { category: 'inhouse_residential', ageBand: '16-17', count: 5 },
      { category: 'external_residential', ageBand: '5-9', count: 2 },
      { category: 'external_residential', ageBand: '10-15', count: 24 },
      { category: 'external_residential', ageBand: '16-17', count: 12 },
      { category: 'supported', ageBand: '16-17', count: 22 },
      { category: 'supported', ageBand: '16-17', count: 20, uasc: true },
      { category: 'secure', ageBand: '10-15', count: 1 },
      { category: 'placed_with_parents', ageBand: '<1', count: 2 },
      { category: 'placed_with_parents', ageBand: '1-4', count: 8 },
      { category: 'placed_with_parents', ageBand: '5-9', count: 7 },
      { category: 'placed_with_parents', ageBand: '10-15', count: 7 },
      { category: 'placed_with_parents', ageBand: '16-17', count: 2 },
      { category: 'adoption_placement', ageBand: '<1', count: 4 },
      { category: 'adoption_placement', ageBand: '1-4', count: 7 },
      { category: 'adoption_placement', ageBand: '5-9', count: 1 },
      { category: 'other', ageBand: '<1', count: 2 },
      { category: 'other', ageBand: '1-4', count: 3 },
      { category: 'other', ageBand: '5-9', count: 5 },
      { category: 'other', ageBand: '10-15', count: 6 },
    ],
  },
  entries: {
    perYear: { '<1': 34, '1-4': 30, '5-9': 28, '10-15': 50, '16-17': 33 },
    trendPerYear: 0.0,
    routeShares: { care_proceedings: 0.55, section20: 0.35, other: 0.1 },
    routeSharesByAgeBand: {
      '<1': { care_proceedings: 0.8, section20: 0.15, other: 0.05 },
      '16-17': { care_proceedings: 0.2, section20: 0.7, other: 0.1 },
    },
    firstPlacement: {
      '<1': {
        kinship_foster: 0.2,
        inhouse_foster: 0.45,
        ifa_foster: 0.15,
        placed_with_parents: 0.15,
        other: 0.05,
      },
      '1-4': {
        kinship_foster: 0.25,
        inhouse_foster: 0.4,
        ifa_foster: 0.2,
        placed_with_parents: 0.1,
        other: 0.05,
      },
      '5-9': {
        kinship_foster: 0.25,
        inhouse_foster: 0.35,
        ifa_foster: 0.25,
        external_residential: 0.03,
        placed_with_parents: 0.07,
        other: 0.05,
      },
      '10-15': {
        kinship_foster: 0.15,
        inhouse_foster: 0.3,
        ifa_foster: 0.3,
        inhouse_residential: 0.05,
        external_residential: 0.1,
        placed_with_parents: 0.05,
        other: 0.05,
      },
      '16-17': {
        kinship_foster: 0.1,
        inhouse_foster: 0.2,
        ifa_foster: 0.2,
        inhouse_residential: 0.05,
        external_residential: 0.1,
        supported: 0.3,
        other: 0.05,
      },
    },
    maleShare: 0.54,
  },
  uasc: {
    perYear: 25,
    ageBandShares: { '10-15': 0.15, '16-17': 0.85 },
    firstPlacement: {
      '10-15': { inhouse_foster: 0.4, ifa_foster: 0.6 },
      '16-17': { inhouse_foster: 0.1, ifa_foster: 0.25, supported: 0.65 },
    },
    maleShare: 0.92,
  },
  transitions: {
    durationBandsDays: [90, 365, 730],
    rates: [
      {
        from: 'kinship_foster',
        to: { exit: 'reunification' },
        perYear: 0.8,
        durationBands: [0],
      },
      {
        from: 'kinship_foster',
        to: { exit: 'reunification' },
        perYear: 0.25,
        durationBands: [1],
      },
      {
        from: 'kinship_foster',
        to: { exit: 'reunification' },
        perYear: 0.08,
        durationBands: [2, 3],
      },
      {
        from: 'inhouse_foster',
        to: { exit: 'reunification' },
        perYear: 0.9,
        durationBands: [0],
      },
      {
        from: 'inhouse_foster',
        to: { exit: 'reunification' },
        perYear: 0.3,
        durationBands: [1],
      },
      {
        from: 'inhouse_foster',
        to: { exit: 'reunification' },
        perYear: 0.08,
        durationBands: [2, 3],
      },
      { from: 'ifa_foster', to: { exit: 'reunification' }, perYear: 0.7, durationBands: [0] },
      { from: 'ifa_foster', to: { exit: 'reunification' }, perYear: 0.25, durationBands: [1] },
      {
        from: 'ifa_foster',
        to: { exit: 'reunification' },
        perYear: 0.07,
        durationBands: [2, 3],
      },
      { from: 'external_residential', to: { exit: 'reunification' }, perYear: 0.15 },
      { from: 'inhouse_residential', to: { exit: 'reunification' }, perYear: 0.15 },
      { from: 'placed_with_parents', to: { exit: 'reunification' }, perYear: 0.6 },
      { from: 'other', to: { exit: 'reunification' }, perYear: 0.6 },
      { from: 'supported', to: { exit: 'reunification' }, perYear: 0.1, uasc: false },
      {
        from: 'inhouse_foster',
        to: { category: 'adoption_placement' },
        perYear: 0.3,
        ageBands: ['<1', '1-4'],
        durationBands: [1, 2],
      },
      {
        from: 'ifa_foster',
        to: { category: 'adoption_placement' },
        perYear: 0.25,
        ageBands: ['<1', '1-4'],
        durationBands: [1, 2],
      },
      {
        from: 'kinship_foster',
        to: { category: 'adoption_placement' },
        perYear: 0.05,
        ageBands: ['<1', '1-4'],
      },
      { from: 'adoption_placement', to: { exit: 'adoption' }, perYear: 1.3 },
      { from: 'adoption_placement', to: { category: 'inhouse_foster' }, perYear: 0.04 },
      {
        from: 'kinship_foster',
        to: { exit: 'special_guardianship' },
        perYear: 0.3,
        ageBands: ['<1', '1-4', '5-9', '10-15'],
        durationBands: [1, 2, 3],
      },
      {
        from: 'inhouse_foster',
        to: { exit: 'special_guardianship' },
        perYear: 0.05,
        ageBands: ['1-4', '5-9', '10-15'],
        durationBands: [2, 3],
      },
      {
        from: 'ifa_foster',
        to: { exit: 'special_guardianship' },
        perYear: 0.04,
        ageBands: ['1-4', '5-9', '10-15'],
        durationBands: [2, 3],
      },
      { from: 'placed_with_parents', to: { exit: 'child_arrangements' }, perYear: 0.15 },
      { from: 'kinship_foster', to: { exit: 'child_arrangements' }, perYear: 0.03 },
      { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.35 },
      {
        from: 'inhouse_foster',
        to: { exit: 'independent_living' },
        perYear: 0.05,
        ageBands: ['16-17'],
      },
      {
        from: 'ifa_foster',
        to: { exit: 'independent_living' },
        perYear: 0.05,
        ageBands: ['16-17'],
      },
      { from: 'external_residential', to: { exit: 'other' }, perYear: 0.08 },
      { from: 'inhouse_residential', to: { exit: 'other' }, perYear: 0.08 },
      { from: 'secure', to: { exit: 'other' }, perYear: 1.0 },
      { from: 'other', to: { exit: 'other' }, perYear: 0.3 },
      { from: 'kinship_foster', to: { exit: 'transfer' }, perYear: 0.01 },
      { from: 'inhouse_foster', to: { exit: 'transfer' }, perYear: 0.01 },
      { from: 'ifa_foster', to: { exit: 'transfer' }, perYear: 0.01 },
      { from: 'other', to: { category: 'inhouse_foster' }, perYear: 1.5 },
      { from: 'other', to: { category: 'ifa_foster' }, perYear: 0.8 },
      { from: 'placed_with_parents', to: { category: 'kinship_foster' }, perYear: 0.1 },
      { from: 'placed_with_parents', to: { category: 'inhouse_foster' }, perYear: 0.1 },
      { from: 'kinship_foster', to: { category: 'inhouse_foster' }, perYear: 0.04 },
      { from: 'inhouse_foster', to: { category: 'ifa_foster' }, perYear: 0.05 },
      { from: 'ifa_foster', to: { category: 'inhouse_foster' }, perYear: 0.04 },
      {
        from: 'inhouse_foster',
        to: { category: 'external_residential' },
        perYear: 0.04,
        ageBands: ['10-15', '16-17'],
      },
      {
        from: 'ifa_foster',
        to: { category: 'external_residential' },
        perYear: 0.06,
        ageBands: ['10-15', '16-17'],
      },
      {
        from: 'inhouse_foster',
        to: { category: 'supported' },
        perYear: 0.15,
        ageBands: ['16-17'],
      },
      { from: 'ifa_foster', to: { category: 'supported' }, perYear: 0.15, ageBands: ['16-17'] },
      {
        from: 'external_residential',
        to: { category: 'supported' },
        perYear: 0.3,
        ageBands: ['16-17'],
      },
      {
        from: 'inhouse_residential',
        to: { category: 'supported' },
        perYear: 0.3,
        ageBands: ['16-17'],
      },
      { from: 'external_residential', to: { category: 'ifa_foster' }, perYear: 0.08 },
      { from: 'external_residential', to: { category: 'inhouse_foster' }, perYear: 0.04 },
      { from: 'inhouse_residential', to: { category: 'inhouse_foster' }, perYear: 0.1 },
      {
        from: 'external_residential',
        to: { category: 'secure' },
        perYear: 0.02,
        ageBands: ['10-15', '16-17'],
      },
      { from: 'secure', to: { category: 'external_residential' }, perYear: 1.5 },
    ],
  },
  ageOut: { independent_living: 0.55, staying_put: 0.35, adult_care: 0.1 },
  supply: {
    capacity: {
      inhouse_foster: {
        households: 72,
        placesPerHousehold: 2,
        recruitmentPerYear: 11,
        deregistrationPerHouseholdYear: 0.14,
      },
      inhouse_residential: { beds: 16 },
      supported: { beds: 46 },
    },
    fallback: {
      inhouse_foster: ['ifa_foster', 'external_residential'],
      kinship_foster: ['inhouse_foster', 'ifa_foster'],
      inhouse_residential: ['external_residential'],
      supported: ['ifa_foster', 'other'],
    },
    lastResort: 'other',
    waitForPreferred: true,
  },
  costs: {
    weeklyCost: {
      kinship_foster: 380,
      inhouse_foster: 650,
      ifa_foster: 820,
      inhouse_residential: 4750,
      external_residential: 5600,
      supported: 950,
      secure: 7800,
      placed_with_parents: 150,
      adoption_placement: 300,
      other: 1900,
    },
    inflationPerYear: 0.03,
  },
  outOfAreaProbability: {
    kinship_foster: 0.3,
    inhouse_foster: 0.1,
    ifa_foster: 0.6,
    inhouse_residential: 0.05,
    external_residential: 0.8,
    supported: 0.3,
    secure: 0.9,
    placed_with_parents: 0.05,
    adoption_placement: 0.5,
    other: 0.5,
  },
};

/**
 * Anytown scaled up: initial counts and supply multiplied by `stockFactor`, arrivals per year by
 * `startsFactor`; hazards per child-year unchanged.
 */
export function anytownAtScale(stockFactor: number, startsFactor = stockFactor): ModelParameters {
  const p = structuredClone(anytownParameters);
  for (const cell of p.initialPopulation.counts ?? []) cell.count = Math.round(cell.count * stockFactor);
  for (const band of Object.keys(p.entries.perYear) as (keyof typeof p.entries.perYear)[]) {
    p.entries.perYear[band] = p.entries.perYear[band]! * startsFactor;
  }
  if (p.uasc) p.uasc.perYear *= startsFactor;
  for (const spec of Object.values(p.supply.capacity)) {
    if ('beds' in spec) spec.beds = Math.round(spec.beds * stockFactor);
    else {
      spec.households = Math.round(spec.households * stockFactor);
      spec.recruitmentPerYear = (spec.recruitmentPerYear ?? 0) * stockFactor;
    }
  }
  return p;
}

import fc from 'fast-check';
import { AGE_BANDS, type AgeBand } from '../../../src/model/domain/age-bands.js';
import { ENTRY_ROUTES, EXIT_REASONS, PLACEMENT_CATEGORIES, type PlacementCategory } from '../../../src/model/domain/ids.js';
import { addMonths } from '../../../src/model/dates.js';
import { DEFAULT_PROVIDERS, TYPES_OF_CARE, isTypeOfCare } from '../../../src/model/domain/types-of-care.js';
import type { CapacitySpec, Modifier, ModelParameters, PopulationCell, TransitionRate, TypeOfCareSpec } from '../../../src/model/parameters.js';

const category = fc.constantFrom(...PLACEMENT_CATEGORIES);
const nonSupported = fc.constantFrom(...PLACEMENT_CATEGORIES.filter((c) => c !== 'supported'));
const ageBand = fc.constantFrom(...AGE_BANDS);
const weight = fc.double({ min: 0, max: 1, noNaN: true });
const weights = <K extends string>(keys: readonly K[]) =>
  fc.tuple(...keys.map(() => weight)).map((ws) => Object.fromEntries(keys.map((k, i) => [k, ws[i]! + (i === 0 ? 0.01 : 0)])) as Record<K, number>);

/** A first placement names a category (that provider only) or a type of care (its providers in order). */
const need = fc.constantFrom<string>(...PLACEMENT_CATEGORIES, ...TYPES_OF_CARE);
const firstPlacementFor = (band: AgeBand) =>
  fc.uniqueArray(need, { minLength: 1, maxLength: 4 }).chain((cats) =>
    fc.tuple(...cats.map(() => weight)).map((ws) => {
      const ok = cats.filter((c) => (c !== 'supported' && c !== 'supported_accommodation') || band === '16-17');
      const list = ok.length > 0 ? ok : ['inhouse_foster' as PlacementCategory];
      return Object.fromEntries(list.map((c, i) => [c, (ws[i] ?? 0.5) + 0.01]));
    }),
  );

/** Matching: absent (1), none, every place, or any chance in between. */
const matchProbability = fc.option(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined });
const withMatch = <T extends object>(spec: T, q: number | undefined): T => (q === undefined ? spec : { ...spec, matchProbability: q });

const capacitySpec: fc.Arbitrary<CapacitySpec> = fc.oneof(
  fc.record({ beds: fc.integer({ min: 0, max: 12 }), q: matchProbability }).map(({ q, ...spec }) => withMatch(spec, q)),
  fc
    .record({
      households: fc.integer({ min: 0, max: 6 }),
      placesPerHousehold: fc.integer({ min: 1, max: 3 }),
      recruitmentPerYear: fc.double({ min: 0, max: 8, noNaN: true }),
      deregistrationPerHouseholdYear: fc.double({ min: 0, max: 1, noNaN: true }),
      q: matchProbability,
    })
    .map(({ q, ...spec }) => withMatch(spec, q)),
);

/** A provider order (never supported: the types drawn here are open to every age) and step-across. */
const typeOfCareSpec: fc.Arbitrary<TypeOfCareSpec> = fc.record({
  providers: fc.uniqueArray(nonSupported, { minLength: 1, maxLength: 3 }),
  stepAcross: fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 40 }).map((v) => ({ perYear: v / 10 }))),
});

/** A rate per year: mostly 0.1-4 (fast-check's doubles crowd at 0 and at tiny values, which never fire), sometimes any double. */
const perYear = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }).map((v) => v / 10) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 4, noNaN: true }) });

/** For each exit reason, a hazard from one category or from every category: every exit reason fires. */
const exitRows = fc.tuple(...EXIT_REASONS.map(() => fc.record({ everywhere: fc.boolean(), from: category, perYear: fc.integer({ min: 1, max: 12 }).map((v) => v / 10) }))).map((rows) =>
  rows.flatMap((r, i) => (r.everywhere ? PLACEMENT_CATEGORIES : [r.from]).map((from): TransitionRate => ({ from, to: { exit: EXIT_REASONS[i]! }, perYear: r.perYear }))),
);

/** Moves into one to three categories, from one category or from every other. */
const moveRows = fc.array(fc.record({ everywhere: fc.boolean(), from: category, to: category, perYear: fc.integer({ min: 1, max: 12 }).map((v) => v / 10) }), { minLength: 1, maxLength: 3 }).map((rows) =>
  rows.flatMap((r) => (r.everywhere ? PLACEMENT_CATEGORIES : [r.from]).filter((from) => from !== r.to).map((from): TransitionRate => ({ from, to: { category: r.to }, perYear: r.perYear }))),
);

/** Capacity cuts (1-5 beds, two to four of them) during the run, in categories children are first placed in: displacement when full. */
const capacityCuts = fc.array(fc.record({ at: fc.integer({ min: 0, max: 99 }), pick: fc.nat(), change: fc.integer({ min: -5, max: -1 }) }), { minLength: 2, maxLength: 4 });

/** A move names a category or a type of care (its providers by availability), or an exit. */
const target = fc.oneof(
  category.map((c): TransitionRate['to'] => ({ category: c })),
  fc.constantFrom(...TYPES_OF_CARE).map((t): TransitionRate['to'] => ({ typeOfCare: t })),
  fc.constantFrom(...EXIT_REASONS).map((e): TransitionRate['to'] => ({ exit: e })),
);

const rate: fc.Arbitrary<TransitionRate> = fc
  .record({
    from: category,
    to: target,
    perYear,
    ageBands: fc.option(fc.uniqueArray(ageBand, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    durationBands: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    uasc: fc.option(fc.boolean(), { nil: undefined }),
  })
  .filter((r) => !('category' in r.to) || r.to.category !== r.from)
  .map((r) => {
    const out: TransitionRate = { from: r.from, to: r.to, perYear: r.perYear };
    if (r.ageBands) out.ageBands = r.ageBands;
    if (r.durationBands) out.durationBands = r.durationBands;
    if (r.uasc !== undefined) out.uasc = r.uasc;
    return out;
  });

const cell: fc.Arbitrary<PopulationCell> = fc
  .record({ category, ageBand, count: fc.integer({ min: 0, max: 12 }), durationBand: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), uasc: fc.boolean() })
  .map((c) => {
    const out: PopulationCell = { category: c.category, ageBand: c.category === 'supported' ? '16-17' : c.ageBand, count: c.count, uasc: c.uasc };
    if (c.durationBand !== undefined) out.durationBand = c.durationBand;
    return out;
  });

/** Random model parameters: small populations, tiny capacities (to force fallback and waiting), every modifier kind. */
export function randomParameters(tight = false): fc.Arbitrary<ModelParameters> {
  return fc
    .record({
      tightBeds: fc.tuple(...PLACEMENT_CATEGORIES.map(() => fc.integer({ min: 0, max: 3 }))),
      tightMatch: fc.tuple(...PLACEMENT_CATEGORIES.map(() => matchProbability)),
      typesOfCare: fc.record({ family_foster_care: fc.option(typeOfCareSpec, { nil: undefined }), residential_care: fc.option(typeOfCareSpec, { nil: undefined }) }),
      startMonth: fc.integer({ min: 0, max: 23 }),
      startDay: fc.constantFrom(1, 1, 15, 28),
      months: fc.integer({ min: 1, max: 36 }),
      counts: fc.array(cell, { maxLength: 10 }),
      perYear: fc.tuple(...AGE_BANDS.map(() => fc.double({ min: 0, max: 40, noNaN: true }))),
      trend: fc.double({ min: -0.2, max: 0.3, noNaN: true }),
      routes: weights(ENTRY_ROUTES),
      firstPlacement: fc.tuple(...AGE_BANDS.map((b) => firstPlacementFor(b))),
      uasc: fc.option(fc.double({ min: 0, max: 20, noNaN: true }), { nil: undefined }),
      uascPlacement: fc.tuple(firstPlacementFor('10-15'), firstPlacementFor('16-17')),
      bounds: fc.uniqueArray(fc.integer({ min: 10, max: 900 }), { minLength: 0, maxLength: 2 }),
      rates: fc.array(rate, { maxLength: 14 }),
      exitRows,
      moveRows,
      capacityCuts,
      ageOut: weights(['independent_living', 'staying_put', 'adult_care'] as const),
      capacity: fc.dictionary(category, capacitySpec, { maxKeys: 5 }),
      fallback: fc.dictionary(category, fc.uniqueArray(category, { maxLength: 3 }), { maxKeys: 5 }),
      lastResort: nonSupported,
      waitForPreferred: fc.boolean(),
      inflation: fc.double({ min: 0, max: 0.1, noNaN: true }),
      outOfArea: fc.dictionary(category, fc.double({ min: 0, max: 1, noNaN: true }), { maxKeys: 4 }),
      modifiers: fc.array(modifier(), { maxLength: 6 }),
    })
    .map((r) => {
      const start = addMonths('2025-01-01', r.startMonth).slice(0, 8) + String(r.startDay).padStart(2, '0');
      const end = addMonths(start, r.months);
      const rates = [...r.rates, ...r.exitRows, ...r.moveRows].map((x) => ({ ...x, durationBands: x.durationBands?.filter((d) => d <= r.bounds.length) }));
      if (tight) {
        PLACEMENT_CATEGORIES.forEach((c, i) => {
          if (c !== r.lastResort && !(c in r.capacity)) r.capacity[c] = withMatch({ beds: r.tightBeds[i]! }, r.tightMatch[i]);
        });
      }
      const capacityCats = Object.keys(r.capacity) as PlacementCategory[];
      const householdCats = capacityCats.filter((c) => 'households' in r.capacity[c]!);
      // Categories entrants are placed in first: those named, and the providers of the types of care named.
      const providersOf = (k: string): readonly string[] =>
        isTypeOfCare(k) ? ((r.typesOfCare as Record<string, TypeOfCareSpec | undefined>)[k]?.providers ?? DEFAULT_PROVIDERS[k]) : [k];
      const placedFirst = [...new Set(r.firstPlacement.flatMap((w) => Object.keys(w).flatMap(providersOf)))].filter((c) => capacityCats.includes(c as PlacementCategory)) as PlacementCategory[];
      const cuts = placedFirst.length === 0 ? [] : r.capacityCuts.map((m): Relative<Modifier> => ({ kind: 'capacity', month: Math.floor((m.at * r.months) / 100), category: placedFirst[m.pick % placedFirst.length]!, change: m.change }));
      const modifiers = [...r.modifiers, ...cuts]
        .map((m) => shiftModifier(m, start))
        .filter((m) => {
          if (m.kind === 'capacity') return capacityCats.includes(m.category);
          if (m.kind === 'recruitment' || m.kind === 'retention') return householdCats.includes(m.category ?? 'inhouse_foster');
          return true;
        });
      const params: ModelParameters = {
        start,
        end,
        initialPopulation: {
          counts: r.counts.map((c) => (c.durationBand !== undefined && c.durationBand > r.bounds.length ? { ...c, durationBand: r.bounds.length } : c)),
        },
        entries: {
          perYear: Object.fromEntries(AGE_BANDS.map((b, i) => [b, r.perYear[i]!])),
          trendPerYear: r.trend,
          routeShares: r.routes,
          firstPlacement: Object.fromEntries(AGE_BANDS.map((b, i) => [b, r.firstPlacement[i]!])),
        },
        transitions: {
          durationBandsDays: [...r.bounds].sort((a, b) => a - b),
          rates: rates.map((x) => {
            const { durationBands, ...rest } = x;
            return durationBands && durationBands.length > 0 ? { ...rest, durationBands } : rest;
          }),
        },
        ageOut: r.ageOut,
        supply: {
          capacity: r.capacity,
          fallback: r.fallback,
          lastResort: r.lastResort,
          waitForPreferred: r.waitForPreferred,
          typesOfCare: Object.fromEntries(Object.entries(r.typesOfCare).filter(([, v]) => v !== undefined)),
        },
        costs: { weeklyCost: Object.fromEntries(PLACEMENT_CATEGORIES.map((c, i) => [c, 100 * (i + 1)])), inflationPerYear: r.inflation },
        outOfAreaProbability: r.outOfArea,
        modifiers,
      };
      if (r.uasc !== undefined) {
        params.uasc = {
          perYear: r.uasc,
          ageBandShares: { '10-15': 0.3, '16-17': 0.7 },
          firstPlacement: { '10-15': r.uascPlacement[0], '16-17': r.uascPlacement[1] },
        };
      }
      return params;
    });
}

type Relative<M> = M extends { from: string } ? Omit<M, 'from' | 'until'> & { fromMonth: number; untilMonth?: number } : M extends { date: string } ? Omit<M, 'date'> & { month: number } : never;

function modifier(): fc.Arbitrary<Relative<Modifier>> {
  const effect = fc.oneof(
    fc.double({ min: 0, max: 3, noNaN: true }).map((v) => ({ multiply: v })),
    fc.double({ min: -5, max: 5, noNaN: true }).map((v) => ({ add: v })),
    fc.double({ min: 0, max: 30, noNaN: true }).map((v) => ({ set: v })),
  );
  const window = { fromMonth: fc.integer({ min: -3, max: 30 }), untilMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), rampMonths: fc.integer({ min: 0, max: 6 }) };
  return fc.oneof(
    fc.record({ kind: fc.constant('entries' as const), ...window, uasc: fc.constant(false), routes: fc.option(fc.uniqueArray(fc.constantFrom(...ENTRY_ROUTES), { minLength: 1 }), { nil: undefined }), effect: effect.filter((e) => !('set' in e)) }),
    fc.record({ kind: fc.constant('hazard' as const), ...window, fromCategories: fc.option(fc.uniqueArray(category, { minLength: 1, maxLength: 3 }), { nil: undefined }), effect }),
    // A reduction carries no block cost: giving back block beds is checked against those held (flows.spec.ts).
    fc
      .record({ kind: fc.constant('capacity' as const), month: fc.integer({ min: -1, max: 30 }), category, change: fc.integer({ min: -6, max: 6 }), weeklyCostPerBed: fc.integer({ min: 0, max: 500 }) })
      .map((m) => (m.change < 0 ? { ...m, weeklyCostPerBed: 0 } : m)),
    fc.record({ kind: fc.constant('recruitment' as const), ...window, category, extraHouseholdsPerYear: fc.double({ min: 0, max: 10, noNaN: true }) }),
    fc.record({ kind: fc.constant('retention' as const), ...window, category, effect: effect.filter((e) => !('add' in e)) }),
    fc.record({ kind: fc.constant('duration-cap' as const), ...window, category, afterDays: fc.integer({ min: 0, max: 400 }), probability: fc.double({ min: 0, max: 1, noNaN: true }), to: target }),
    fc.record({ kind: fc.constant('cost' as const), fromMonth: fc.integer({ min: -3, max: 30 }), category: fc.option(category, { nil: undefined }), effect: fc.option(effect, { nil: undefined }), inflationPerYear: fc.double({ min: 0, max: 0.2, noNaN: true }) }),
    fc.record({ kind: fc.constant('fallback' as const), fromMonth: fc.integer({ min: -3, max: 30 }), category, order: fc.uniqueArray(category, { maxLength: 3 }) }),
  ) as fc.Arbitrary<Relative<Modifier>>;
}

function shiftModifier(m: Relative<Modifier>, start: string): Modifier {
  const at = (months: number) => addMonths(start, months);
  if ('month' in m) {
    const { month, ...rest } = m;
    return { ...rest, date: at(month) } as Modifier;
  }
  const { fromMonth, untilMonth, ...rest } = m as { fromMonth: number; untilMonth?: number } & Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest, from: at(fromMonth) };
  if (untilMonth !== undefined && 'rampMonths' in rest) out['until'] = at(fromMonth + untilMonth);
  if (out['kind'] === 'duration-cap' && 'category' in out && 'to' in out) {
    const to = out['to'] as { category?: string };
    if (to.category === out['category']) out['to'] = { exit: 'other' };
  }
  return out as unknown as Modifier;
}

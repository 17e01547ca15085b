import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { runReplication } from '../../../src/model/sim/replication.js';
import { ACCOMMODATIONS, CARE_LEAVER_AGES, STAYING_PUT_CATEGORIES } from '../../../src/model/domain/care-leavers.js';
import { ParameterError } from '../../../src/model/parameter-error.js';
import type { CareLeaverParameters, CareLeaverModifier } from '../../../src/model/care-leaver-parameters.js';
import type { ModelParameters, Modifier } from '../../../src/model/parameters.js';
import type { ReplicationOutput } from '../../../src/model/sim/replication-output.js';
import { addMonths } from '../../../src/model/dates.js';
import { midSizeAuthority } from '../fixtures.js';
import { randomParameters } from './random-parameters.js';

const get = (out: ReplicationOutput, key: string): Float64Array => {
  const s = out.series[key];
  if (!s) throw new Error(`no series ${key}`);
  return s;
};

/** Random care-leaver settings and levers on top of a random model, with foster households and 16-17s who age out. */
const withCareLeavers = fc
  .record({
    params: randomParameters(),
    households: fc.integer({ min: 0, max: 8 }),
    places: fc.integer({ min: 1, max: 3 }),
    recruit: fc.integer({ min: 0, max: 6 }),
    dereg: fc.integer({ min: 0, max: 10 }).map((v) => v / 10),
    fosterTeens: fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })),
    endAgeYears: fc.integer({ min: 19, max: 25 }),
    takeUp: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined }),
    moveOn: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([a, b]) => [a / 10, b / 10] as const),
    movesPerYear: fc.integer({ min: 0, max: 30 }).map((v) => v / 10),
    lodgings: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    initial: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 0, maxLength: 7 }),
    levers: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('staying-put' as const),
          month: fc.integer({ min: 0, max: 24 }),
          ramp: fc.integer({ min: 0, max: 6 }),
          category: fc.option(fc.constantFrom(...STAYING_PUT_CATEGORIES), { nil: undefined }),
          takeUp: fc.double({ min: 0, max: 1, noNaN: true }),
          moveOn: fc.double({ min: 0, max: 3, noNaN: true }),
        }),
        fc.record({ kind: fc.constant('care-leaver-accommodation' as const), month: fc.integer({ min: 0, max: 24 }), ramp: fc.integer({ min: 0, max: 6 }), places: fc.integer({ min: -3, max: 4 }).map((v) => (v >= 0 ? v + 1 : v)) }),
      ),
      { maxLength: 3 },
    ),
  })
  .map((r) => {
    const p: ModelParameters = structuredClone(r.params);
    p.supply.capacity['inhouse_foster'] = { households: r.households, placesPerHousehold: r.places, recruitmentPerYear: r.recruit, deregistrationPerHouseholdYear: r.dereg };
    p.initialPopulation.counts = [
      ...(p.initialPopulation.counts ?? []),
      { category: 'inhouse_foster', ageBand: '16-17', count: r.fosterTeens[0] },
      { category: 'ifa_foster', ageBand: '16-17', count: r.fosterTeens[1] },
    ];
    p.ageOut = { independent_living: 1, staying_put: 2 };
    const cl: CareLeaverParameters = {
      endAgeYears: r.endAgeYears,
      movesPerYear: r.movesPerYear,
      stayingPut: { moveOnPerYear: { inhouse_foster: r.moveOn[0], ifa_foster: r.moveOn[1] } },
      initialPopulation: Object.fromEntries(r.initial.slice(0, r.endAgeYears - 18).map((n, i) => [String(18 + i), n])),
    };
    if (r.takeUp) cl.stayingPut!.takeUp = { inhouse_foster: r.takeUp[0], ifa_foster: r.takeUp[1] };
    if (r.lodgings !== undefined) cl.capacity = { supported_lodgings: r.lodgings };
    p.careLeavers = cl;
    const levers: CareLeaverModifier[] = r.levers.flatMap((l): CareLeaverModifier[] => {
      const from = addMonths(p.start, l.month);
      if (from > p.end) return [];
      if (l.kind === 'staying-put') {
        const m: CareLeaverModifier = { kind: 'staying-put', from, rampMonths: l.ramp, takeUp: { set: l.takeUp }, moveOn: { multiply: l.moveOn } };
        if (l.category) m.category = l.category;
        return [m];
      }
      return r.lodgings === undefined ? [] : [{ kind: 'care-leaver-accommodation', from, rampMonths: l.ramp, accommodation: 'supported_lodgings', places: l.places }];
    });
    p.modifiers = [...(p.modifiers ?? []), ...(levers as Modifier[])];
    return p;
  });

describe('care leavers', () => {
  it('keep every invariant: ages 18 to the end age, staying put holds one place of an existing household, capacity plus places held within places', () => {
    let held = 0;
    let spMonths = 0;
    let exitsAtEndAge = 0;
    fc.assert(
      fc.property(withCareLeavers, fc.integer({ min: 0, max: 1000 }), (params, seed) => {
        const out = runReplication(compileModel(params), seed, 0, { checkInvariants: true });
        held += get(out, 'staying_put_places_held|total').reduce((a, b) => a + b, 0);
        spMonths += get(out, 'staying_put|total').reduce((a, b) => a + b, 0);
        exitsAtEndAge += get(out, 'care_leaver_exits|total').reduce((a, b) => a + b, 0);
      }),
      { numRuns: 40 },
    );
    // The runs exercised what the invariants guard: places held, staying put and leaving at the end age.
    expect(held).toBeGreaterThan(0);
    // Every place held is one young person staying put (IFA staying put holds none).
    expect(spMonths).toBeGreaterThanOrEqual(held);
    expect(exitsAtEndAge).toBeGreaterThan(0);
  }, 120_000);

  it('conserve the population per state and month: stock = previous + entries + moves in - moves out - exits at the end age', () => {
    fc.assert(
      fc.property(withCareLeavers, fc.integer({ min: 0, max: 1000 }), (params, seed) => {
        const out = runReplication(compileModel(params), seed, 1);
        const n = out.dates.length;
        let movesIn = 0;
        let movesOut = 0;
        for (const a of [...ACCOMMODATIONS, 'total']) {
          const stock = get(out, `care_leavers|${a}`);
          const entries = get(out, `care_leaver_entries|${a}`);
          const into = get(out, `care_leaver_moves_in|${a}`);
          const outOf = get(out, `care_leaver_moves_out|${a}`);
          const exits = get(out, `care_leaver_exits|${a}`);
          for (let i = 1; i < n; i++) expect(stock[i]).toBe(stock[i - 1]! + entries[i]! + into[i]! - outOf[i]! - exits[i]!);
          if (a === 'total') {
            movesIn = into.reduce((x, y) => x + y, 0);
            movesOut = outOf.reduce((x, y) => x + y, 0);
          }
        }
        expect(movesIn).toBe(movesOut);
        // Ages and staying put by provider add up to the states.
        const byAge = CARE_LEAVER_AGES.map((g) => get(out, `care_leavers_by_age|${g}`));
        for (let i = 0; i < n; i++) {
          expect(byAge.reduce((x, s) => x + s[i]!, 0)).toBe(get(out, 'care_leavers|total')[i]);
          expect(get(out, 'staying_put|inhouse_foster')[i]).toBe(get(out, 'care_leavers|staying_put_inhouse')[i]);
          expect(get(out, 'staying_put|total')[i]).toBe(get(out, 'care_leavers|staying_put_inhouse')[i]! + get(out, 'care_leavers|staying_put_ifa')[i]!);
          expect(get(out, 'staying_put_places_held|inhouse_foster')[i]).toBeLessThanOrEqual(get(out, 'staying_put|inhouse_foster')[i]!);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('without careLeavers the model has no care-leaver series and the same results as before', () => {
    const base = midSizeAuthority(1);
    const out = runReplication(compileModel(base), 3, 0);
    expect(Object.keys(out.series).some((k) => k.startsWith('care_leaver') || k.startsWith('staying_put'))).toBe(false);
  });

  it('with care leavers but no staying put in-house, the in-care series are those of the model without them', () => {
    const base = midSizeAuthority(2);
    base.supply.capacity['inhouse_foster'] = { households: 60, placesPerHousehold: 2, recruitmentPerYear: 8, deregistrationPerHouseholdYear: 0.1 };
    const withLeavers: ModelParameters = { ...base, careLeavers: { stayingPut: { takeUp: { inhouse_foster: 0 } }, initialPopulation: {} } };
    const a = runReplication(compileModel(base), 5, 0);
    const b = runReplication(compileModel(withLeavers), 5, 0);
    for (const [k, v] of Object.entries(a.series)) if (!k.startsWith('exits|')) expect([k, [...b.series[k]!]]).toEqual([k, [...v]]);
  });

  it('staying put with in-house carers holds places: in-house capacity for children falls by the places held', () => {
    const base = midSizeAuthority(2);
    base.supply.capacity['inhouse_foster'] = { households: 80, placesPerHousehold: 2 };
    base.ageOut = { staying_put: 1 };
    const params: ModelParameters = { ...base, careLeavers: { stayingPut: { moveOnPerYear: { inhouse_foster: 0 } }, initialPopulation: {} } };
    const out = runReplication(compileModel(params), 2, 0, { checkInvariants: true });
    const held = get(out, 'staying_put_places_held|inhouse_foster');
    const capacity = get(out, 'capacity|inhouse_foster');
    const last = out.dates.length - 1;
    expect(held[last]).toBeGreaterThan(5);
    for (let i = 0; i <= last; i++) expect(capacity[i]! + held[i]!).toBe(160);
  });
});

describe('care-leaver parameters refused with their path', () => {
  const base = (): ModelParameters => midSizeAuthority(1);
  const refuse = (p: ModelParameters, path: string, what: RegExp): void => {
    try {
      compileModel(p);
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      expect((e as ParameterError).path).toBe(path);
      expect((e as Error).message).toMatch(what);
      return;
    }
    throw new Error('accepted');
  };

  it('an end age outside 19-25', () => {
    refuse({ ...base(), careLeavers: { endAgeYears: 26 } }, 'careLeavers.endAgeYears', /19 to 25/);
    refuse({ ...base(), careLeavers: { endAgeYears: 18 } }, 'careLeavers.endAgeYears', /19 to 25/);
  });

  it('accommodation shares that do not sum to 100%', () => {
    refuse({ ...base(), careLeavers: { accommodationByAge: { '19': { independent: 0.5, other: 0.3 } } } }, 'careLeavers.accommodationByAge.19', /sum to 80%/);
  });

  it('a staying-put lever on a category without households', () => {
    const p = base();
    p.careLeavers = {};
    p.modifiers = [{ kind: 'staying-put', from: p.start, category: 'inhouse_residential' as 'inhouse_foster', takeUp: { set: 0.5 } }];
    refuse(p, 'modifiers[0].category', /no foster households/);
    p.supply.capacity['inhouse_foster'] = { beds: 200 };
    p.modifiers = [{ kind: 'staying-put', from: p.start, category: 'inhouse_foster', takeUp: { set: 0.5 } }];
    refuse(p, 'modifiers[0].category', /no foster households/);
  });

  it('a care-leaver lever without care leavers, and places on a state without capacity', () => {
    const p = base();
    p.modifiers = [{ kind: 'staying-put', from: p.start, takeUp: { set: 0.5 } }];
    refuse(p, 'modifiers[0].kind', /careLeavers/);
    p.careLeavers = {};
    p.modifiers = [{ kind: 'care-leaver-accommodation', from: p.start, accommodation: 'supported_lodgings', places: 3 }];
    refuse(p, 'modifiers[0].places', /no capacity/);
  });
});

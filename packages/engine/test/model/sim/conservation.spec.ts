import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { runReplication } from '../../../src/model/sim/replication.js';
import { anniversaryDay } from '../../../src/model/calendar.js';
import { isoToDay } from '../../../src/model/dates.js';
import { AGE_BAND_START_YEARS, AGE_BANDS } from '../../../src/model/domain/age-bands.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from '../../../src/model/domain/ids.js';
import type { EpisodeRecord, ReplicationOutput } from '../../../src/model/sim/replication-output.js';
import { randomParameters } from './random-parameters.js';

const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
const get = (out: ReplicationOutput, key: string): Float64Array => out.series[key] ?? new Float64Array(out.dates.length);

/** Per category: moves into it and out of it, per date. */
function moveTotals(out: ReplicationOutput): { into: Map<string, Float64Array>; outOf: Map<string, Float64Array> } {
  const into = new Map<string, Float64Array>();
  const outOf = new Map<string, Float64Array>();
  for (const c of PLACEMENT_CATEGORIES) {
    into.set(c, new Float64Array(out.dates.length));
    outOf.set(c, new Float64Array(out.dates.length));
  }
  for (const [k, v] of Object.entries(out.series)) {
    if (!k.startsWith('moves|')) continue;
    const [from, to] = k.slice('moves|'.length).split('->') as [string, string];
    const a = into.get(to)!;
    const b = outOf.get(from)!;
    for (let m = 0; m < v.length; m++) {
      a[m] = a[m]! + v[m]!;
      b[m] = b[m]! + v[m]!;
    }
  }
  return { into, outOf };
}

const seeds = [fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 50 })] as const;
/** Half the runs have every category but the last resort limited to 0-3 places, to force fallback, waiting and displacement. */
const runs = fc.oneof(fc.tuple(randomParameters(), ...seeds), fc.tuple(randomParameters(true), ...seeds));

const COVERAGE_BATCHES = 3;

/** Events of every kind over the generated runs: a counter nothing exercises is a counter nothing tests. */
interface Coverage {
  runs: number;
  exits: Map<string, number>;
  /** Episodes by how they began (`move`, `displaced`, `waiting-filled`, ...). */
  spells: Map<string, number>;
  placedOutOfPreference: number;
  /** Month ends with someone waiting. */
  waitingMonths: number;
  /** Months in which a capacity-limited category's capacity changed. */
  capacityChanges: number;
}

function newCoverage(): Coverage {
  return { runs: 0, exits: new Map(EXIT_REASONS.map((r) => [r, 0])), spells: new Map(), placedOutOfPreference: 0, waitingMonths: 0, capacityChanges: 0 };
}

function addCoverage(cov: Coverage, out: ReplicationOutput): void {
  const sum = (key: string): number => get(out, key).reduce((a, b) => a + b, 0);
  cov.runs++;
  for (const r of EXIT_REASONS) cov.exits.set(r, cov.exits.get(r)! + sum(`exits|${r}`));
  for (const e of out.episodes ?? []) cov.spells.set(e.reason, (cov.spells.get(e.reason) ?? 0) + 1);
  cov.placedOutOfPreference += sum('placed_out_of_preference|total');
  cov.waitingMonths += get(out, 'waiting|total').filter((v) => v > 0).length;
  for (const c of PLACEMENT_CATEGORIES) {
    const capacity = out.series[`capacity|${c}`];
    if (capacity) for (let m = 1; m < capacity.length; m++) if (capacity[m] !== capacity[m - 1]) cov.capacityChanges++;
  }
}

/** What the generated runs must exercise, at least: each exit reason 2% of exits, each kind of move and supply change. */
function coverageGaps(cov: Coverage): string[] {
  const gaps: string[] = [];
  const exits = [...cov.exits.values()].reduce((a, b) => a + b, 0);
  for (const [r, n] of cov.exits) if (n < Math.max(10, 0.02 * exits)) gaps.push(`exits|${r}: ${n} of ${exits} exits`);
  for (const reason of ['move', 'displaced', 'waiting-filled'] as const) {
    const n = cov.spells.get(reason) ?? 0;
    if (n < 10) gaps.push(`spells begun by ${reason}: ${n}`);
  }
  if (cov.placedOutOfPreference < 10) gaps.push(`placed out of preference: ${cov.placedOutOfPreference}`);
  if (cov.waitingMonths < 10) gaps.push(`month ends with children waiting: ${cov.waitingMonths}`);
  if (cov.capacityChanges < 10) gaps.push(`capacity changes: ${cov.capacityChanges}`);
  return gaps;
}

describe('runReplication over random parameters', { timeout: 60_000 }, () => {
  it('conserves the total and every category each month, with no negative stock, over runs that exercise every exit, move and supply path', () => {
    const coverage = newCoverage();
    const property = fc.property(runs, ([params, seed, rep]) => {
        const out = runReplication(compileModel(params), seed, rep, { checkInvariants: true, recordEpisodes: true });
        addCoverage(coverage, out);
        const total = get(out, 'in_care|total');
        const { into, outOf } = moveTotals(out);
        // Plain comparisons collected per run: thousands of expect() calls would dominate the run time.
        const broken: string[] = [];
        const check = (ok: boolean, what: string, m: number): void => {
          if (!ok) broken.push(`${out.dates[m]}: ${what}`);
        };
        for (let m = 0; m < out.dates.length; m++) {
          let sum = 0;
          for (const c of PLACEMENT_CATEGORIES) {
            const stock = get(out, `in_care|${c}`);
            check(stock[m]! >= 0, `in_care|${c} is negative`, m);
            sum += stock[m]!;
            if (m > 0) {
              const expected = stock[m - 1]! + get(out, `entries|${c}`)[m]! + into.get(c)![m]! - outOf.get(c)![m]! - get(out, `exits_from|${c}`)[m]!;
              check(stock[m] === expected, `in_care|${c} is ${stock[m]}, flows give ${expected}`, m);
            }
          }
          check(sum === total[m], `categories sum to ${sum}, total is ${total[m]}`, m);
          if (m > 0) {
            const expected = total[m - 1]! + get(out, 'entries|total')[m]! - get(out, 'exits|total')[m]!;
            check(total[m] === expected, `in_care|total is ${total[m]}, flows give ${expected}`, m);
            check(get(out, 'exits_from|total')[m] === get(out, 'exits|total')[m], 'exits_from|total differs from exits|total', m);
          } else {
            check(get(out, 'entries|total')[0] === 0, 'a flow at the start date', m);
          }
          let byAge = 0;
          let entriesByAge = 0;
          for (const b of AGE_BANDS) {
            check(get(out, `in_care_by_age|${b}`)[m]! >= 0, `in_care_by_age|${b} is negative`, m);
            byAge += get(out, `in_care_by_age|${b}`)[m]!;
            entriesByAge += get(out, `entries_by_age|${b}`)[m]!;
          }
          check(byAge === total[m], `age bands sum to ${byAge}, total is ${total[m]}`, m);
          check(get(out, 'in_care_by_age|total')[m] === total[m], 'in_care_by_age|total differs from in_care|total', m);
          check(entriesByAge === get(out, 'entries|total')[m], `entries by age sum to ${entriesByAge}, entries|total is ${get(out, 'entries|total')[m]}`, m);
          check(get(out, 'entries_by_age|total')[m] === get(out, 'entries|total')[m], 'entries_by_age|total differs from entries|total', m);
          check(get(out, 'waiting|total')[m]! <= total[m]!, 'more waiting than in care', m);
          check(get(out, 'out_of_area|total')[m]! <= total[m]!, 'more out of area than in care', m);
        }
        expect(broken).toEqual([]);
      });
    // Batches of 80 runs until every path is covered, at most COVERAGE_BATCHES. Displacement is the
    // rarest path: its spells come in clusters (a category closing on several children), 7-65 in a
    // batch over 60 fast-check seeds, fewer than 10 in one (1 in 60). A shortfall in three batches
    // together needs each short, so it occurs in about (1/60)^3 of runs (under 6 x 10^-4 even at the
    // upper 95% bound of that rate, 0.08); one batch suffices in 59 runs of 60.
    // A fixed seed (CI, FC_SEED) would replay the same runs in every batch: later batches take the next seeds.
    const fixed = fc.readConfigureGlobal().seed;
    for (let batch = 0; batch < COVERAGE_BATCHES && (batch === 0 || coverageGaps(coverage).length > 0); batch++) {
      fc.assert(property, { numRuns: 80, ...(fixed !== undefined ? { seed: fixed + batch } : {}) });
    }
    expect(coverageGaps(coverage), JSON.stringify({ ...coverage, exits: Object.fromEntries(coverage.exits), spells: Object.fromEntries(coverage.spells) })).toEqual([]);
  });

  it('keeps occupancy within capacity in every capacity-limited category but the last resort', () => {
    fc.assert(
      fc.property(runs, ([params, seed, rep]) => {
        const model = compileModel(params);
        const out = runReplication(model, seed, rep);
        for (const c of PLACEMENT_CATEGORIES) {
          const capacity = out.series[`capacity|${c}`];
          if (!capacity || PLACEMENT_CATEGORIES.indexOf(c) === model.lastResort) continue;
          const occupied = get(out, `occupied|${c}`);
          const over = out.dates.filter((_, m) => occupied[m]! > capacity[m]!);
          expect(over, `occupied|${c} above capacity`).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('carries household series for household categories: stock changes by recruited minus de-registered, vacancies are capacity less occupancy, the gap capacity less occupied and waiting', () => {
    let households = 0;
    fc.assert(
      fc.property(runs, ([params, seed, rep]) => {
        const model = compileModel(params);
        const out = runReplication(model, seed, rep);
        PLACEMENT_CATEGORIES.forEach((c, i) => {
          const h = out.series[`households|${c}`];
          expect(h !== undefined, `households|${c}`).toBe(model.capacityKind[i] === 2);
          const capacity = out.series[`capacity|${c}`];
          if (capacity) {
            const vacancies = get(out, `vacancies|${c}`);
            const occupied = get(out, `occupied|${c}`);
            out.dates.forEach((_, m) => expect(vacancies[m]).toBe(Math.max(0, capacity[m]! - occupied[m]!)));
            // The gap is places minus demand (occupied + waiting for this type), signed.
            const gap = get(out, `capacity_gap|${c}`);
            const waiting = get(out, `waiting|${c}`);
            out.dates.forEach((_, m) => expect(gap[m]).toBe(capacity[m]! - occupied[m]! - waiting[m]!));
          } else expect(out.series[`capacity_gap|${c}`], `capacity_gap|${c} without places`).toBeUndefined();
          if (!h) return;
          households++;
          const recruited = get(out, `households_recruited|${c}`);
          const left = get(out, `households_deregistered|${c}`);
          for (let m = 1; m < out.dates.length; m++) expect(h[m]! - h[m - 1]!).toBe(recruited[m]! - left[m]!);
        });
      }),
      { numRuns: 40 },
    );
    expect(households).toBeGreaterThan(0);
  });

  it('splits in_care and entries by UASC status as the child and episode records give', () => {
    let uascEntries = 0;
    fc.assert(
      fc.property(runs, ([params, seed, rep]) => {
        const out = runReplication(compileModel(params), seed, rep, { recordEpisodes: true, checkInvariants: true });
        const uasc = new Map(out.children!.map((c) => [c.child, c.uasc]));
        const last = out.dates.length - 1;
        for (const c of PLACEMENT_CATEGORIES) {
          const entered = out.episodes!.filter((e) => e.reason === 'entry' && e.category === c && uasc.get(e.child)).length;
          expect(sum(get(out, `entries_uasc|${c}`))).toBe(entered);
          uascEntries += entered;
          const open = out.episodes!.filter((e) => e.end === null && e.category === c && uasc.get(e.child)).length;
          expect(get(out, `in_care_uasc|${c}`)[last]).toBe(open);
          out.dates.forEach((_, m) => expect(get(out, `in_care_uasc|${c}`)[m]).toBeLessThanOrEqual(get(out, `in_care|${c}`)[m]!));
        }
      }),
      { numRuns: 40 },
    );
    expect(uascEntries).toBeGreaterThan(0);
  });

  it('never keeps a child in care past the 18th birthday nor in supported under 16, and episode records match the series', () => {
    fc.assert(
      fc.property(runs, ([params, seed, rep]) => {
        const out = runReplication(compileModel(params), seed, rep, { recordEpisodes: true });
        const endDay = isoToDay(params.end) + 1;
        const births = new Map(out.children!.map((c) => [c.child, isoToDay(c.birth)]));
        for (const e of out.episodes!) {
          const birth = births.get(e.child)!;
          const last = e.end === null ? endDay : isoToDay(e.end);
          expect(last).toBeLessThanOrEqual(anniversaryDay(birth, 18));
          if (e.category === 'supported' && e.reason !== 'initial') expect(isoToDay(e.start)).toBeGreaterThanOrEqual(anniversaryDay(birth, 16));
        }
        // The spells tell the same story as the series.
        const flow = (prefix: string): number =>
          Object.entries(out.series)
            .filter(([k]) => k.startsWith(prefix))
            .reduce((a, [, v]) => a + v.reduce((x, y) => x + y, 0), 0);
        const count = (f: (e: EpisodeRecord) => boolean): number => out.episodes!.filter(f).length;
        expect(count((e) => e.reason === 'entry')).toBe(flow('entries|total'));
        expect(count((e) => e.reason === 'move' || e.reason === 'displaced' || e.reason === 'waiting-filled')).toBe(flow('moves|'));
        expect(count((e) => e.exit !== null)).toBe(flow('exits|total'));
        expect(count((e) => e.end === null)).toBe(out.series['in_care|total']![out.dates.length - 1]);
      }),
      { numRuns: 40 },
    );
  });

  it('counts children in care by age band as a recount from birth dates and spells gives, at several month ends', () => {
    fc.assert(
      fc.property(runs, ([params, seed, rep]) => {
        const out = runReplication(compileModel(params), seed, rep, { recordEpisodes: true });
        const births = new Map(out.children!.map((c) => [c.child, isoToDay(c.birth)]));
        const entered = new Map(out.children!.map((c) => [c.child, isoToDay(c.entered)]));
        const n = out.dates.length;
        const checked = [...new Set([0, 1, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1])];
        for (const m of checked) {
          const date = out.dates[m]!;
          // Index 0 is the initial stock (before anything happens on the start day); later stocks are
          // taken at the end of `date`: spells open then, started on or before it.
          const day = isoToDay(date);
          const open = (e: EpisodeRecord): boolean =>
            m === 0 ? e.reason === 'initial' && (e.end === null || isoToDay(e.end) >= day) : isoToDay(e.start) <= day && (e.end === null || isoToDay(e.end) > day);
          const inCare = new Set(out.episodes!.filter(open).map((e) => e.child));
          const recount = new Map<string, number>(AGE_BANDS.map((b) => [b, 0]));
          const entriesRecount = new Map<string, number>(AGE_BANDS.map((b) => [b, 0]));
          const bandOn = (birth: number, d: number): string => AGE_BANDS.filter((b) => anniversaryDay(birth, AGE_BAND_START_YEARS[b]) <= d).at(-1)!;
          for (const child of inCare) recount.set(bandOn(births.get(child)!, day), recount.get(bandOn(births.get(child)!, day))! + 1);
          if (m > 0) {
            // Month 1 includes the start day itself (index 0 is the stock before it).
            const from = isoToDay(out.dates[m - 1]!) - (m === 1 ? 1 : 0);
            for (const e of out.episodes!) {
              const d = isoToDay(e.start);
              if (e.reason !== 'entry' || d <= from || d > day) continue;
              const b = bandOn(births.get(e.child)!, entered.get(e.child)!);
              entriesRecount.set(b, entriesRecount.get(b)! + 1);
            }
          }
          for (const b of AGE_BANDS) {
            expect(out.series[`in_care_by_age|${b}`]![m], `in_care_by_age|${b} on ${date}`).toBe(recount.get(b));
            if (m > 0) expect(out.series[`entries_by_age|${b}`]![m], `entries_by_age|${b} in the month to ${date}`).toBe(entriesRecount.get(b));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives identical outputs for the same seed and different outputs for another seed when anything random happens', () => {
    fc.assert(
      fc.property(runs, ([params, seed, rep]) => {
        const model = compileModel(params);
        const a = runReplication(model, seed, rep);
        const b = runReplication(model, seed, rep);
        expect(b).toEqual(a);
        // Any entry or exit happens at a random time, which the exact cost integral reflects.
        const flows = a.series['entries|total']!.reduce((x, y) => x + y, 0) + a.series['exits|total']!.reduce((x, y) => x + y, 0);
        if (flows > 0) {
          const c = runReplication(model, seed + 1, rep);
          expect(c.series).not.toEqual(a.series);
        }
      }),
      { numRuns: 30 },
    );
  });
});

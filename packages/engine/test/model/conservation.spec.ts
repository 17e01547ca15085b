import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileModel } from '../../src/model/compile.js';
import { runReplication } from '../../src/model/replication.js';
import { anniversaryDay } from '../../src/model/calendar.js';
import { isoToDay } from '../../src/model/dates.js';
import { PLACEMENT_CATEGORIES } from '../../src/model/ids.js';
import type { EpisodeRecord, ReplicationOutput } from '../../src/model/replication-output.js';
import { randomParameters } from './random-parameters.js';

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

describe('runReplication over random parameters', { timeout: 30_000 }, () => {
  it('conserves the total and every category each month, with no negative stock', () => {
    fc.assert(
      fc.property(runs, ([params, seed, rep]) => {
        const out = runReplication(compileModel(params), seed, rep, { checkInvariants: true });
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
          check(get(out, 'waiting|total')[m]! <= total[m]!, 'more waiting than in care', m);
          check(get(out, 'out_of_area|total')[m]! <= total[m]!, 'more out of area than in care', m);
        }
        expect(broken).toEqual([]);
      }),
      { numRuns: 80 },
    );
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

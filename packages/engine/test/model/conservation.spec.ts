import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileModel } from '../../src/model/compile.js';
import { runReplication } from '../../src/model/replication.js';
import { anniversaryDay } from '../../src/model/calendar.js';
import { isoToDay } from '../../src/model/dates.js';
import { PLACEMENT_CATEGORIES } from '../../src/model/ids.js';
import type { ReplicationOutput } from '../../src/model/replication-output.js';
import { randomParameters } from './random-parameters.js';

const get = (out: ReplicationOutput, key: string): Float64Array => out.series[key] ?? new Float64Array(out.dates.length);

function movesInto(out: ReplicationOutput, c: string, m: number): number {
  let sum = 0;
  for (const [k, v] of Object.entries(out.series)) if (k.startsWith('moves|') && k.endsWith(`->${c}`)) sum += v[m]!;
  return sum;
}

function movesOutOf(out: ReplicationOutput, c: string, m: number): number {
  let sum = 0;
  for (const [k, v] of Object.entries(out.series)) if (k.startsWith(`moves|${c}->`)) sum += v[m]!;
  return sum;
}

const runs = fc.tuple(randomParameters(), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 50 }));

describe('runReplication over random parameters', () => {
  it('conserves the total and every category each month, with no negative stock', () => {
    fc.assert(
      fc.property(runs, ([params, seed, rep]) => {
        const out = runReplication(compileModel(params), seed, rep, { checkInvariants: true });
        const total = get(out, 'in_care|total');
        for (let m = 0; m < out.dates.length; m++) {
          let sum = 0;
          for (const c of PLACEMENT_CATEGORIES) {
            const stock = get(out, `in_care|${c}`);
            expect(stock[m]).toBeGreaterThanOrEqual(0);
            sum += stock[m]!;
            if (m > 0) {
              const expected = stock[m - 1]! + get(out, `entries|${c}`)[m]! + movesInto(out, c, m) - movesOutOf(out, c, m) - get(out, `exits_from|${c}`)[m]!;
              expect(stock[m], `in_care|${c} on ${out.dates[m]}`).toBe(expected);
            }
          }
          expect(sum, 'every child is in exactly one category').toBe(total[m]);
          if (m > 0) {
            expect(total[m]).toBe(total[m - 1]! + get(out, 'entries|total')[m]! - get(out, 'exits|total')[m]!);
            expect(get(out, 'exits_from|total')[m]).toBe(get(out, 'exits|total')[m]);
          } else {
            expect(get(out, 'entries|total')[0]).toBe(0);
          }
          expect(get(out, 'waiting|total')[m]).toBeLessThanOrEqual(total[m]!);
          expect(get(out, 'out_of_area|total')[m]).toBeLessThanOrEqual(total[m]!);
        }
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
          for (let m = 0; m < out.dates.length; m++) expect(occupied[m]).toBeLessThanOrEqual(capacity[m]!);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never keeps a child in care past the 18th birthday nor in supported under 16 (episode records)', () => {
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

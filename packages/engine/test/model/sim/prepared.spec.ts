import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import type { HazardTable } from '../../../src/model/compiled-model.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT } from '../../../src/model/domain/cells.js';
import { entryCellAgeBand, entryCellUasc } from '../../../src/model/domain/cells.js';
import { drawFirstNeed } from '../../../src/model/sim/entries.js';
import { noMatchChance } from '../../../src/model/sim/placement.js';
import { RandomStream } from '../../../src/random/random-stream.js';
import { epochRedraws, hazardChangeBands, positiveWeights, preparedOf, type PreparedModel, REDRAW_DEREGISTRATION, REDRAW_ENTRY, REDRAW_KINDS, REDRAW_RECRUITMENT } from '../../../src/model/sim/prepared.js';
import { randomParameters } from './random-parameters.js';

// The tables worked out once per model (prepared.ts) and read instead of the work they replace: each
// is checked against that work done in full.

describe('prepared tables', () => {
  it('hazardChangeBands gives, per cell, the first later duration band with another signature (nDur if none)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 8 }), (nDur, groups) => {
        const signature = Int32Array.from(groups.flatMap((g, i) => Array.from({ length: nDur }, (_, d) => (g === 0 ? i : (i * 7 + Math.floor(d / g)) % 5))));
        const table = { signature } as HazardTable;
        const bands = hazardChangeBands(table, nDur);
        for (let cell = 0; cell < signature.length; cell++) {
          const d = cell % nDur;
          let expected = nDur;
          for (let next = d + 1; next < nDur; next++) {
            if (signature[cell - d + next] !== signature[cell]) {
              expected = next;
              break;
            }
          }
          expect(bands[cell]).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("an entrant's first need is the index categorical draws, from the weights not <= 0 alone", () => {
    // Weights with zeros (most of an entry cell's 17 are), negative ones and one NaN, drawn by
    // drawFirstNeed from positiveWeights and by categorical from the same stream: the same index each time.
    const weight = fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: -1, max: 5, noNaN: true }), fc.constant(NaN));
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 20 }), fc.nat(1000), (weights, replication) => {
        const needs = positiveWeights([weights]);
        let total = 0;
        for (const w of weights) total += w;
        const p = { entrantNeedTotal: Float64Array.of(total), entrantNeedFrom: needs.from, entrantNeedCode: needs.code, entrantNeedWeight: needs.weight } as PreparedModel;
        const a = RandomStream.derive(1, 'first-need', replication);
        const b = RandomStream.derive(1, 'first-need', replication);
        for (let i = 0; i < 20; i++) expect(drawFirstNeed(p, a, 0)).toBe(b.categorical(weights, total));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(randomParameters(), fc.nat(1000), (params, replication) => {
        const model = compileModel(params);
        const p = preparedOf(model);
        for (let k = 0; k < ENTRY_CELL_COUNT; k++) {
          const weights = model.firstNeed[entryCellUasc(k)]![entryCellAgeBand(k)]!;
          const a = RandomStream.derive(2, 'first-need', replication);
          const b = RandomStream.derive(2, 'first-need', replication);
          for (let i = 0; i < 10; i++) expect(drawFirstNeed(p, a, k)).toBe(b.categorical(weights));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('noMatchChance is Math.pow(1 - p, v) to the bit, whole or not, within and beyond its table', () => {
    const tables = [new Float64Array(0)];
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 50, noNaN: true })), (p, v) => {
        tables[0] = new Float64Array(0);
        expect(Object.is(noMatchChance(tables, 0, p, v), Math.pow(1 - p, v))).toBe(true);
        // A second vacancy count read from the table the first one built.
        const w = Math.floor(v / 2);
        expect(Object.is(noMatchChance(tables, 0, p, w), Math.pow(1 - p, w))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('epochRedraws lists, in onEpoch order, the entry cells and supply processes whose rates differ from the epoch before', () => {
    fc.assert(
      fc.property(randomParameters(), (params) => {
        const model = compileModel(params);
        for (let i = 1; i < model.epochs.length; i++) {
          const e = model.epochs[i]!;
          const before = model.epochs[i - 1]!;
          const expected: number[] = [];
          for (let k = 0; k < ENTRY_CELL_COUNT; k++) if (e.entryPerDay[k] !== before.entryPerDay[k]) expected.push(k * REDRAW_KINDS + REDRAW_ENTRY);
          for (let c = 0; c < CATEGORY_COUNT; c++) {
            if (model.capacityKind[c] !== 2) continue;
            if (e.recruitment[c]!.join() !== before.recruitment[c]!.join()) expected.push(c * REDRAW_KINDS + REDRAW_RECRUITMENT);
            if (e.deregistrationPerDay[c] !== before.deregistrationPerDay[c]) expected.push(c * REDRAW_KINDS + REDRAW_DEREGISTRATION);
          }
          expect([...epochRedraws(model, i)]).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});

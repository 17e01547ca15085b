import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import type { HazardTable } from '../../../src/model/compiled-model.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT } from '../../../src/model/domain/cells.js';
import { noMatchChance } from '../../../src/model/sim/placement.js';
import { epochRedraws, hazardChangeBands, REDRAW_DEREGISTRATION, REDRAW_ENTRY, REDRAW_KINDS, REDRAW_RECRUITMENT } from '../../../src/model/sim/prepared.js';
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

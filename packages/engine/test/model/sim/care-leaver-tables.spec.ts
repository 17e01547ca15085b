import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/model/compile/compile-model.js';
import { ACCOMMODATION_COUNT, CARE_LEAVER_AGES } from '../../../src/model/domain/care-leavers.js';
import { careLeaverTablesOf } from '../../../src/model/sim/care-leaver-tables.js';
import { runReplication } from '../../../src/model/sim/replication.js';
import { midSizeAuthority } from '../fixtures.js';

// The care leavers' tables worked out once per model (care-leaver-tables.ts), each checked against the
// sums it replaces, added up here in full.

const N = ACCOMMODATION_COUNT;

/** The sum of `row[offset + a]` over every state a but `from`, in state order. */
function sumBut(row: readonly number[], from: number, offset: number): number {
  return row.slice(offset, offset + N).reduce((sum, w, a) => (a === from ? sum : sum + w), 0);
}

describe('care-leaver tables', () => {
  const params = midSizeAuthority(1);
  params.careLeavers = {};
  const c = compileModel(params).careLeavers!;
  const t = careLeaverTablesOf(c);

  it('give the weight totals of a state draw away from each state, and the move hazards out of each', () => {
    for (let g = 0; g < CARE_LEAVER_AGES.length; g++) {
      for (let from = -1; from < N; from++) expect(t.moveOnTotal[g * (N + 1) + from + 1]).toBe(sumBut(c.moveOnShares[g]!, from, 0));
      for (let a = 0; a < N; a++) {
        expect(t.moveRowTotal[g * N + a]).toBe(sumBut(c.movePerDay[g]!, a, a * N));
        expect(t.moveTotal[g * N + a]).toBe(sumBut(c.movePerDay[g]!, -1, a * N));
      }
    }
    // A share away from a state with a share is smaller than the whole: the state's own share is left out.
    expect(t.moveOnTotal[N + 1 + 2 + 1]).toBeLessThan(t.moveOnTotal[N + 1]!);
  });

  it('mark the steps whose places are unlimited, and only those', () => {
    expect([...t.unlimited]).toEqual(c.steps.map(() => 1));
    const limited = midSizeAuthority(1);
    limited.careLeavers = { capacity: { supported_lodgings: 3 } };
    const cl = compileModel(limited).careLeavers!;
    expect([...careLeaverTablesOf(cl).unlimited]).toEqual(cl.steps.map(() => 0));
  });

  it('leave a state without places out of every draw when a step limits places (the totals above are for unlimited steps only)', () => {
    const p = midSizeAuthority(3);
    p.careLeavers = { capacity: { supported_lodgings: 0 } };
    const model = compileModel(p);
    let drawn = 0;
    for (let r = 0; r < 4; r++) {
      const out = runReplication(model, 1, r);
      for (const key of ['care_leaver_entries|supported_lodgings', 'care_leaver_moves_in|supported_lodgings']) expect([...out.series[key]!].every((v) => v === 0)).toBe(true);
      drawn += out.series['care_leaver_entries|total']!.reduce((a, b) => a + b, 0);
    }
    // Young people were drawn a state (the check above has draws to hold for).
    expect(drawn).toBeGreaterThan(20);
  });
});

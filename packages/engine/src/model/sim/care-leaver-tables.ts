import type { CompiledCareLeavers } from '../compiled-model.js';
import { ACCOMMODATION_COUNT, CARE_LEAVER_AGES } from '../domain/care-leavers.js';

// What every replication of a model's care leavers reads alike, worked out once per model (a WeakMap
// beside the compiled care leavers, as prepared.ts does for the children): move hazards out of each
// state, and the weight totals of a state draw (`drawState`, care-leavers.ts) when no state can be full.

const N = ACCOMMODATION_COUNT;
const GROUPS = CARE_LEAVER_AGES.length;

export interface CareLeaverTables {
  /** At g * N + a: the move hazard per day out of state a at age group g (its row of `movePerDay` summed in order). */
  moveTotal: Float64Array;
  /**
   * At g * (N + 1) + from + 1: the total of `moveOnShares[g]` over the states other than `from` (-1:
   * every state), summed in state order as `drawState` adds its weights when no state is full.
   */
  moveOnTotal: Float64Array;
  /** At g * N + a: the total of row a of `movePerDay[g]` over the states other than a, likewise. */
  moveRowTotal: Float64Array;
  /** Per step (as `steps`): 1 when every state's places are unlimited, so that no state is ever full. */
  unlimited: Uint8Array;
}

const byModel = new WeakMap<CompiledCareLeavers, CareLeaverTables>();

/** The tables of `c`, built on first use. */
export function careLeaverTablesOf(c: CompiledCareLeavers): CareLeaverTables {
  let t = byModel.get(c);
  if (!t) {
    const moveTotal = new Float64Array(GROUPS * N);
    const moveOnTotal = new Float64Array(GROUPS * (N + 1));
    const moveRowTotal = new Float64Array(GROUPS * N);
    for (let g = 0; g < GROUPS; g++) {
      const row = c.movePerDay[g]!;
      for (let a = 0; a < N; a++) {
        let h = 0;
        for (let to = 0; to < N; to++) h += row[a * N + to]!;
        moveTotal[g * N + a] = h;
        moveRowTotal[g * N + a] = totalAwayFrom(row, a, a * N);
      }
      for (let from = -1; from < N; from++) moveOnTotal[g * (N + 1) + from + 1] = totalAwayFrom(c.moveOnShares[g]!, from, 0);
    }
    const unlimited = Uint8Array.from(c.steps, (s) => (s.places.every((p) => p === Infinity) ? 1 : 0));
    byModel.set(c, (t = { moveTotal, moveOnTotal, moveRowTotal, unlimited }));
  }
  return t;
}

/** The sum of `shares[offset + a]` over states a other than `from`, adding 0 for `from`, in state order. */
function totalAwayFrom(shares: readonly number[], from: number, offset: number): number {
  let total = 0;
  for (let a = 0; a < N; a++) total += a === from ? 0 : shares[offset + a]!;
  return total;
}

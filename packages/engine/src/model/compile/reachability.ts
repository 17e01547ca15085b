import { CATEGORY_COUNT, TARGET_COUNT, hazardCellCategory, hazardCellCount, isExitTarget, targetNeed } from '../domain/cells.js';
import type { CompiledDurationCap, CompiledModel, Epoch, HazardTable } from '../compiled-model.js';
import { NEED_COUNT, NEED_TYPE_OFFSET } from '../domain/types-of-care.js';
import type { Supply } from './supply.js';

/** Every move [from, to] some hazard table has a positive rate for, as from * TARGET_COUNT + to (a category or a type of care). */
function hazardMoves(tables: readonly HazardTable[]): Set<number> {
  const moves = new Set<number>();
  for (const t of tables) {
    const durationBands = t.total.length / hazardCellCount(1);
    for (let cell = 0; cell < t.total.length; cell++) {
      const from = hazardCellCategory(cell, durationBands);
      for (let k = t.start[cell]!; k < t.start[cell + 1]!; k++) if (!isExitTarget(t.target[k]!)) moves.add(from * TARGET_COUNT + t.target[k]!);
    }
  }
  return moves;
}

/** Every [from, to] move the placement rules can produce, so outputs carry a fixed set of keys. */
export function reachableMoves(
  tables: HazardTable[],
  caps: CompiledDurationCap[],
  epochs: Epoch[],
  supply: Pick<Supply, 'capacityKind' | 'lastResort' | 'waitForPreferred' | 'providers' | 'stepAcross' | 'stepAcrossPerDay'>,
  firstNeed: number[][][],
): [number, number][] {
  const { capacityKind, lastResort, waitForPreferred, providers, stepAcross, stepAcrossPerDay } = supply;
  const outcomes: Set<number>[] = Array.from({ length: CATEGORY_COUNT }, (_, c) => {
    const s = new Set<number>([c]);
    if (capacityKind[c] !== 0) {
      for (const e of epochs) for (const q of e.fallback[c]!) s.add(q);
      s.add(lastResort);
    }
    return s;
  });
  const pairs = new Set<number>();
  // Types of care some first placement or move names: their waits are added below.
  const typeNeeds = new Set<number>();
  for (let n = NEED_TYPE_OFFSET; n < NEED_COUNT; n++) if (firstNeed.some((byBand) => byBand.some((w) => w[n]! > 0))) typeNeeds.add(n);
  /** A move from `from` asking for target `code`: a category's outcomes, or a type's providers and the last resort. */
  const request = (from: number, code: number): void => {
    const need = targetNeed(code);
    if (need < CATEGORY_COUNT) {
      for (const q of outcomes[need]!) if (q !== from) pairs.add(from * CATEGORY_COUNT + q);
      return;
    }
    typeNeeds.add(need);
    for (const q of [...providers[need]!, lastResort]) if (q !== from) pairs.add(from * CATEGORY_COUNT + q);
  };
  for (const move of hazardMoves(tables)) request(Math.floor(move / TARGET_COUNT), move % TARGET_COUNT);
  for (const cap of caps) if (!isExitTarget(cap.target)) request(cap.category, cap.target);
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    if (capacityKind[c] === 0) continue;
    request(c, c);
    if (waitForPreferred) for (const q of outcomes[c]!) if (q !== c) pairs.add(q * CATEGORY_COUNT + c);
  }
  // Waiting after a first placement by type of care: from the last resort, and (step-across) from a
  // later provider, to the first provider.
  for (const n of [...typeNeeds].sort((a, b) => a - b)) {
    const order = providers[n]!;
    const first = order[0]!;
    if (!order.some((c) => capacityKind[c] !== 0)) continue;
    if (waitForPreferred && lastResort !== first) pairs.add(lastResort * CATEGORY_COUNT + first);
    if (stepAcross[n] || stepAcrossPerDay[n]! > 0) for (const q of order) if (q !== first) pairs.add(q * CATEGORY_COUNT + first);
  }
  return Array.from([...pairs].sort((a, b) => a - b), (k) => [Math.floor(k / CATEGORY_COUNT), k % CATEGORY_COUNT]);
}

/**
 * Categories that can ever hold a child when every child is in its preferred category (no capacity):
 * initial placements, first placements and everything reachable from them by a move in some hazard
 * table (a move to a type of care reaching its first provider), in category order.
 */
export function reachableCategories(model: CompiledModel): number[] {
  const reach = new Uint8Array(CATEGORY_COUNT);
  for (const cell of model.initialCells) if (cell.count > 0) reach[cell.category] = 1;
  for (const child of model.initialChildren) reach[child.category] = 1;
  for (const byBand of model.firstPlacement) for (const weights of byBand) weights.forEach((w, c) => w > 0 && (reach[c] = 1));
  // Without capacity a move to a type of care goes to its first provider.
  const moves = Array.from(hazardMoves(model.hazardTables), (m) => [Math.floor(m / TARGET_COUNT), model.providers[targetNeed(m % TARGET_COUNT)]![0]!] as const);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, to] of moves) {
      if (reach[from] && !reach[to]) {
        reach[to] = 1;
        changed = true;
      }
    }
  }
  const out: number[] = [];
  for (let c = 0; c < CATEGORY_COUNT; c++) if (reach[c]) out.push(c);
  return out;
}

/**
 * Target codes as the expected-value projection reads them (no capacity): each category and exit
 * itself, each type of care its first provider.
 */
export function expectedTargets(model: Pick<CompiledModel, 'providers'>): Int8Array {
  return Int8Array.from({ length: TARGET_COUNT }, (_, code) => {
    const need = isExitTarget(code) ? -1 : targetNeed(code);
    return need < CATEGORY_COUNT ? code : model.providers[need]![0]!;
  });
}

import { CATEGORY_COUNT, EXIT_TARGET_OFFSET, hazardCellCategory, hazardCellCount } from '../domain/cells.js';
import type { CompiledDurationCap, CompiledModel, Epoch, HazardTable } from '../compiled-model.js';
import { NEED_COUNT, NEED_TYPE_OFFSET } from '../domain/types-of-care.js';
import type { Supply } from './supply.js';

/** Every move [from, to] some hazard table has a positive rate for, as from * CATEGORY_COUNT + to. */
function hazardMoves(tables: readonly HazardTable[]): Set<number> {
  const moves = new Set<number>();
  for (const t of tables) {
    const durationBands = t.total.length / hazardCellCount(1);
    for (let cell = 0; cell < t.total.length; cell++) {
      const from = hazardCellCategory(cell, durationBands);
      for (let k = t.start[cell]!; k < t.start[cell + 1]!; k++) if (t.target[k]! < EXIT_TARGET_OFFSET) moves.add(from * CATEGORY_COUNT + t.target[k]!);
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
  const request = (from: number, preferred: number): void => {
    for (const q of outcomes[preferred]!) if (q !== from) pairs.add(from * CATEGORY_COUNT + q);
  };
  for (const move of hazardMoves(tables)) request(Math.floor(move / CATEGORY_COUNT), move % CATEGORY_COUNT);
  for (const cap of caps) if (cap.target < EXIT_TARGET_OFFSET) request(cap.category, cap.target);
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    if (capacityKind[c] === 0) continue;
    request(c, c);
    if (waitForPreferred) for (const q of outcomes[c]!) if (q !== c) pairs.add(q * CATEGORY_COUNT + c);
  }
  // Waiting after a first placement by type of care: from the last resort, and (step-across) from a
  // later provider, to the first provider.
  for (let n = NEED_TYPE_OFFSET; n < NEED_COUNT; n++) {
    if (!firstNeed.some((byBand) => byBand.some((w) => w[n]! > 0))) continue;
    const order = providers[n]!;
    const first = order[0]!;
    if (!order.some((c) => capacityKind[c] !== 0)) continue;
    if (waitForPreferred && lastResort !== first) pairs.add(lastResort * CATEGORY_COUNT + first);
    if (stepAcross[n] || stepAcrossPerDay[n]! > 0) for (const q of order) if (q !== first) pairs.add(q * CATEGORY_COUNT + first);
  }
  return [...pairs].sort((a, b) => a - b).map((k) => [Math.floor(k / CATEGORY_COUNT), k % CATEGORY_COUNT]);
}

/**
 * Categories that can ever hold a child when every child is in its preferred category (no capacity):
 * initial placements, first placements and everything reachable from them by a move in some hazard
 * table, in category order.
 */
export function reachableCategories(model: CompiledModel): number[] {
  const reach = new Uint8Array(CATEGORY_COUNT);
  for (const cell of model.initialCells) if (cell.count > 0) reach[cell.category] = 1;
  for (const child of model.initialChildren) reach[child.category] = 1;
  for (const byBand of model.firstPlacement) for (const weights of byBand) weights.forEach((w, c) => w > 0 && (reach[c] = 1));
  const moves = [...hazardMoves(model.hazardTables)];
  for (let changed = true; changed; ) {
    changed = false;
    for (const move of moves) {
      const to = move % CATEGORY_COUNT;
      if (reach[Math.floor(move / CATEGORY_COUNT)] && !reach[to]) {
        reach[to] = 1;
        changed = true;
      }
    }
  }
  const out: number[] = [];
  for (let c = 0; c < CATEGORY_COUNT; c++) if (reach[c]) out.push(c);
  return out;
}

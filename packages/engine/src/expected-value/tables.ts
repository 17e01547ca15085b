import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { CATEGORY_COUNT, hazardCell } from '../model/domain/cells.js';
import type { CompiledModel, HazardTable } from '../model/compiled-model.js';

/**
 * True when some hazard cell differs between duration bands in some table: only then does the
 * projection carry time in care as a state dimension.
 */
export function hazardsDependOnDuration(model: CompiledModel): boolean {
  const d = model.durationBandCount;
  if (d <= 1) return false;
  for (const table of model.hazardTables) {
    for (let u = 0; u < 2; u++) {
      for (let c = 0; c < CATEGORY_COUNT; c++) {
        for (let a = 0; a < AGE_BAND_COUNT; a++) {
          const first = hazardCell(u, c, a, 0, d);
          for (let b = 1; b < d; b++) {
            if (!sameCell(table, first, hazardCell(u, c, a, b, d))) return true;
          }
        }
      }
    }
  }
  return false;
}

function sameCell(t: HazardTable, x: number, y: number): boolean {
  const nx = t.start[x + 1]! - t.start[x]!;
  if (nx !== t.start[y + 1]! - t.start[y]!) return false;
  for (let i = 0; i < nx; i++) {
    if (t.target[t.start[x]! + i] !== t.target[t.start[y]! + i] || t.rate[t.start[x]! + i] !== t.rate[t.start[y]! + i]) return false;
  }
  return true;
}

/**
 * Categories that can ever hold a child: initial placements, first placements and everything
 * reachable from them by a move in some hazard table, in category order.
 */
export function reachableCategories(model: CompiledModel): number[] {
  const reach = new Uint8Array(CATEGORY_COUNT);
  for (const cell of model.initialCells) if (cell.count > 0) reach[cell.category] = 1;
  for (const child of model.initialChildren) reach[child.category] = 1;
  for (const byBand of model.firstPlacement) for (const weights of byBand) weights.forEach((w, c) => w > 0 && (reach[c] = 1));
  const cellsPerCategory = AGE_BAND_COUNT * model.durationBandCount;
  for (let changed = true; changed; ) {
    changed = false;
    for (const table of model.hazardTables) {
      for (let cell = 0; cell < table.total.length; cell++) {
        if (!reach[Math.floor(cell / cellsPerCategory) % CATEGORY_COUNT]) continue;
        for (let j = table.start[cell]!; j < table.start[cell + 1]!; j++) {
          const to = table.target[j]!;
          if (to < CATEGORY_COUNT && !reach[to]) {
            reach[to] = 1;
            changed = true;
          }
        }
      }
    }
  }
  const out: number[] = [];
  reach.forEach((r, c) => r && out.push(c));
  return out;
}

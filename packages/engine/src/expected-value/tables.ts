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

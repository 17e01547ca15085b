import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { CATEGORY_COUNT, hazardCell } from '../model/domain/cells.js';
import type { CompiledModel, HazardTable } from '../model/compiled-model.js';

/**
 * Duration bands the projection must tell apart: the model's bands, less the bands before the last
 * whose hazards equal the last band's in every cell of every table (a child crossing into them sees no
 * change, so it is settled from the first of them on). 1 when no hazard depends on time in care.
 */
export function durationBandsInUse(model: CompiledModel): number {
  const d = model.durationBandCount;
  let used = d;
  while (used > 1 && sameBands(model, used - 2, d - 1)) used--;
  return used;
}

/** True when some hazard cell differs between duration bands in some table. */
export function hazardsDependOnDuration(model: CompiledModel): boolean {
  return durationBandsInUse(model) > 1;
}

/**
 * For each (uasc, age band) at u A + a: the first of the `D` duration bands in use from which no hazard
 * of that age band or any older one changes with time in care (D − 1 at most: the settled band).
 */
export function settledFromBand(model: CompiledModel, D: number): Int32Array {
  const d = model.durationBandCount;
  const out = new Int32Array(2 * AGE_BAND_COUNT);
  for (let u = 0; u < 2; u++) {
    let older = 0;
    for (let a = AGE_BAND_COUNT - 1; a >= 0; a--) {
      let from = D - 1;
      while (from > older && sameRows(model, u, a, from - 1, d - 1)) from--;
      older = Math.max(older, from);
      out[u * AGE_BAND_COUNT + a] = older;
    }
  }
  return out;
}

/** True when every cell of (u, a) in every table is the same in duration bands b0 and b1. */
function sameRows(model: CompiledModel, u: number, a: number, b0: number, b1: number): boolean {
  const d = model.durationBandCount;
  for (const table of model.hazardTables) {
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      if (!sameCell(table, hazardCell(u, c, a, b0, d), hazardCell(u, c, a, b1, d))) return false;
    }
  }
  return true;
}

function sameBands(model: CompiledModel, b0: number, b1: number): boolean {
  const d = model.durationBandCount;
  for (const table of model.hazardTables) {
    for (let u = 0; u < 2; u++) {
      for (let c = 0; c < CATEGORY_COUNT; c++) {
        for (let a = 0; a < AGE_BAND_COUNT; a++) {
          if (!sameCell(table, hazardCell(u, c, a, b0, d), hazardCell(u, c, a, b1, d))) return false;
        }
      }
    }
  }
  return true;
}

function sameCell(t: HazardTable, x: number, y: number): boolean {
  const nx = t.start[x + 1]! - t.start[x]!;
  if (nx !== t.start[y + 1]! - t.start[y]!) return false;
  for (let i = 0; i < nx; i++) {
    if (t.target[t.start[x]! + i] !== t.target[t.start[y]! + i] || t.rate[t.start[x]! + i] !== t.rate[t.start[y]! + i]) return false;
  }
  return true;
}

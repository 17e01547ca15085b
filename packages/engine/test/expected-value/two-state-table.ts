import type { HazardTable } from '../../src/model/compiled-model.js';
import { AGE_BAND_COUNT } from '../../src/model/domain/age-bands.js';
import { CATEGORY_COUNT, EXIT_TARGET_OFFSET, hazardCell } from '../../src/model/domain/cells.js';

/**
 * Every cell: category 0 moves to category 1 at `move` a day and leaves care at `leave0` a day;
 * category 1 leaves care at `leave1` a day; one duration band.
 */
export function table(move: number, leave0: number, leave1: number): HazardTable {
  const cells = 2 * CATEGORY_COUNT * AGE_BAND_COUNT;
  const start = new Int32Array(cells + 1);
  const target: number[] = [];
  const rate: number[] = [];
  const total = new Float64Array(cells);
  for (let u = 0; u < 2; u++) {
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      for (let a = 0; a < AGE_BAND_COUNT; a++) {
        const cell = hazardCell(u, c, a, 0, 1);
        start[cell] = target.length;
        const hazards: [number, number][] = c === 0 ? [[1, move], [EXIT_TARGET_OFFSET, leave0]] : c === 1 ? [[EXIT_TARGET_OFFSET, leave1]] : [];
        for (const [to, h] of hazards) {
          target.push(to);
          rate.push(h);
          total[cell]! += h;
        }
      }
    }
  }
  start[cells] = target.length;
  return { total, start, target: Int8Array.from(target), rate: Float64Array.from(rate), signature: new Int32Array(cells) };
}


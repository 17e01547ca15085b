import { AGE_BAND_COUNT, AGE_BANDS } from '../domain/age-bands.js';
import { CATEGORY_COUNT, TARGET_COUNT, hazardCell, hazardCellCount } from '../domain/cells.js';
import { isTargetOpenToBand } from '../domain/eligibility.js';
import { PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { DAYS_PER_YEAR } from '../dates.js';
import type { HazardTable } from '../compiled-model.js';
import { ParameterError } from '../parameter-error.js';
import { AGE_BAND, ALL_AGE_BANDS, CATEGORY, idList, optionalUasc, targetCode } from './ids-and-targets.js';
import { applyEffect, optionalArray, requireArray, requireCount, requireId, requireNumber, requireRate, requireRecord, type CompiledEffect } from './validation.js';

/** `transitions.durationBandsDays` read and checked. */
export interface DurationBands {
  /** Lower bounds (days in care) of duration bands after the first. */
  boundsDays: number[];
  count: number;
  /** Reads a duration band index at `path`. */
  index: (v: unknown, path: string) => number;
}

export function readDurationBands(transitions: Record<string, unknown>): DurationBands {
  const boundsDays = Array.from(optionalArray(transitions['durationBandsDays'], 'transitions.durationBandsDays'), (v, i) =>
    requireNumber(v, `transitions.durationBandsDays[${i}]`, 1, Infinity, 'a number of days of 1 or more'),
  );
  for (let i = 1; i < boundsDays.length; i++) {
    if (boundsDays[i]! <= boundsDays[i - 1]!) {
      throw new ParameterError(`transitions.durationBandsDays[${i}]`, 'expected bounds in increasing order');
    }
  }
  const count = boundsDays.length + 1;
  const index = (v: unknown, path: string): number => {
    const d = requireCount(v, path, `a duration band index from 0 to ${count - 1}`);
    if (d >= count) throw new ParameterError(path, `expected a duration band index from 0 to ${count - 1}, got ${d}`);
    return d;
  };
  return { boundsDays, count, index };
}

/** Hazards per day before modifiers, dense [cell * TARGET_COUNT + target]; `hasRow` marks targets some row names. */
export interface BaseHazards {
  cells: number;
  durationBands: number;
  rates: Float64Array;
  hasRow: Uint8Array;
}

/** `transitions.rates`: matching rows add up; moves into supported are dropped for under-16 bands (warning). */
export function readTransitionRates(transitions: Record<string, unknown>, durations: DurationBands, warnings: string[]): BaseHazards {
  const nDur = durations.count;
  const cells = hazardCellCount(nDur);
  const baseRates = new Float64Array(cells * TARGET_COUNT);
  const hasRow = new Uint8Array(cells * TARGET_COUNT);
  const rates = requireArray(transitions['rates'], 'transitions.rates');
  rates.forEach((row, i) => {
    const path = `transitions.rates[${i}]`;
    const r = requireRecord(row, path);
    const from = requireId(r['from'], PLACEMENT_CATEGORIES, `${path}.from`, CATEGORY);
    const to = targetCode(r['to'], `${path}.to`);
    if (to === from) throw new ParameterError(`${path}.to`, 'expected a category other than from (a move to the same category is no move)');
    const perYear = requireRate(r['perYear'], `${path}.perYear`, 'per child-year');
    const bands = idList(r['ageBands'], AGE_BANDS, `${path}.ageBands`, AGE_BAND) ?? ALL_AGE_BANDS;
    const durs = r['durationBands'] === undefined ? null : Array.from(requireArray(r['durationBands'], `${path}.durationBands`), (d, j) => durations.index(d, `${path}.durationBands[${j}]`));
    const u = optionalUasc(r['uasc'], `${path}.uasc`);
    let ignoredUnder16 = false;
    for (let uu = 0; uu < 2; uu++) {
      if (u >= 0 && u !== uu) continue;
      for (const b of bands) {
        if (!isTargetOpenToBand(to, b)) {
          ignoredUnder16 = true;
          continue;
        }
        for (let d = 0; d < nDur; d++) {
          if (durs && !durs.includes(d)) continue;
          const k = hazardCell(uu, from, b, d, nDur) * TARGET_COUNT + to;
          baseRates[k] = baseRates[k]! + perYear / DAYS_PER_YEAR;
          hasRow[k] = 1;
        }
      }
    }
    if (ignoredUnder16) warnings.push(`${path}: moves into supported are open to 16+ only; ignored for younger age bands`);
  });
  return { cells, durationBands: nDur, rates: baseRates, hasRow };
}

/** A hazard modifier in force with `share` of its effect (hazards per day). */
export interface HazardChange {
  from: number[] | null;
  targets: number[] | null;
  bands: number[] | null;
  uasc: number;
  share: number;
  effect: CompiledEffect;
}

/** Dense hazards with modifiers applied (in order); only targets some row names unless a modifier lists targets. */
export function modifiedHazards(base: BaseHazards, changes: readonly HazardChange[]): Float64Array {
  const dense = new Float64Array(base.rates);
  const nDur = base.durationBands;
  for (const hm of changes) {
    const f = hm.share;
    for (let u = 0; u < 2; u++) {
      if (hm.uasc >= 0 && hm.uasc !== u) continue;
      for (let c = 0; c < CATEGORY_COUNT; c++) {
        if (hm.from && !hm.from.includes(c)) continue;
        for (let b = 0; b < AGE_BAND_COUNT; b++) {
          if (hm.bands && !hm.bands.includes(b)) continue;
          for (let d = 0; d < nDur; d++) {
            const cellBase = hazardCell(u, c, b, d, nDur) * TARGET_COUNT;
            for (let t = 0; t < TARGET_COUNT; t++) {
              if (t === c || !isTargetOpenToBand(t, b)) continue;
              if (hm.targets ? !hm.targets.includes(t) : base.hasRow[cellBase + t] === 0) continue;
              const cur = dense[cellBase + t]!;
              dense[cellBase + t] = Math.max(0, cur + f * (applyEffect(hm.effect, cur) - cur));
            }
          }
        }
      }
    }
  }
  return dense;
}

export function sameArray(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Cells whose hazards differ between two dense tables (1). */
export function changedCells(previous: Float64Array, dense: Float64Array, cells: number): Uint8Array {
  const changed = new Uint8Array(cells);
  for (let cell = 0; cell < cells; cell++) {
    for (let t = 0; t < TARGET_COUNT; t++) {
      if (previous[cell * TARGET_COUNT + t] !== dense[cell * TARGET_COUNT + t]) {
        changed[cell] = 1;
        break;
      }
    }
  }
  return changed;
}

/** The sparse table of dense hazards: per cell its positive targets, their total and a signature. */
export function sparseTable(dense: Float64Array, nCells: number): HazardTable {
  const total = new Float64Array(nCells);
  const start = new Int32Array(nCells + 1);
  let n = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i]! > 0) n++;
  const target = new Int8Array(n);
  const rate = new Float64Array(n);
  let k = 0;
  for (let cell = 0; cell < nCells; cell++) {
    start[cell] = k;
    let sum = 0;
    for (let t = 0; t < TARGET_COUNT; t++) {
      const r = dense[cell * TARGET_COUNT + t]!;
      if (r > 0) {
        target[k] = t;
        rate[k] = r;
        sum += r;
        k++;
      }
    }
    total[cell] = sum;
  }
  start[nCells] = k;
  const signature = new Int32Array(nCells);
  const seen = new Map<string, number>();
  for (let cell = 0; cell < nCells; cell++) {
    const parts: number[] = [];
    for (let i = start[cell]!; i < start[cell + 1]!; i++) parts.push(target[i]!, rate[i]!);
    const key = parts.join(',');
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = seen.size));
    signature[cell] = id;
  }
  return { total, start, target, rate, signature };
}

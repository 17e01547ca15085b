import {
  AGE_BANDS,
  EXIT_REASONS,
  PLACEMENT_CATEGORIES,
  categoryIndex,
  exitReasonIndex,
  type AgeBand,
  type EntryRoute,
  type ExitReason,
  type PlacementCategory,
} from '@carecast/engine';
import type { CareSpell } from '../clean/spells.js';
import { anniversary } from '../read/dates.js';

const NC = PLACEMENT_CATEGORIES.length;
const NA = AGE_BANDS.length;
const NR = EXIT_REASONS.length;
const BAND_YEARS = [1, 5, 10, 16] as const;
/** Exits this close to the 18th birthday (days) are ageing out, not a hazard event. */
export const AGE_OUT_WINDOW_DAYS = 7;

export interface EntryTally {
  uasc: boolean;
  ageBand: AgeBand;
  route: EntryRoute;
  category: PlacementCategory;
  sex: 'male' | 'female' | null;
}

export interface StockTally {
  category: PlacementCategory;
  ageBand: AgeBand;
  durationBand: number;
  uasc: boolean;
}

/** Raw counts behind every estimate, accumulated over a reference window [from, to) in days. */
export interface Tally {
  durationBandsDays: readonly number[];
  /** Child-days at risk by cell (category, age band, duration band). */
  exposureDays: Float64Array;
  /** Moves by cell x target category. */
  moves: Float64Array;
  /** Exits (before ageing out) by cell x exit reason. */
  exits: Float64Array;
  ageOut: Map<ExitReason, number>;
  entries: EntryTally[];
  stock: StockTally[];
  /** Children whose observation stopped before the end of the window, so their stock is unknown. */
  censoredBeforeEnd: number;
}

/** Cell index of (category, age band, duration band). */
export const cellIndex = (c: number, a: number, d: number, nd: number): number => (c * NA + a) * nd + d;

/**
 * Counts entries in [from, to), child-days at risk and events (moves, exits) with day in (from, to],
 * split at birthdays and duration-band boundaries, and the stock at the end of day to-1.
 */
export function tallySpells(spells: Iterable<CareSpell>, from: number, to: number, durationBandsDays: readonly number[]): Tally {
  const nd = durationBandsDays.length + 1;
  const cells = NC * NA * nd;
  const t: Tally = {
    durationBandsDays,
    exposureDays: new Float64Array(cells),
    moves: new Float64Array(cells * NC),
    exits: new Float64Array(cells * NR),
    ageOut: new Map(),
    entries: [],
    stock: [],
    censoredBeforeEnd: 0,
  };
  const bounds: number[] = [];
  const ageAt = (birthdays: readonly number[], day: number): number => {
    let a = 0;
    while (a < birthdays.length && day >= birthdays[a]!) a++;
    return a;
  };
  const durAt = (start: number, day: number): number => {
    let d = 0;
    while (d < durationBandsDays.length && day - start >= durationBandsDays[d]!) d++;
    return d;
  };
  for (const s of spells) {
    const birthdays = BAND_YEARS.map((y) => anniversary(s.dob, y));
    const spellEnd = s.end ?? s.observedUntil;
    if (s.start >= to || spellEnd < from) continue;
    if (s.start >= from && s.start < to && s.periods.length > 0) {
      t.entries.push({
        uasc: s.uasc,
        ageBand: AGE_BANDS[ageAt(birthdays, s.start)]!,
        route: s.route,
        category: s.periods[0]!.category,
        sex: s.sex,
      });
    }
    const b18 = anniversary(s.dob, 18);
    for (let p = 0; p < s.periods.length; p++) {
      const period = s.periods[p]!;
      const c = categoryIndex(period.category);
      const pEnd = period.end ?? s.observedUntil;
      const lo = Math.max(period.start, from);
      const hi = Math.min(pEnd, to);
      if (hi > lo) {
        bounds.length = 0;
        bounds.push(lo);
        for (const b of birthdays) if (b > lo && b < hi) bounds.push(b);
        for (const d of durationBandsDays) if (s.start + d > lo && s.start + d < hi) bounds.push(s.start + d);
        bounds.sort((x, y) => x - y);
        bounds.push(hi);
        for (let i = 0; i + 1 < bounds.length; i++) {
          const x = bounds[i]!;
          t.exposureDays[cellIndex(c, ageAt(birthdays, x), durAt(s.start, x), nd)]! += bounds[i + 1]! - x;
        }
      }
      if (period.end !== null && period.end > from && period.end <= to) {
        // The event belongs to the cell the child was in just before it.
        const before = period.end > period.start ? period.end - 0.5 : period.start;
        const cell = cellIndex(c, ageAt(birthdays, before), durAt(s.start, before), nd);
        const next = s.periods[p + 1];
        if (next) {
          t.moves[cell * NC + categoryIndex(next.category)]! += 1;
        } else if (s.exit !== null && s.end !== null) {
          if (s.end >= b18 - AGE_OUT_WINDOW_DAYS) t.ageOut.set(s.exit, (t.ageOut.get(s.exit) ?? 0) + 1);
          else t.exits[cell * NR + exitReasonIndex(s.exit)]! += 1;
        }
      }
      if (period.start < to && (period.end === null || period.end >= to)) {
        if (period.end === null && s.observedUntil < to) t.censoredBeforeEnd++;
        else {
          t.stock.push({
            category: period.category,
            ageBand: AGE_BANDS[ageAt(birthdays, to)]!,
            durationBand: durAt(s.start, to),
            uasc: s.uasc,
          });
        }
      }
    }
  }
  return t;
}

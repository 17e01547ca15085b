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
import { AGE_BAND_END_YEARS, hazardCell } from '@carecast/engine/advanced';
import type { CareSpell } from '../clean/spells.js';
import { ageInYears, anniversary } from '../read/dates.js';

const NC = PLACEMENT_CATEGORIES.length;
const NA = AGE_BANDS.length;
const NR = EXIT_REASONS.length;
/** Birthdays (years) at which a child enters the next age band. */
const BAND_YEARS = AGE_BAND_END_YEARS.slice(0, -1);
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
  /** Age in whole years (calendar birthdays), at most 17: the model's ages within the band. */
  ageYears: number;
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
  /** The UASC children's share of exposureDays, moves and exits (same layout); non-UASC is the difference. */
  uasc: { exposureDays: Float64Array; moves: Float64Array; exits: Float64Array };
  ageOut: Map<ExitReason, number>;
  entries: EntryTally[];
  stock: StockTally[];
  /** Children in care at the start of the window (end of day from-1), for runs from the window's start. */
  startStock: StockTally[];
  /** Children whose observation stopped before the end of the window, so their stock is unknown. */
  censoredBeforeEnd: number;
  /** Spells begun before the data (first episode not RNE S) whose time in care is known only from below. */
  leftTruncated: { spells: number; exposureDaysLeftOut: number; eventsLeftOut: number; stockDurationLowerBound: number };
}

/** Cell index of (category, age band, duration band). */
export const cellIndex = (c: number, a: number, d: number, nd: number): number => hazardCell(0, c, a, d, nd);

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
    uasc: { exposureDays: new Float64Array(cells), moves: new Float64Array(cells * NC), exits: new Float64Array(cells * NR) },
    ageOut: new Map(),
    entries: [],
    stock: [],
    startStock: [],
    censoredBeforeEnd: 0,
    leftTruncated: { spells: 0, exposureDaysLeftOut: 0, eventsLeftOut: 0, stockDurationLowerBound: 0 },
  };
  const lastBound = durationBandsDays.length > 0 ? durationBandsDays[durationBandsDays.length - 1]! : 0;
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
  // A child of spell `s` placed in `category` as one of the stock on `day` (the window's start or end).
  const stockCell = (s: CareSpell, birthdays: number[], category: PlacementCategory, day: number): StockTally => ({
    category,
    ageBand: AGE_BANDS[ageAt(birthdays, day)]!,
    ageYears: Math.min(17, ageInYears(s.dob, day)),
    durationBand: durAt(s.start, day),
    uasc: s.uasc,
  });
  for (const s of spells) {
    const birthdays = BAND_YEARS.map((y) => anniversary(s.dob, y));
    const spellEnd = s.end ?? s.observedUntil;
    if (s.start >= to || spellEnd < from) continue;
    // With duration bands, a spell begun before the data has a known band only once its visible time
    // in care passes the last bound; before that its exposure and events are left out (not guessed).
    const knownFrom = s.startObserved || lastBound === 0 ? -Infinity : s.start + lastBound;
    if (!s.startObserved) t.leftTruncated.spells++;
    if (s.startObserved && s.start >= from && s.start < to && s.periods.length > 0) {
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
      const lo = Math.max(period.start, from, knownFrom);
      const hi = Math.min(pEnd, to);
      if (knownFrom > -Infinity) {
        const hidden = Math.min(hi, knownFrom) - Math.max(period.start, from);
        if (hidden > 0) t.leftTruncated.exposureDaysLeftOut += hidden;
      }
      if (hi > lo) {
        bounds.length = 0;
        bounds.push(lo);
        for (const b of birthdays) if (b > lo && b < hi) bounds.push(b);
        for (const d of durationBandsDays) if (s.start + d > lo && s.start + d < hi) bounds.push(s.start + d);
        bounds.sort((x, y) => x - y);
        bounds.push(hi);
        for (let i = 0; i + 1 < bounds.length; i++) {
          const x = bounds[i]!;
          const cell = cellIndex(c, ageAt(birthdays, x), durAt(s.start, x), nd);
          t.exposureDays[cell]! += bounds[i + 1]! - x;
          if (s.uasc) t.uasc.exposureDays[cell]! += bounds[i + 1]! - x;
        }
      }
      if (period.end !== null && period.end > from && period.end <= to) {
        const next = s.periods[p + 1];
        const exit = next === undefined && s.end !== null ? s.exit : null;
        if (exit !== null && s.end! >= b18 - AGE_OUT_WINDOW_DAYS) {
          t.ageOut.set(exit, (t.ageOut.get(exit) ?? 0) + 1);
        } else if (period.end <= knownFrom) {
          t.leftTruncated.eventsLeftOut++;
        } else if (next || exit !== null) {
          // The event belongs to the cell the child was in just before it.
          const before = period.end > period.start ? period.end - 0.5 : period.start;
          const cell = cellIndex(c, ageAt(birthdays, before), durAt(s.start, before), nd);
          const k = next ? cell * NC + categoryIndex(next.category) : cell * NR + exitReasonIndex(exit!);
          const counts = next ? t.moves : t.exits;
          counts[k]! += 1;
          if (s.uasc) (next ? t.uasc.moves : t.uasc.exits)[k]! += 1;
        }
      }
      if (period.start < from && (period.end === null ? s.observedUntil >= from : period.end >= from)) {
        t.startStock.push(stockCell(s, birthdays, period.category, from));
      }
      if (period.start < to && (period.end === null || period.end >= to)) {
        if (period.end === null && s.observedUntil < to) t.censoredBeforeEnd++;
        else {
          if (to < knownFrom) t.leftTruncated.stockDurationLowerBound++;
          t.stock.push(stockCell(s, birthdays, period.category, to));
        }
      }
    }
  }
  return t;
}

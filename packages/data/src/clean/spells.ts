import { SUPPORTED_FROM_AGE_YEARS, type EntryRoute, type ExitReason, type PlacementCategory } from '@carecast/engine';
import type { RawEpisode, RawReturn } from '../read/ssda903.js';
import type { Place } from '../read/errors.js';
import { anniversary } from '../read/dates.js';
import { entryRoute, isShortBreak, mapPlacement, mapReason } from './codes.js';

/** A stretch of a care spell in one placement category: days [start, end). */
export interface PlacementPeriod {
  category: PlacementCategory;
  start: number;
  /** First day no longer in this category; null while still there at the end of the data. */
  end: number | null;
}

/** One continuous period in care of one child. Carries no identifier; the date of birth is for ages, never output. */
export interface CareSpell {
  /** Run-local ordinal of the child (1, 2, ... in the order met), to group a child's spells; not the CHILD id. */
  child: number;
  la: string;
  sex: 'male' | 'female' | null;
  /** Day number of the date of birth. */
  dob: number;
  uasc: boolean;
  route: EntryRoute;
  /** Day the child entered care (or, when `startObserved` is false, the first day the data show). */
  start: number;
  /**
   * False when the spell's first episode in the data is not RNE S: the spell began before the data
   * (earlier episodes closed before the first return), so its time in care is only known from below.
   */
  startObserved: boolean;
  /** Day the child left care; null when still in care when observation stops. */
  end: number | null;
  /** First day not observed (data end) for a spell still open. */
  observedUntil: number;
  exit: ExitReason | null;
  /**
   * True when the spell's last episode was open in a return and missing from the next one the
   * authority sent: observation stops at the end of the last return that held it (`observedUntil`),
   * which is not an exit (no hazard event) and is left out of forecast error in backtests.
   */
  vanished: boolean;
  periods: PlacementPeriod[];
}

export interface SpellOptions {
  /** Keep only these local authorities (the LA column; '' when there is none). */
  las?: readonly string[];
  sex?: 'male' | 'female';
  /** true: UASC only; false: non-UASC only. */
  uasc?: boolean;
  /** First unobserved day for authorities whose collection years are unknown. __Default value:__ the day after the latest date in the data */
  dataEnd?: number;
}

const NOT_A_MOVE = new Set(['L', 'T', 'U']);

/**
 * Cleans episodes into care spells as the sector does: duplicates removed, episodes repeated across
 * years stitched, overlaps truncated, V3/V4 short breaks bridging two episodes joined and other short
 * breaks left out, temporary (T0-T4) and RNE L/T/U episodes merged into the placement around them, open
 * episodes missing from the next return closed at the end of the last return holding them; every
 * change is counted in `raw.quality`, and every Episodes row in its return's account.
 */
export function buildSpells(raw: RawReturn, options: SpellOptions = {}): CareSpell[] {
  return [...eachSpell(raw, options)];
}

/**
 * The spells of `buildSpells` one child at a time, never all in memory: for a national stack of returns,
 * pass this to `calibrate` (one pass). Counts go to `raw.quality` as the spells are made, so run it once
 * per RawReturn (or give a copy with a fresh DataQuality).
 */
export function* eachSpell(raw: RawReturn, options: SpellOptions = {}): Generator<CareSpell> {
  const q = raw.quality;
  const place = (e: RawEpisode, col: string): Place => ({
    file: raw.files[e.file]?.file ?? '?',
    row: e.row,
    col: (raw.files[e.file]?.index[col] ?? 0) + 1,
  });
  const las = options.las ? new Set(options.las) : null;
  const store = raw.episodes;
  const n = store.length;
  const keys = store.keys;
  // Rows grouped by child without an object per row: a counting sort on the child index.
  const starts = new Int32Array(keys.length + 1);
  const kept = new Uint8Array(n);
  let latest = -Infinity;
  for (let i = 0; i < n; i++) {
    if (las && !las.has(store.laOf(i))) {
      q.exclude('filtered-out-child');
      q.account(store.laOf(i), store.yearOf(i)).excluded++;
      continue;
    }
    kept[i] = 1;
    starts[store.childOf(i) + 1]!++;
    const last = store.lastDay(i);
    if (last >= latest) latest = last + 1;
  }
  for (let k = 0; k < keys.length; k++) starts[k + 1]! += starts[k]!;
  const order = new Int32Array(starts[keys.length]!);
  const cursor = starts.slice(0, keys.length);
  for (let i = 0; i < n; i++) if (kept[i] === 1) order[cursor[store.childOf(i)]!++] = i;
  const fallbackEnd = options.dataEnd ?? latest;

  // Children in the order first met in the files: deterministic for the same input.
  let ordinal = 0;
  for (let k = 0; k < keys.length; k++) {
    if (starts[k] === starts[k + 1]) continue;
    const key = keys[k]!;
    const eps: RawEpisode[] = [];
    for (let j = starts[k]!; j < starts[k + 1]!; j++) eps.push(store.at(order[j]!));
    const child = raw.children.get(key);
    if (!child) {
      q.warn('missing-child-header', place(eps[0]!, 'CHILD'), 'child has episodes but no Header row with a valid DOB; expected one (episodes left out)');
      for (const e of eps) q.drop(e.la, e.year, 'no-header-row');
      continue;
    }
    const uasc = raw.uasc.has(key);
    if ((options.sex && child.sex !== options.sex) || (options.uasc !== undefined && uasc !== options.uasc)) {
      q.exclude('filtered-out-child', eps.length);
      for (const e of eps) q.account(e.la, e.year).excluded++;
      continue;
    }
    const dataEnd = raw.dataEndByLa.get(child.la) ?? fallbackEnd;
    const clean = bridgeShortBreaks(dedupe(eps, raw, place), raw);
    truncateOverlaps(clean, raw, place);
    const b18 = anniversary(child.dob, 18);
    ordinal++;
    let from = 0;
    for (let i = 1; i <= clean.length; i++) {
      const prev = clean[i - 1]!;
      const next = clean[i];
      const breaks =
        next === undefined ||
        prev.dec === null ||
        next.decom > prev.dec ||
        (next.rne === 'S' && prev.rec !== 'X1');
      if (!breaks) continue;
      const spell = makeSpell(clean.slice(from, i), ordinal, child, uasc, dataEnd, b18, raw, place);
      if (spell) yield spell;
      from = i;
    }
  }
}

type PlaceOf = (e: RawEpisode, col: string) => Place;

/**
 * Short breaks (LS V3/V4) are not care periods of their own: a chain of them filling the whole gap
 * between two episodes joins those episodes into one period (the first runs on to the next, REC X1),
 * counted as `short-break-bridged`; every other short-break episode is left out (`short-break-episode`).
 */
function bridgeShortBreaks(eps: RawEpisode[], raw: RawReturn): RawEpisode[] {
  const q = raw.quality;
  const breaks = eps.filter((e) => isShortBreak(e.ls));
  if (breaks.length === 0) return eps;
  const care = eps.filter((e) => !isShortBreak(e.ls));
  const bridging = new Set<RawEpisode>();
  for (let i = 0; i + 1 < care.length; i++) {
    const a = care[i]!;
    const b = care[i + 1]!;
    if (a.dec === null || a.dec >= b.decom) continue;
    const chain: RawEpisode[] = [];
    let reached: number | null = a.dec;
    for (const sb of breaks) {
      if (reached !== null && reached < b.decom && sb.decom === reached) {
        chain.push(sb);
        reached = sb.dec;
      }
    }
    if (reached !== null && reached >= b.decom) {
      care[i] = { ...a, dec: b.decom, rec: 'X1' };
      for (const sb of chain) bridging.add(sb);
    }
  }
  for (const sb of breaks) {
    if (bridging.has(sb)) {
      q.exclude('short-break-bridged');
      q.account(sb.la, sb.year).used++;
    } else {
      q.exclude('short-break-episode');
      q.account(sb.la, sb.year).excluded++;
    }
  }
  return care;
}

/** Same child and DECOM: across years keep the latest year's version (the others are merged into it); within a year it is a duplicate. */
function dedupe(eps: RawEpisode[], raw: RawReturn, place: PlaceOf): RawEpisode[] {
  eps.sort((a, b) => a.decom - b.decom || b.year - a.year || b.file - a.file || b.row - a.row);
  const out: RawEpisode[] = [];
  // The first row met of the same DECOM and return: a later one in that return is a duplicate of it.
  let first: RawEpisode | undefined;
  for (const e of eps) {
    const kept = out[out.length - 1];
    if (kept && kept.decom === e.decom) {
      if (first!.year !== e.year) {
        raw.quality.account(e.la, e.year).merged++;
        first = e;
      } else {
        raw.quality.drop(e.la, e.year, 'duplicate-in-return');
        const same = first!.dec === e.dec && first!.place === e.place && first!.provider === e.provider && first!.ls === e.ls && first!.rec === e.rec && first!.rne === e.rne;
        raw.quality.warn(
          same ? 'duplicate-episode' : 'conflicting-duplicate',
          place(e, 'DECOM'),
          same
            ? 'duplicate of another episode of this child; expected one row per episode (left out)'
            : 'another episode of this child starts the same day; expected one (the later row is kept)',
        );
      }
      continue;
    }
    out.push(e);
    first = e;
  }
  return out;
}

/** An episode that runs past the start of the next one ends where the next one starts. */
function truncateOverlaps(eps: RawEpisode[], raw: RawReturn, place: PlaceOf): void {
  for (let i = 0; i + 1 < eps.length; i++) {
    const e = eps[i]!;
    const next = eps[i + 1]!;
    if (e.dec === null || e.dec > next.decom) {
      if (e.dec !== null || e.year === next.year) {
        raw.quality.warn('overlapping-episodes', place(e, 'DEC'), 'episode runs past the start of the next episode of this child; expected DEC on or before the next DECOM (truncated)');
      } else {
        raw.quality.warn('open-episode-not-continued', place(e, 'DEC'), 'open episode missing from the next year\'s return; expected it again, closed or open (ended at the next episode)');
      }
      eps[i] = { ...e, dec: next.decom, rec: e.rec === '' ? 'X1' : e.rec };
    }
  }
}

function makeSpell(
  eps: RawEpisode[],
  ordinal: number,
  child: { la: string; sex: 'male' | 'female' | null; dob: number },
  uasc: boolean,
  dataEnd: number,
  b18: number,
  raw: RawReturn,
  place: PlaceOf,
): CareSpell | null {
  const q = raw.quality;
  const first = eps[0]!;
  const last = eps[eps.length - 1]!;
  let observedUntil = dataEnd;
  let vanished = false;
  if (last.dec === null && last.year > 0) {
    const yearEnd = Date.UTC(last.year, 2, 31) / 86_400_000 + 1;
    if (yearEnd < dataEnd) {
      q.warn('open-episode-not-continued', place(last, 'DEC'), `open episode missing from later returns; expected it in the ${last.year + 1} return (closed at 31/03/${last.year}, the end of the last return holding it; not an exit)`);
      q.exclude('vanished-open-episode');
      observedUntil = yearEnd;
      vanished = true;
    }
  }
  let start = first.decom;
  if (child.dob > start) {
    q.warn('dob-after-decom', place(first, 'DECOM'), 'episode starts before the child\'s date of birth; expected DECOM on or after DOB (starts at birth)');
    start = child.dob;
  }
  if (start >= b18) {
    q.warn('in-care-past-18', place(first, 'DECOM'), 'spell starts on or after the 18th birthday; expected care to start before 18 (left out)');
    for (const e of eps) q.drop(e.la, e.year, 'starts-after-18');
    return null;
  }
  for (const e of eps) q.account(e.la, e.year).used++;
  const statuses: string[] = [];
  for (const e of eps) if (statuses[statuses.length - 1] !== e.ls) statuses.push(e.ls);

  // Category per episode; temporary placements take the category of the placement around them.
  const mapped = eps.map((e) => mapPlacement(e.place, e.provider));
  const cats: (PlacementCategory | null)[] = mapped.map((m) => (m.temporary ? null : m.category));
  for (let i = 0; i < cats.length; i++) {
    if (cats[i] !== null) continue;
    q.exclude('temporary-placement-merged');
    cats[i] = i > 0 ? cats[i - 1]! : (cats.slice(i + 1).find((c) => c !== null) ?? 'other');
  }
  let end: number | null = last.dec;
  let exit: ExitReason | null = last.dec === null ? null : (mapReason(last.rec).reason ?? 'other');
  if ((end === null && observedUntil > b18) || (end !== null && end > b18)) {
    q.warn('in-care-past-18', place(last, 'DEC'), 'child still in care after the 18th birthday; expected care to end by 18 (ended at 18)');
    end = b18;
    exit ??= 'other';
  }

  const periods: PlacementPeriod[] = [];
  for (let i = 0; i < eps.length; i++) {
    const e = eps[i]!;
    let category = cats[i]!;
    const pStart = Math.max(e.decom, start);
    const pEnd = i + 1 < eps.length ? Math.max(eps[i + 1]!.decom, start) : end;
    if (end !== null && pStart >= end && periods.length > 0) break;
    if (category === 'supported' && pStart < anniversary(child.dob, SUPPORTED_FROM_AGE_YEARS)) {
      q.warn('supported-under-16', place(e, 'PLACE'), `PLACE ${e.place} (supported accommodation) for a child under 16; expected 16+ only (counted as other)`);
      category = 'other';
    }
    const prev = periods[periods.length - 1];
    if (prev && prev.category === category) {
      if (NOT_A_MOVE.has(e.rne)) q.exclude('rne-merged-episode');
      prev.end = pEnd;
      continue;
    }
    if (prev && e.rne === 'L' && !mapped[i]!.temporary) {
      q.warn('rne-mismatch', place(e, 'RNE'), 'RNE L (legal status change only) but the placement category changes; expected P, T, B or U (counted as a move)');
    }
    if (prev && prev.start === pStart) {
      // A placement that lasted no day is no stay: the child moved straight on.
      q.exclude('same-day-placement');
      prev.category = category;
      prev.end = pEnd;
      const before = periods[periods.length - 2];
      if (before && before.category === category) {
        before.end = pEnd;
        periods.pop();
      }
      continue;
    }
    periods.push({ category, start: pStart, end: pEnd });
  }
  const lastPeriod = periods[periods.length - 1];
  if (lastPeriod && end !== null && (lastPeriod.end === null || lastPeriod.end > end)) lastPeriod.end = end;
  return {
    child: ordinal,
    la: child.la,
    sex: child.sex,
    dob: child.dob,
    uasc,
    route: entryRoute(statuses),
    start,
    startObserved: first.rne === 'S',
    end,
    observedUntil,
    exit,
    vanished,
    periods,
  };
}

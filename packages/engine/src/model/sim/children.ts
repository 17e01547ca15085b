import type { RandomStream } from '../../random/random-stream.js';
import { grown } from './grown.js';
import { anniversaryDay } from '../calendar.js';
import { dayToIso } from '../dates.js';
import { AGE_BAND_END_YEARS, ageBandOn } from '../domain/age-bands.js';
import { CATEGORY_COUNT } from '../domain/cells.js';
import { ENTRY_ROUTES, EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { leaveCareToCareLeavers } from './care-leavers.js';
import { rescheduleChild } from './child-events.js';
import { flushCost } from './costs.js';
import { scheduleCap } from './duration-caps.js';
import { clearWait, freed } from './placement.js';
import { leaveStepAcross } from './step-across.js';
import { HANDLE_AFTER_END, type ReplicationState, type SpellReason } from './state.js';

// A child's life in care: growing the store (child-store.ts), entering care, entering and leaving a
// category, moving, leaving care; the child's own random numbers and its out-of-area draw.

/** Makes room for at least `min` children: typed arrays grow together. */
export function grow(st: ReplicationState, min: number): void {
  if (min <= st.slots) return;
  const n = Math.max(min, st.slots * 2);
  st.birth = grown(st.birth, n);
  st.entered = grown(st.entered, n);
  st.placeStart = grown(st.placeStart, n);
  st.nextAge = grown(st.nextAge, n);
  st.handle = grown(st.handle, n);
  st.waitSeq = grown(st.waitSeq, n);
  st.rngState = grown(st.rngState, n);
  const capHandle = new Float64Array(n * st.capCount);
  capHandle.set(st.capHandle);
  st.capHandle = capHandle;
  st.category = grown(st.category, n);
  st.band = grown(st.band, n);
  st.dur = grown(st.dur, n);
  st.waitFor = grown(st.waitFor, n);
  st.uasc = grown(st.uasc, n);
  st.ooa = grown(st.ooa, n);
  st.alive = grown(st.alive, n);
  st.pos = grown(st.pos, n);
  st.id = grown(st.id, n);
  st.episode = grown(st.episode, n);
  st.stepNeed = grown(st.stepNeed, n);
  st.stepPos = grown(st.stepPos, n);
  st.slots = n;
}

/**
 * Creates a child in care (not yet in a category); returns its slot. `band` is the child's age band now
 * when the caller knows it, with `bandEnd` the birthday that ends it (`drawBirthDay`'s `drawnBandEnd`);
 * else -1 for both.
 */
export function newChild(st: ReplicationState, birth: number, entered: number, uasc: number, sex: number, route: number, randomSeed: number, band: number, bandEnd: number): number {
  let s: number;
  if (st.free.length > 0) s = st.free.pop()!;
  else {
    if (st.used === st.slots) grow(st, st.used + 1);
    s = st.used++;
  }
  const now = st.sim.now;
  st.birth[s] = birth;
  st.rngState[s] = randomSeed;
  st.entered[s] = entered;
  st.uasc[s] = uasc;
  st.alive[s] = 1;
  st.waitFor[s] = -1;
  st.stepNeed[s] = -1;
  st.handle[s] = HANDLE_AFTER_END;
  st.id[s] = st.nextId++;
  const b = band >= 0 ? band : ageBandOn(birth, now);
  st.band[s] = b;
  st.inCareByAge[b]!++;
  st.nextAge[s] = band >= 0 ? bandEnd : anniversaryDay(birth, AGE_BAND_END_YEARS[b]!);
  const inCare = now - entered;
  let d = 0;
  while (d < st.nDur - 1 && st.durBounds[d]! <= inCare) d++;
  st.dur[s] = d;
  for (let j = 0; j < st.capCount; j++) st.capHandle[s * st.capCount + j] = -1;
  st.inCareTotal++;
  if (st.record) {
    st.childRecords.push({
      child: st.id[s]!,
      birth: dayToIso(birth),
      sex: sex === 0 ? 'male' : 'female',
      uasc: uasc === 1,
      route: ENTRY_ROUTES[route]!,
      entered: dayToIso(Math.floor(entered)),
      outOfArea: false,
    });
  }
  return s;
}

/** Puts child `s` into category `c` (its first category, or after leaving another). */
export function addToCategory(st: ReplicationState, s: number, c: number, outOfArea: number, reason: SpellReason): void {
  flushCost(st, c);
  const list = st.members[c]!;
  if (list.size === list.items.length) {
    const bigger = new Int32Array(list.items.length * 2);
    bigger.set(list.items);
    list.items = bigger;
  }
  st.pos[s] = list.size;
  list.items[list.size++] = s;
  st.category[s] = c;
  st.inCareUasc[c] = st.inCareUasc[c]! + st.uasc[s]!;
  st.ooa[s] = outOfArea;
  st.outOfAreaCount += outOfArea;
  if (st.record) {
    const start = reason === 'initial' ? st.placeStart[s]! : st.sim.now;
    st.episode[s] = st.episodes.length;
    st.episodes.push({
      child: st.id[s]!,
      start: dayToIso(Math.floor(start)),
      end: null,
      category: PLACEMENT_CATEGORIES[c]!,
      reason,
      exit: null,
      outOfArea: outOfArea === 1,
    });
    if (reason === 'entry' || reason === 'initial') st.childRecords[st.childRecords.length - 1]!.outOfArea = outOfArea === 1;
  }
  const caps = st.capsByCategory[c]!;
  for (let k = 0; k < caps.length; k++) scheduleCap(st, s, caps[k]!);
}

/** Takes child `s` out of its category (cancelling its duration caps); `exit` >= 0 closes its spell with that reason. */
export function removeFromCategory(st: ReplicationState, s: number, exit: number): void {
  const c = st.category[s]!;
  flushCost(st, c);
  if (st.stepNeed[s]! >= 0) leaveStepAcross(st, s);
  const list = st.members[c]!;
  const p = st.pos[s]!;
  const last = list.items[--list.size]!;
  list.items[p] = last;
  st.pos[last] = p;
  st.inCareUasc[c] = st.inCareUasc[c]! - st.uasc[s]!;
  st.outOfAreaCount -= st.ooa[s]!;
  const caps = st.capsByCategory[c]!;
  for (let k = 0; k < caps.length; k++) {
    const j = caps[k]!;
    const h = st.capHandle[s * st.capCount + j]!;
    if (h >= 0) st.sim.cancel(h);
    st.capHandle[s * st.capCount + j] = -1;
  }
  if (st.record) {
    const e = st.episodes[st.episode[s]!]!;
    e.end = dayToIso(Math.floor(st.sim.now));
    if (exit >= 0) e.exit = EXIT_REASONS[exit]!;
  }
}

/**
 * Uniform on [0, 1) from child `s`'s own stream (mulberry32): a lever that changes one child's path
 * leaves every other child's draws where they were (common random numbers).
 */
export function childRandom(st: ReplicationState, s: number): number {
  let t = (st.rngState[s] = (st.rngState[s]! + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** 1 if child `s`'s placement in `c` is out of area (its own stream), else 0. */
export function drawOutOfArea(st: ReplicationState, s: number, c: number): number {
  const p = st.m.outOfAreaProbability[c]!;
  return p > 0 && childRandom(st, s) < p ? 1 : 0;
}

/** Child `s` leaves care for exit reason index `reason`: counted in `exits` and `exits_from`; its place frees. */
export function exitCare(st: ReplicationState, s: number, reason: number): void {
  const c = st.category[s]!;
  removeFromCategory(st, s, reason);
  st.exits[reason]!++;
  st.exitsFrom[c]!++;
  st.inCareTotal--;
  st.inCareByAge[st.band[s]!]!--;
  leaveCareToCareLeavers(st, s, reason, c);
  clearWait(st, s);
  const h = st.handle[s]!;
  if (h >= 0) st.sim.cancel(h);
  st.handle[s] = HANDLE_AFTER_END;
  st.alive[s] = 0;
  st.free.push(s);
  freed(st, c);
}

/** Moves child `s` to category `q`: counts the move and re-draws its hazards. */
export function moveTo(st: ReplicationState, s: number, q: number, reason: SpellReason): void {
  const c = st.category[s]!;
  removeFromCategory(st, s, -1);
  st.moves[c * CATEGORY_COUNT + q]!++;
  st.placeStart[s] = st.sim.now;
  if (st.waitFor[s] === q) clearWait(st, s);
  addToCategory(st, s, q, drawOutOfArea(st, s, q), reason);
  rescheduleChild(st, s);
  freed(st, c);
}

/** A 32-bit seed for a child's own stream. */
export function seedFrom(rng: RandomStream): number {
  return (rng.random() * 4294967296) | 0;
}

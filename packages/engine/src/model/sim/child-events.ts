import { log } from '../../random/exact-math.js';
import type { HazardTable } from '../compiled-model.js';
import { anniversaryDay } from '../calendar.js';
import { AGE_BAND_COUNT, AGE_BAND_END_YEARS } from '../domain/age-bands.js';
import { EXIT_TARGET_OFFSET, hazardCell, isExitTarget, targetNeed } from '../domain/cells.js';
import { ageOutWeightsOf } from './care-leavers.js';
import { childRandom, exitCare } from './children.js';
import { requestMove } from './placement.js';
import { EV_CHILD, EVENT_BOUNDARY, EVENT_KINDS, EVENT_TRANSITION, HANDLE_AFTER_END, HANDLE_FIRING, PRIORITY_CHILD, type ReplicationState } from './state.js';
import { INTS, I_BAND, I_CATEGORY, I_DUR, I_KIND, I_UASC, REALS, R_ENTERED, R_HANDLE, R_NEXT_AGE, R_NEXT_DUR } from './child-store.js';

// A child's own events: its next transition (competing exponential hazards of its cell) or the next
// change of its hazards (age band, duration band, leaving care at 18), and what happens when one fires.

/**
 * Draws child `s`'s next event: a transition, or the next change of its hazards (an age band, a
 * duration band whose hazards differ, or leaving care at 18).
 */
export function scheduleChild(st: ReplicationState, s: number): void {
  const now = st.sim.now;
  const cell = cellOf(st, s);
  const reals = st.reals;
  const r = s * REALS;
  const t0 = reals[r + R_NEXT_AGE]!;
  const td = hazardChangeByDuration(st, s, cell);
  let t = td < t0 ? td : t0;
  let kind = EVENT_BOUNDARY;
  const h = st.table.total[cell]!;
  if (h > 0) {
    const x = now - log(1 - childRandom(st, s)) / h;
    if (x < t) {
      t = x;
      kind = EVENT_TRANSITION;
    }
  }
  st.ints[s * INTS + I_KIND] = kind;
  reals[r + R_HANDLE] = t < st.endTime ? st.sim.scheduleAt(t, s * EVENT_KINDS + EV_CHILD, PRIORITY_CHILD) : HANDLE_AFTER_END;
}

/** When child `s`'s hazards next change with time in care (Infinity if they do not). */
export function hazardChangeByDuration(st: ReplicationState, s: number, cell: number): number {
  const d = st.ints[s * INTS + I_DUR]!;
  const sig = st.table.signature;
  const own = sig[cell]!;
  for (let next = d + 1; next < st.nDur; next++) {
    if (sig[cell - d + next] !== own) return st.reals[s * REALS + R_ENTERED]! + st.durBounds[next - 1]!;
  }
  return Infinity;
}

/** Brings child `s`'s duration band up to date (bands are crossed without events when hazards do not change). */
export function syncDuration(st: ReplicationState, s: number): void {
  const now = st.sim.now;
  const reals = st.reals;
  const r = s * REALS;
  while (now >= reals[r + R_NEXT_DUR]!) {
    const i = s * INTS + I_DUR;
    const d = st.ints[i]! + 1;
    st.ints[i] = d;
    reals[r + R_NEXT_DUR] = d < st.nDur - 1 ? reals[r + R_ENTERED]! + st.durBounds[d]! : Infinity;
  }
}

/** Cancels child `s`'s pending event and draws its next one (its hazards changed). */
export function rescheduleChild(st: ReplicationState, s: number): void {
  const h = st.reals[s * REALS + R_HANDLE]!;
  if (h >= 0) st.sim.cancel(h);
  scheduleChild(st, s);
}

/** Child `s`'s hazard cell now (its duration band brought up to date first). */
export function cellOf(st: ReplicationState, s: number): number {
  syncDuration(st, s);
  const ints = st.ints;
  const i = s * INTS;
  return hazardCell(ints[i + I_UASC]!, ints[i + I_CATEGORY]!, ints[i + I_BAND]!, ints[i + I_DUR]!, st.nDur);
}

/** Child `s`'s own event: a band change (at 18: leaving care) or a transition drawn among its cell's targets. */
export function onChild(st: ReplicationState, s: number): void {
  const r = s * REALS;
  st.reals[r + R_HANDLE] = HANDLE_FIRING;
  if (st.ints[s * INTS + I_KIND] === EVENT_BOUNDARY) {
    if (st.sim.now >= st.reals[r + R_NEXT_AGE]!) {
      const i = s * INTS + I_BAND;
      const b = st.ints[i]! + 1;
      if (b === AGE_BAND_COUNT) {
        exitCare(st, s, ageOutReason(st, s));
        return;
      }
      st.inCareByAge[b - 1]!--;
      st.inCareByAge[b]!++;
      st.ints[i] = b;
      st.reals[r + R_NEXT_AGE] = anniversaryDay(st.birth[s]!, AGE_BAND_END_YEARS[b]!);
    }
    scheduleChild(st, s);
    return;
  }
  const target = drawTarget(st.table, cellOf(st, s), childRandom(st, s));
  if (isExitTarget(target)) {
    exitCare(st, s, target - EXIT_TARGET_OFFSET);
    return;
  }
  requestMove(st, s, targetNeed(target), 'move');
  if (st.reals[r + R_HANDLE] === HANDLE_FIRING) scheduleChild(st, s);
}

/** The target of a transition out of `cell`, drawn among its targets in proportion to their rates by a uniform `u` on [0, 1). */
function drawTarget(t: HazardTable, cell: number, u: number): number {
  const from = t.start[cell]!;
  const to = t.start[cell + 1]!;
  let x = u * t.total[cell]!;
  let k = from;
  for (; k < to - 1; k++) {
    x -= t.rate[k]!;
    if (x < 0) break;
  }
  return t.target[k]!;
}

/** The reason child `s` leaves care at 18, from `ageOut` weights and its own stream. */
export function ageOutReason(st: ReplicationState, s: number): number {
  return pick(ageOutWeightsOf(st, s), childRandom(st, s));
}

/** Index drawn with probability proportional to `weights` from one uniform `u` on [0, 1). */
function pick(weights: readonly number[], u: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let x = u * total;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    last = i;
    if (x < w) return i;
    x -= w;
  }
  return last;
}

import { anniversaryDay } from '../calendar.js';
import { AGE_BAND_COUNT, AGE_BAND_END_YEARS } from '../domain/age-bands.js';
import { EXIT_TARGET_OFFSET, hazardCell, isExitTarget, targetNeed } from '../domain/cells.js';
import { ageOutWeightsOf } from './care-leavers.js';
import { childRandom, exitCare } from './children.js';
import { requestMove } from './placement.js';
import { standardExponential } from '../../random/exponential.js';
import type { EV_CHILD, EV_CHILD_BOUNDARY, EVENT_KINDS, HANDLE_AFTER_END, HANDLE_FIRING, PRIORITY_CHILD, ReplicationState } from './state.js';

// A child's own events: its next transition (competing exponential hazards of its cell) or the next
// change of its hazards (age band, duration band, leaving care at 18), and what happens when one fires.
// The event kinds, priority and handle markers below are literals, each checked against its constant's
// type by `satisfies` (tsc fails if one changes): an imported constant is a load of the binding and a
// check that it is initialised at every use, in functions that run about once an event (session 22).

/**
 * Draws child `s`'s next event: a transition, or the next change of its hazards (an age band, a
 * duration band whose hazards differ, or leaving care at 18).
 */
export function scheduleChild(st: ReplicationState, s: number): void {
  const now = st.sim.now;
  const cell = cellOf(st, s);
  const t0 = st.nextAge[s]!;
  const td = hazardChangeByDuration(st, s, cell);
  let t = td < t0 ? td : t0;
  let kind: number = 11 satisfies typeof EV_CHILD_BOUNDARY;
  const h = st.table.total[cell]!;
  if (h > 0) {
    const x = now + standardExponential(childRandom(st, s), childRandom, st, s) / h;
    if (x < t) {
      t = x;
      kind = 0 satisfies typeof EV_CHILD;
    }
  }
  st.handle[s] = t < st.endTime ? st.sim.scheduleAt(t, s * (16 satisfies typeof EVENT_KINDS) + kind, 0 satisfies typeof PRIORITY_CHILD) : (-2 satisfies typeof HANDLE_AFTER_END);
}

/** When child `s`, in hazard cell `cell`, next has other hazards with time in care (Infinity if never). */
export function hazardChangeByDuration(st: ReplicationState, s: number, cell: number): number {
  const next = st.changeBand[cell]!;
  return next < st.nDur ? st.entered[s]! + st.durBounds[next - 1]! : Infinity;
}

/**
 * Brings child `s`'s duration band up to date (bands are crossed without events when hazards do not
 * change) and returns it. Band d < nDur - 1 ends at `entered + durBounds[d]`, worked out here rather than
 * kept per child (one array fewer read per event).
 */
export function syncDuration(st: ReplicationState, s: number): number {
  let d = st.dur[s]!;
  const last = st.nDur - 1;
  if (d === last) return d;
  const entered = st.entered[s]!;
  const now = st.sim.now;
  if (now < entered + st.durBounds[d]!) return d;
  do d++;
  while (d < last && now >= entered + st.durBounds[d]!);
  st.dur[s] = d;
  return d;
}

/** Cancels child `s`'s pending event and draws its next one (its hazards changed). */
export function rescheduleChild(st: ReplicationState, s: number): void {
  const h = st.handle[s]!;
  if (h >= 0) st.sim.cancel(h);
  scheduleChild(st, s);
}

/** Child `s`'s hazard cell now (its duration band brought up to date first). */
export function cellOf(st: ReplicationState, s: number): number {
  const d = syncDuration(st, s);
  return hazardCell(st.uasc[s]!, st.category[s]!, st.band[s]!, d, st.nDur);
}

/** Child `s`'s change of hazards (EV_CHILD_BOUNDARY): its age band (at 18: leaving care) or its duration band. */
export function onChildBoundary(st: ReplicationState, s: number): void {
  st.handle[s] = -1 satisfies typeof HANDLE_FIRING;
  if (st.sim.now >= st.nextAge[s]!) {
    const b = st.band[s]! + 1;
    if (b === AGE_BAND_COUNT) {
      exitCare(st, s, ageOutReason(st, s));
      return;
    }
    st.inCareByAge[b - 1]!--;
    st.inCareByAge[b]!++;
    st.band[s] = b;
    st.nextAge[s] = anniversaryDay(st.birth[s]!, AGE_BAND_END_YEARS[b]!);
  }
  scheduleChild(st, s);
}

/** Child `s`'s transition (EV_CHILD), drawn among its cell's targets. */
export function onChild(st: ReplicationState, s: number): void {
  st.handle[s] = -1 satisfies typeof HANDLE_FIRING;
  const t = st.table;
  const cell = cellOf(st, s);
  const from = t.start[cell]!;
  const to = t.start[cell + 1]!;
  let u = childRandom(st, s) * t.total[cell]!;
  let k = from;
  for (; k < to - 1; k++) {
    u -= t.rate[k]!;
    if (u < 0) break;
  }
  const target = t.target[k]!;
  if (isExitTarget(target)) {
    exitCare(st, s, target - EXIT_TARGET_OFFSET);
    return;
  }
  requestMove(st, s, targetNeed(target), 'move');
  if (st.handle[s] === (-1 satisfies typeof HANDLE_FIRING)) scheduleChild(st, s);
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

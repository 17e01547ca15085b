import { EXIT_TARGET_OFFSET, isExitTarget, targetNeed } from '../domain/cells.js';
import { childRandom, exitCare } from './children.js';
import { requestMove } from './placement.js';
import { EV_CAP, EVENT_KINDS, PRIORITY_CHILD, type ReplicationState } from './state.js';

// Duration caps: after a number of days in a category, a child moves or leaves with a probability.

/** Schedules duration cap `j`'s check for child `s`, if it falls inside the cap's window and the run. */
export function scheduleCap(st: ReplicationState, s: number, j: number): void {
  const cap = st.caps[j]!;
  const t = Math.max(st.placeStart[s]! + cap.afterDays, cap.fromDay, st.sim.now);
  if (t >= cap.untilDay || t >= st.endTime) return;
  st.capHandle[s * st.capCount + j] = st.sim.scheduleAt(t, (s * st.capCount + j) * EVENT_KINDS + EV_CAP, PRIORITY_CHILD);
}

/** Duration cap `j`'s check of child `s`: with its probability the child moves (placement rule) or leaves. */
export function onCap(st: ReplicationState, s: number, j: number): void {
  st.capHandle[s * st.capCount + j] = -1;
  const cap = st.caps[j]!;
  if ((cap.ageMask & (1 << st.band[s]!)) === 0) return;
  if (!(childRandom(st, s) < cap.probability)) return;
  if (isExitTarget(cap.target)) exitCare(st, s, cap.target - EXIT_TARGET_OFFSET);
  else requestMove(st, s, targetNeed(cap.target), 'move');
}

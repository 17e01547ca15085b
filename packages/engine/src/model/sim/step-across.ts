import { NEED_TYPE_OFFSET } from '../domain/types-of-care.js';
import { moveTo } from './children.js';
import { matches } from './placement.js';
import { EV_STEP_ACROSS, EVENT_KINDS, PRIORITY_CHILD, type ReplicationState } from './state.js';

// Step-across with a hazard: children placed with a later provider of a type of care look again for
// its first provider at a rate per child-year, and move there when it has a match.

/**
 * After a first placement by type of care `need` gave child `s` provider `r`: when `r` is a later
 * provider of the type and the type steps across with a hazard, the child joins the type's list.
 */
export function joinStepAcross(st: ReplicationState, s: number, need: number, r: number): void {
  if (need < NEED_TYPE_OFFSET || !(st.m.stepAcrossPerDay[need]! > 0)) return;
  const order = st.m.providers[need]!;
  if (r === order[0] || !order.includes(r)) return;
  const list = st.stepMembers[need]!;
  if (list.size === list.items.length) {
    const bigger = new Int32Array(list.items.length * 2);
    bigger.set(list.items);
    list.items = bigger;
  }
  st.stepNeed[s] = need;
  st.stepPos[s] = list.size;
  list.items[list.size++] = s;
  scheduleStepAcross(st, need);
}

/** Child `s` leaves its category, so it leaves its step-across list. */
export function leaveStepAcross(st: ReplicationState, s: number): void {
  const need = st.stepNeed[s]!;
  const list = st.stepMembers[need]!;
  const p = st.stepPos[s]!;
  const last = list.items[--list.size]!;
  list.items[p] = last;
  st.stepPos[last] = p;
  st.stepNeed[s] = -1;
  scheduleStepAcross(st, need);
}

/** Draws the next look of type `need`'s list: rate = children on it × hazard per child-day. */
export function scheduleStepAcross(st: ReplicationState, need: number): void {
  const h = st.stepHandle[need]!;
  if (h >= 0) st.sim.cancel(h);
  st.stepHandle[need] = -1;
  const rate = st.stepMembers[need]!.size * st.m.stepAcrossPerDay[need]!;
  if (!(rate > 0)) return;
  const t = st.sim.now + st.rngStepAcross.exponential(rate);
  if (t < st.endTime) st.stepHandle[need] = st.sim.scheduleAt(t, need * EVENT_KINDS + EV_STEP_ACROSS, PRIORITY_CHILD);
}

/** A child chosen uniformly from the list looks again: it moves to the first provider if it has a match. */
export function onStepAcross(st: ReplicationState, need: number): void {
  st.stepHandle[need] = -1;
  const list = st.stepMembers[need]!;
  const s = list.items[st.rngStepAcross.integer(0, list.size - 1)]!;
  const first = st.m.providers[need]![0]!;
  if (matches(st, s, first, st.category[s]!)) moveTo(st, s, first, 'move');
  else scheduleStepAcross(st, need);
}

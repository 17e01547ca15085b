import { SIXTEEN_PLUS_BAND, SUPPORTED } from '../domain/eligibility.js';
import { PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { moveTo } from './children.js';
import type { ReplicationState, SpellReason } from './state.js';

// The placement rule (preferred category, fallbacks, last resort), waiting lists and displacement.

/**
 * The placement rule: the preferred category if it has room (or the child is already there), else
 * the first fallback with room (never supported for under-16s, never `exclude`), else the last resort.
 */
export function place(st: ReplicationState, preferred: number, current: number, under16: boolean, exclude: number): number {
  if (preferred !== exclude && hasRoom(st, preferred, current)) return preferred;
  const order = st.epoch.fallback[preferred]!;
  for (let i = 0; i < order.length; i++) {
    const q = order[i]!;
    if (q === exclude || (under16 && q === SUPPORTED)) continue;
    if (hasRoom(st, q, current)) return q;
  }
  return st.m.lastResort;
}

/** True when `q` can take a child now in `current` (unlimited, not full, or the child is already there). */
export function hasRoom(st: ReplicationState, q: number, current: number): boolean {
  return q === current || st.limited[q] === 0 || st.members[q]!.size < st.capacity[q]!;
}

/** A child in care asks to move to `preferred` (a transition or a duration cap). */
export function requestMove(st: ReplicationState, s: number, preferred: number, reason: SpellReason): void {
  const c = st.category[s]!;
  const r = place(st, preferred, c, st.band[s]! < SIXTEEN_PLUS_BAND, -1);
  if (r === preferred) clearWait(st, s);
  else {
    if (!(st.waitFor[s] === preferred && r === c)) st.outOfPreference[preferred]!++;
    if (st.m.waitForPreferred) setWait(st, s, preferred);
    else clearWait(st, s);
  }
  if (r !== c) moveTo(st, s, r, reason);
}

/** Child `s` waits for category `p` (its latest preference), at the back of `p`'s line. */
export function setWait(st: ReplicationState, s: number, p: number): void {
  const w = st.waitFor[s]!;
  if (w === p) return;
  if (w >= 0) st.waitCount[w]!--;
  st.waitFor[s] = p;
  const seq = ++st.waitCounter;
  st.waitSeq[s] = seq;
  st.waitQueue[p]!.push(s);
  st.waitQueueSeq[p]!.push(seq);
  st.waitCount[p]!++;
}

/** Child `s` stops waiting (its queue entry is skipped when reached). */
export function clearWait(st: ReplicationState, s: number): void {
  const w = st.waitFor[s]!;
  if (w < 0) return;
  st.waitCount[w]!--;
  st.waitFor[s] = -1;
}

/** The first child still waiting for `c` (FIFO), removed from the queue; -1 if none. */
export function nextWaiting(st: ReplicationState, c: number): number {
  const q = st.waitQueue[c]!;
  const seqs = st.waitQueueSeq[c]!;
  let head = st.waitHead[c]!;
  let found = -1;
  while (head < q.length) {
    const s = q[head]!;
    const seq = seqs[head]!;
    head++;
    if (st.alive[s] === 1 && st.waitFor[s] === c && st.waitSeq[s] === seq) {
      found = s;
      break;
    }
  }
  if (head > 256 && head * 2 > q.length) {
    q.splice(0, head);
    seqs.splice(0, head);
    head = 0;
  }
  st.waitHead[c] = head;
  return found;
}

/** A place may have freed in `c`: children waiting for it move in, and so on down the chain. */
export function freed(st: ReplicationState, c: number): void {
  if (st.limited[c] === 0 || st.waitCount[c] === 0) return;
  st.fillQueue.push(c);
  if (st.filling) return;
  st.filling = true;
  while (st.fillQueue.length > 0) {
    const q = st.fillQueue.pop()!;
    while (st.waitCount[q]! > 0 && st.members[q]!.size < st.capacity[q]!) {
      const s = nextWaiting(st, q);
      if (s < 0) throw new Error(`waiting list of ${PLACEMENT_CATEGORIES[q]} is out of step with its count`);
      clearWait(st, s);
      moveTo(st, s, q, 'waiting-filled');
    }
  }
  st.filling = false;
}

/** Capacity of `c` fell below its occupancy: children chosen at random are moved out. */
export function displace(st: ReplicationState, c: number): void {
  const list = st.members[c]!;
  while (list.size > st.capacity[c]!) {
    const s = list.items[st.rngDisplacement.integer(0, list.size - 1)]!;
    const r = place(st, c, -1, st.band[s]! < SIXTEEN_PLUS_BAND, c);
    if (r === c) break;
    st.outOfPreference[c]!++;
    if (st.m.waitForPreferred) setWait(st, s, c);
    else clearWait(st, s);
    moveTo(st, s, r, 'displaced');
  }
}

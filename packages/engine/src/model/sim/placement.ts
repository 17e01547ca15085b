import { SIXTEEN_PLUS_BAND, SUPPORTED } from '../domain/eligibility.js';
import { CATEGORY_COUNT } from '../domain/cells.js';
import { PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { childRandom, moveTo } from './children.js';
import type { ReplicationState, SpellReason } from './state.js';

// The placement rule (a need's providers, fallbacks, last resort) with matching, waiting lists and displacement.

/**
 * The placement rule for child `s` with need `need` (a category, or a type of care from
 * NEED_TYPE_OFFSET): the need's providers in order, the first with a match (see `matches`); for a
 * category need, then its fallbacks (never supported for under-16s, never `exclude`); else the last
 * resort. A type of care's providers skip supported for under-16s and `exclude` too.
 */
export function place(st: ReplicationState, s: number, need: number, current: number, under16: boolean, exclude: number): number {
  if (need < CATEGORY_COUNT) {
    if (need !== exclude && matches(st, s, need, current)) return need;
    const order = st.epoch.fallback[need]!;
    for (let i = 0; i < order.length; i++) {
      const q = order[i]!;
      if (q === exclude || (under16 && q === SUPPORTED)) continue;
      if (matches(st, s, q, current)) return q;
    }
    return st.m.lastResort;
  }
  const order = st.m.providers[need]!;
  for (let i = 0; i < order.length; i++) {
    const q = order[i]!;
    if (q === exclude || (under16 && q === SUPPORTED)) continue;
    if (matches(st, s, q, current)) return q;
  }
  return st.m.lastResort;
}

/**
 * True when `q` has a place that suits child `s`: the child is already there, `q` is unlimited, or
 * with `v` vacant places and match probability `p` a uniform from the child's own stream falls below
 * `1 - (1 - p)^v` (each vacant place suits it independently with probability `p`). With `p` = 1 no
 * number is drawn, so models without matching keep their random numbers.
 */
export function matches(st: ReplicationState, s: number, q: number, current: number): boolean {
  if (q === current || st.limited[q] === 0) return true;
  const v = st.capacity[q]! - st.members[q]!.size;
  if (v <= 0) return false;
  const p = st.m.matchProbability[q]!;
  if (p >= 1) return true;
  if (p <= 0) return false;
  return childRandom(st, s) < 1 - noMatchChance(st.noMatch, q, p, v);
}

/** Vacancies up to which `noMatchChance` keeps `(1 - p)^v` in a table (beyond, it calls `Math.pow`). */
const NO_MATCH_TABLE_LIMIT = 4096;

/**
 * `Math.pow(1 - p, v)`, the chance that none of `v` vacant places of `q` suits a child, read from
 * `tables[q]` (per model, prepared.ts) when `v` is a whole number below the limit: the table holds
 * the very doubles `Math.pow` returns, so every draw compares with the same number.
 */
export function noMatchChance(tables: Float64Array[], q: number, p: number, v: number): number {
  let table = tables[q]!;
  if (v < table.length && (v | 0) === v) return table[v]!;
  if (!(v < NO_MATCH_TABLE_LIMIT) || (v | 0) !== v) return Math.pow(1 - p, v);
  const n = Math.min(NO_MATCH_TABLE_LIMIT, Math.max(v + 1, 2 * table.length, 16));
  tables[q] = table = new Float64Array(n);
  for (let i = 0; i < n; i++) table[i] = Math.pow(1 - p, i);
  return table[v]!;
}

/** The category a need prefers: the category itself, or a type of care's first provider. */
export function preferredOf(st: ReplicationState, need: number): number {
  return st.m.providers[need]![0]!;
}

/**
 * After child `s` (now in `current`, -1 on entry) with need `need` was given `r`: counts a placement
 * out of preference and sets or clears its wait for the preferred category. A category need, or a
 * type of care placed in the last resort, waits with `waitForPreferred`; a type of care placed with a
 * later provider waits with its `stepAcross`.
 */
export function settle(st: ReplicationState, s: number, need: number, r: number, current: number): void {
  const p = preferredOf(st, need);
  if (r === p) {
    clearWait(st, s);
    return;
  }
  if (!(st.waitFor[s] === p && r === current)) st.outOfPreference[p]!++;
  const wait = need < CATEGORY_COUNT || !st.m.providers[need]!.includes(r) ? st.m.waitForPreferred : st.m.stepAcross[need] === 1;
  if (wait) setWait(st, s, p);
  else clearWait(st, s);
}

/** A child in care asks to move to need `need` (a transition or a duration cap). */
export function requestMove(st: ReplicationState, s: number, need: number, reason: SpellReason): void {
  const c = st.category[s]!;
  const r = place(st, s, need, c, st.band[s]! < SIXTEEN_PLUS_BAND, -1);
  settle(st, s, need, r, c);
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
    if (st.m.matchProbability[q]! < 1) fillMatched(st, q);
    else
      while (st.waitCount[q]! > 0 && st.members[q]!.size < st.capacity[q]!) {
        const s = nextWaiting(st, q);
        if (s < 0) throw new Error(`waiting list of ${PLACEMENT_CATEGORIES[q]} is out of step with its count`);
        clearWait(st, s);
        moveTo(st, s, q, 'waiting-filled');
      }
  }
  st.filling = false;
}

/**
 * Filling `q` when its places match only some children: each child still waiting, in FIFO order, is
 * offered the vacant places (`matches`, its own stream) and moves in when one suits it; the others
 * keep their place in the line. Stops when no place is vacant.
 */
function fillMatched(st: ReplicationState, q: number): void {
  const queue = st.waitQueue[q]!;
  const seqs = st.waitQueueSeq[q]!;
  const head = st.waitHead[q]!;
  let stale = 0;
  let i = head;
  for (; i < queue.length && st.waitCount[q]! > 0 && st.members[q]!.size < st.capacity[q]!; i++) {
    const s = queue[i]!;
    if (!isWaiting(st, s, q, seqs[i]!)) {
      stale++;
      continue;
    }
    if (!matches(st, s, q, -1)) continue;
    clearWait(st, s);
    moveTo(st, s, q, 'waiting-filled');
  }
  // Entries of children who stopped waiting are skipped at every scan: when they are most of what was
  // scanned, drop them all (the order of the others, so every draw, is unchanged).
  if (stale > 32 && 2 * stale > i - head) compactWaiting(st, q);
}

/** Whether the waiting-list entry (child `s`, sequence `seq`) of `q` is current. */
function isWaiting(st: ReplicationState, s: number, q: number, seq: number): boolean {
  return st.alive[s] === 1 && st.waitFor[s] === q && st.waitSeq[s] === seq;
}

/** Keeps only the current entries of `q`'s waiting list, in order, from its head. */
function compactWaiting(st: ReplicationState, q: number): void {
  const queue = st.waitQueue[q]!;
  const seqs = st.waitQueueSeq[q]!;
  let kept = 0;
  for (let i = st.waitHead[q]!; i < queue.length; i++) {
    if (!isWaiting(st, queue[i]!, q, seqs[i]!)) continue;
    queue[kept] = queue[i]!;
    seqs[kept] = seqs[i]!;
    kept++;
  }
  queue.length = kept;
  seqs.length = kept;
  st.waitHead[q] = 0;
}

/** Capacity of `c` fell below its occupancy: children chosen at random are moved out. */
export function displace(st: ReplicationState, c: number): void {
  const list = st.members[c]!;
  while (list.size > st.capacity[c]!) {
    const s = list.items[st.rngDisplacement.integer(0, list.size - 1)]!;
    const r = place(st, s, c, -1, st.band[s]! < SIXTEEN_PLUS_BAND, c);
    if (r === c) break;
    st.outOfPreference[c]!++;
    if (st.m.waitForPreferred) setWait(st, s, c);
    else clearWait(st, s);
    moveTo(st, s, r, 'displaced');
  }
}

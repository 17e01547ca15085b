// The stationary loss correction of the supply-aware projection: one capacity-limited category as a
// birth-death chain with the simulation's matching rule, and the share of placement requests it takes
// at a given expected occupancy.

/**
 * Probability that a child finds a match among `vacant` places, each suiting it independently with
 * probability `q`: 1 − (1 − q)^vacant (the simulation's `matches` rule; 0 with no place vacant).
 */
export function matchChance(vacant: number, q: number): number {
  if (vacant <= 0) return 0;
  if (q >= 1) return 1;
  if (q <= 0) return 0;
  return 1 - Math.pow(1 - q, vacant);
}

/** Stationary occupancy mean and the share of arrivals placed, for one offered load. */
export interface ChainPoint {
  /** Expected occupied places. */
  mean: number;
  /** Share of arriving requests that find a match (Σ π(n) · matchChance(N − n, q)). */
  accepted: number;
  /** With a waiting list: the share of places freed by a child leaving that a waiting child takes. */
  filled: number;
}

/**
 * The stationary distribution of occupancy n in 0..`places`: requests arrive at rate λ and are placed
 * with probability matchChance(places − n, q), children leave at rate n μ; `load` = λ / μ. With q = 1
 * this is the Erlang loss system (accepted = 1 − Erlang B). Computed on a log scale (no overflow).
 */
export function stationaryChain(places: number, q: number, load: number): ChainPoint {
  return lossChainAt(lossTerms(places, q), load);
}

/**
 * The load-independent terms of `stationaryChain` for N places: matchChance(N − n, q), its log and
 * log(n + 1), computed once per table instead of at every grid point (the same numbers, so the same
 * results to the bit).
 */
interface LossTerms {
  N: number;
  /** matchChance(N − n, q), n = 0..N. */
  match: Float64Array;
  /** Math.log(match[n]) (−Infinity where match is 0), n = 0..N − 1. */
  logMatch: Float64Array;
  /** Math.log(n + 1), n = 0..N − 1. */
  logNext: Float64Array;
  /** Scratch: log of the unnormalised stationary probabilities. */
  logs: Float64Array;
}

function lossTerms(places: number, q: number): LossTerms {
  const N = Math.max(0, Math.floor(places));
  const match = new Float64Array(N + 1);
  const logMatch = new Float64Array(N);
  const logNext = new Float64Array(N);
  for (let n = 0; n <= N; n++) match[n] = matchChance(N - n, q);
  for (let n = 0; n < N; n++) {
    logMatch[n] = match[n]! > 0 ? Math.log(match[n]!) : Number.NEGATIVE_INFINITY;
    logNext[n] = Math.log(n + 1);
  }
  return { N, match, logMatch, logNext, logs: new Float64Array(N + 1) };
}

function lossChainAt(terms: LossTerms, load: number): ChainPoint {
  const { N, match, logMatch, logNext, logs } = terms;
  const logLoad = Math.log(load);
  logs[0] = 0;
  let top = 0;
  for (let n = 0; n < N; n++) {
    logs[n + 1] = match[n]! > 0 ? logs[n]! + logLoad + logMatch[n]! - logNext[n]! : -Infinity;
    if (logs[n + 1]! > top) top = logs[n + 1]!;
  }
  let z = 0;
  let mean = 0;
  let accepted = 0;
  for (let n = 0; n <= N; n++) {
    const p = Math.exp(logs[n]! - top);
    z += p;
    mean += n * p;
    accepted += p * match[n]!;
  }
  return { mean: mean / z, accepted: accepted / z, filled: 0 };
}

/** Children waiting beyond the places that `waitingChain` follows at most. */
const MAX_WAITING = 400;

/**
 * The stationary chain of a category whose places suit every child (q = 1) with a waiting list (an
 * Erlang-A system): k = children placed or waiting; requests arrive at rate λ, a share `waitShare` of
 * those refused join the list; children placed leave at rate μ each, children waiting at rate
 * `leaveRatio` · μ each; a freed place goes to the first child waiting. `load` = λ / μ.
 */
export function waitingChain(places: number, load: number, leaveRatio: number, waitShare: number): ChainPoint {
  return waitingChainAt(waitingTerms(places, leaveRatio), load, waitShare);
}

/** The load-independent terms of `waitingChain`: log of each state's departure rate (once per table). */
interface WaitingTerms {
  N: number;
  /** Math.log(min(k + 1, N) + max(0, k + 1 − N) leaveRatio), k = 0..N + MAX_WAITING − 1 (NaN where that rate is not above 0). */
  logDeath: Float64Array;
  logs: Float64Array;
}

function waitingTerms(places: number, leaveRatio: number): WaitingTerms {
  const N = Math.max(0, Math.floor(places));
  const logDeath = new Float64Array(N + MAX_WAITING);
  for (let k = 0; k < N + MAX_WAITING; k++) {
    const death = Math.min(k + 1, N) + Math.max(0, k + 1 - N) * leaveRatio;
    logDeath[k] = death > 0 ? Math.log(death) : Number.NaN;
  }
  return { N, logDeath, logs: new Float64Array(N + MAX_WAITING + 1) };
}

function waitingChainAt(terms: WaitingTerms, load: number, waitShare: number): ChainPoint {
  const { N, logDeath, logs } = terms;
  const birthPlaced = load;
  const birthWaiting = load * waitShare;
  const logPlaced = Math.log(birthPlaced);
  const logWaiting = Math.log(birthWaiting);
  logs[0] = 0;
  let count = 1;
  let top = 0;
  for (let k = 0; k < N + MAX_WAITING; k++) {
    const birth = k < N ? birthPlaced : birthWaiting;
    const ld = logDeath[k]!;
    if (!(birth > 0) || ld !== ld) break;
    const next = logs[k]! + (k < N ? logPlaced : logWaiting) - ld;
    logs[count++] = next;
    if (next > top) top = next;
    if (k > N && next < top - 40) break;
  }
  let z = 0;
  let mean = 0;
  let accepted = 0;
  let fullWaiting = 0;
  for (let k = 0; k < count; k++) {
    const p = Math.exp(logs[k]! - top);
    z += p;
    mean += Math.min(k, N) * p;
    if (k < N) accepted += p;
    if (k > N) fullWaiting += N * p;
  }
  return { mean: mean / z, accepted: accepted / z, filled: mean > 0 ? fullWaiting / mean : 0 };
}

/** Offered loads of the table, as multiples of (places + 1): log-spaced from LOAD_LO to LOAD_HI. */
const LOAD_LO = 1e-3;
const LOAD_HI = 1e4;
const LOAD_POINTS = 241;

/**
 * Per chain: stationary means (increasing in the load), accepted and filled shares on the load grid.
 * Grid points are computed when first read (NaN until then): a look-up reads the two ends and the
 * points of its binary search, about ten of the 241, so a projection's first call does not pay for
 * whole tables it never reads. The values are those of the full grid, point for point.
 */
class Table {
  readonly mean = new Float64Array(LOAD_POINTS).fill(Number.NaN);
  readonly accepted = new Float64Array(LOAD_POINTS);
  readonly filled = new Float64Array(LOAD_POINTS);
  /** A loss chain's matchChance(places, q), the accepted share of an empty category (NaN until first read). */
  private empty = Number.NaN;
  constructor(
    private readonly places: number,
    private readonly chain: (load: number) => ChainPoint,
  ) {}

  /** matchChance(places, q) of this loss chain's table (computed once). */
  emptyAccepted(q: number): number {
    const e = this.empty;
    return e === e ? e : (this.empty = matchChance(this.places, q));
  }

  /** Stationary mean at grid point i (computing the point on first use). */
  meanAt(i: number): number {
    const m = this.mean[i]!;
    if (m === m) return m;
    const point = this.chain((this.places + 1) * LOAD_LO * Math.exp(i * LOAD_STEP));
    this.accepted[i] = point.accepted;
    this.filled[i] = point.filled;
    this.mean[i] = point.mean;
    return point.mean;
  }
}

const LOAD_STEP = Math.log(LOAD_HI / LOAD_LO) / (LOAD_POINTS - 1);

const tables = new Map<string, Table>();

function tableFor(key: string, places: number, chain: (load: number) => ChainPoint): Table {
  let t = tables.get(key);
  if (t) return t;
  t = new Table(places, chain);
  // A projection meets a few dozen capacities; keep the cache bounded for long interactive sessions.
  if (tables.size > 4096) {
    tables.clear();
    lossTables.clear();
    waitingTables.clear();
  }
  tables.set(key, t);
  return t;
}

/** `stationaryChain(places, q, ·)` with its load-independent terms computed once. */
function lossChainOf(places: number, q: number): (load: number) => ChainPoint {
  const terms = lossTerms(places, q);
  return (load) => lossChainAt(terms, load);
}

/** `waitingChain(places, ·, leaveRatio, waitShare)` with its load-independent terms computed once. */
function waitingChainOf(places: number, leaveRatio: number, waitShare: number): (load: number) => ChainPoint {
  const terms = waitingTerms(places, leaveRatio);
  return (load) => waitingChainAt(terms, load, waitShare);
}

/** Accepted and filled shares of a table's chain at mean occupancy `occupied` (linear between grid points). */
function atOccupancy(t: Table, places: number, emptyAccepted: number, occupied: number, out: { accepted: number; filled: number }): void {
  const { accepted, filled } = t;
  const last = LOAD_POINTS - 1;
  const mean0 = t.meanAt(0);
  if (occupied <= mean0) {
    out.accepted = accepted[0]! + ((emptyAccepted - accepted[0]!) * Math.max(0, mean0 - occupied)) / mean0;
    out.filled = filled[0]!;
    return;
  }
  const meanLast = t.meanAt(last);
  if (occupied >= meanLast) {
    out.accepted = occupied >= places ? 0 : accepted[last]! * ((places - occupied) / (places - meanLast));
    out.filled = filled[last]!;
    return;
  }
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t.meanAt(mid) <= occupied) lo = mid;
    else hi = mid;
  }
  const meanLo = t.meanAt(lo);
  const w = (occupied - meanLo) / (t.meanAt(hi) - meanLo);
  out.accepted = accepted[lo]! + w * (accepted[hi]! - accepted[lo]!);
  out.filled = filled[lo]! + w * (filled[hi]! - filled[lo]!);
}

const point = { accepted: 0, filled: 0 };

/**
 * The loss chains' tables by match probability q, then by whole number of places (the same tables as
 * `tables` would hold under `${places}|${q}`, found without building a key; cleared with `tables`).
 */
const lossTables = new Map<number, (Table | undefined)[]>();

/** The last `acceptedAtWhole` call's arguments and result (its callers ask for each whole number twice in a row: `acceptedAtOccupancy` at places and places + 1 around a non-whole capacity, `CapacitySpread.average` over consecutive capacities). */
const lastWhole = { places: Number.NaN, q: Number.NaN, occupied: Number.NaN, accepted: 0 };

/** `acceptedAtOccupancy` for a whole number of places. */
function acceptedAtWhole(places: number, q: number, occupied: number): number {
  if (places <= 0) return 0;
  if (occupied <= 0) return matchChance(places, q);
  const last = lastWhole;
  if (places === last.places && q === last.q && occupied === last.occupied) return last.accepted;
  let byPlaces = lossTables.get(q);
  if (!byPlaces) {
    byPlaces = [];
    lossTables.set(q, byPlaces);
  }
  let table = byPlaces[places];
  if (!table) {
    const key = `${places}|${q}`;
    table = tables.get(key) ?? tableFor(key, places, lossChainOf(places, q));
    byPlaces[places] = table;
  }
  atOccupancy(table, places, table.emptyAccepted(q), occupied, point);
  last.places = places;
  last.q = q;
  last.occupied = occupied;
  last.accepted = point.accepted;
  return point.accepted;
}

/** Ratios and shares of waiting chains are rounded to this step, so a projection meets few tables. */
const WAITING_GRID = 0.05;

/**
 * With a waiting list (q = 1): the share of requests placed at once and the share of freed places a
 * waiting child takes, of the waiting chain (`waitingChain`) whose mean occupancy is `occupied`;
 * `leaveRatio` (children waiting leave at this multiple of the placed children's rate) and `waitShare`
 * (refused requests that wait) rounded to WAITING_GRID. Linear between whole numbers of places.
 */
export function waitingAtOccupancy(places: number, leaveRatio: number, waitShare: number, occupied: number, out: { accepted: number; filled: number }): void {
  if (!(places > 0)) {
    out.accepted = 0;
    out.filled = 0;
    return;
  }
  const r = Math.max(WAITING_GRID, Math.round(leaveRatio / WAITING_GRID) * WAITING_GRID);
  const w = Math.min(1, Math.max(WAITING_GRID, Math.round(waitShare / WAITING_GRID) * WAITING_GRID));
  const lo = Math.floor(places);
  const f = places - lo;
  waitingAtWhole(lo, r, w, occupied, out);
  if (f > 0) {
    waitingAtWhole(lo + 1, r, w, occupied, point);
    out.accepted += f * (point.accepted - out.accepted);
    out.filled += f * (point.filled - out.filled);
  }
}

/**
 * The waiting chains' tables by (r, w) (`waitingAtWhole`), then by whole number of places: the tables
 * `tables` holds under `w${n}|${r}|${w}`, found without building that key (session 19: writing r and
 * w as text took about 1.5 µs a look-up, 0.9% of a warm projection of Anytown); cleared with `tables`.
 */
const waitingTables = new Map<number, (Table | undefined)[]>();

/** The last `waitingAtWhole` call's arguments and results (asked for twice in a row, as `lastWhole`). */
const lastWaiting = { n: Number.NaN, r: Number.NaN, w: Number.NaN, occupied: Number.NaN, accepted: 0, filled: 0 };

/** `waitingAtOccupancy` for a whole number `n` of places, `r` and `w` rounded. */
function waitingAtWhole(n: number, r: number, w: number, occupied: number, o: { accepted: number; filled: number }): void {
  if (n <= 0) {
    o.accepted = 0;
    o.filled = 0;
    return;
  }
  const last = lastWaiting;
  if (n === last.n && r === last.r && w === last.w && occupied === last.occupied) {
    o.accepted = last.accepted;
    o.filled = last.filled;
    return;
  }
  // r and w are whole multiples of WAITING_GRID, w at most 1: (r, w) told apart by one whole number.
  const rw = Math.round(r / WAITING_GRID) * 32 + Math.round(w / WAITING_GRID);
  let byPlaces = waitingTables.get(rw);
  if (!byPlaces) {
    byPlaces = [];
    waitingTables.set(rw, byPlaces);
  }
  let table = byPlaces[n];
  if (!table) {
    const key = `w${n}|${r}|${w}`;
    table = tables.get(key) ?? tableFor(key, n, waitingChainOf(n, r, w));
    byPlaces[n] = table;
  }
  atOccupancy(table, n, 1, Math.max(0, occupied), o);
  last.n = n;
  last.r = r;
  last.w = w;
  last.occupied = occupied;
  last.accepted = o.accepted;
  last.filled = o.filled;
}

/**
 * The share of placement requests a category with `places` places (not necessarily whole: the
 * expected capacity) and match probability `q` takes when `occupied` places are expected to be
 * occupied: the accepted share of the stationary birth-death chain whose mean occupancy is
 * `occupied` (the chain's load inferred from the occupancy, so a fluid projection driven by it settles
 * exactly at the chain's stationary mean). Linear between the whole numbers of places around `places`.
 */
export function acceptedAtOccupancy(places: number, q: number, occupied: number): number {
  if (!(places > 0)) return 0;
  const lo = Math.floor(places);
  const w = places - lo;
  const a = acceptedAtWhole(lo, q, occupied);
  return w > 0 ? a + w * (acceptedAtWhole(lo + 1, q, occupied) - a) : a;
}

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
}

/**
 * The stationary distribution of occupancy n in 0..`places`: requests arrive at rate λ and are placed
 * with probability matchChance(places − n, q), children leave at rate n μ; `load` = λ / μ. With q = 1
 * this is the Erlang loss system (accepted = 1 − Erlang B). Computed on a log scale (no overflow).
 */
export function stationaryChain(places: number, q: number, load: number): ChainPoint {
  const N = Math.max(0, Math.floor(places));
  const logLoad = Math.log(load);
  const logs = new Float64Array(N + 1);
  let top = 0;
  for (let n = 0; n < N; n++) {
    const a = matchChance(N - n, q);
    logs[n + 1] = a > 0 ? logs[n]! + logLoad + Math.log(a) - Math.log(n + 1) : -Infinity;
    if (logs[n + 1]! > top) top = logs[n + 1]!;
  }
  let z = 0;
  let mean = 0;
  let accepted = 0;
  for (let n = 0; n <= N; n++) {
    const p = Math.exp(logs[n]! - top);
    z += p;
    mean += n * p;
    accepted += p * matchChance(N - n, q);
  }
  return { mean: mean / z, accepted: accepted / z };
}

/** Offered loads of the table, as multiples of (places + 1): log-spaced from LOAD_LO to LOAD_HI. */
const LOAD_LO = 1e-3;
const LOAD_HI = 1e4;
const LOAD_POINTS = 241;

/** Per (places, q): stationary means (increasing in the load) and accepted shares on the load grid. */
const tables = new Map<string, { mean: Float64Array; accepted: Float64Array }>();

function tableFor(places: number, q: number): { mean: Float64Array; accepted: Float64Array } {
  const key = `${places}|${q}`;
  let t = tables.get(key);
  if (t) return t;
  const mean = new Float64Array(LOAD_POINTS);
  const accepted = new Float64Array(LOAD_POINTS);
  const step = Math.log(LOAD_HI / LOAD_LO) / (LOAD_POINTS - 1);
  for (let i = 0; i < LOAD_POINTS; i++) {
    const point = stationaryChain(places, q, (places + 1) * LOAD_LO * Math.exp(i * step));
    mean[i] = point.mean;
    accepted[i] = point.accepted;
  }
  t = { mean, accepted };
  // A projection meets a few dozen capacities; keep the cache bounded for long interactive sessions.
  if (tables.size > 4096) tables.clear();
  tables.set(key, t);
  return t;
}

/** `acceptedAtOccupancy` for a whole number of places. */
function acceptedAtWhole(places: number, q: number, occupied: number): number {
  if (places <= 0) return 0;
  if (occupied <= 0) return matchChance(places, q);
  const { mean, accepted } = tableFor(places, q);
  if (occupied <= mean[0]!) return accepted[0]! + ((matchChance(places, q) - accepted[0]!) * (mean[0]! - occupied)) / mean[0]!;
  const last = LOAD_POINTS - 1;
  if (occupied >= mean[last]!) return occupied >= places ? 0 : accepted[last]! * ((places - occupied) / (places - mean[last]!));
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (mean[mid]! <= occupied) lo = mid;
    else hi = mid;
  }
  const w = (occupied - mean[lo]!) / (mean[hi]! - mean[lo]!);
  return accepted[lo]! + w * (accepted[hi]! - accepted[lo]!);
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

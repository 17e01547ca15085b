import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { CATEGORY_COUNT, hazardCell } from '../model/domain/cells.js';
import type { HazardTable } from '../model/compiled-model.js';

/**
 * Generators met by the process's projections (session 16), found by value: each keeps its Taylor
 * terms and its matrices by step length (`occupancyAndTransition`, `transitionMatrix`), so a projection
 * whose hazards an earlier one had (the explorer's previews, a warm call) reuses them; the same numbers,
 * since each is computed from the generator alone. Bucketed by a hash of Q's bits. Emptied when a new
 * generator is met and the n × n matrices kept pass MAX_SHARED_MATRICES (about 13 MB at n = 10; the
 * eight shipped scenarios, supply on and off, keep 10,501 of them in 464 generators, 6.6 MB), so long
 * interactive sessions stay bounded.
 */
const sharedGenerators = new Map<number, Generator[]>();
let sharedMatrices = 0;
const MAX_SHARED_MATRICES = 16_384;
const hashBits = new Float64Array(1);
const hashWords = new Uint32Array(hashBits.buffer);

/** A hash of the bits of Q's values (equal for equal bits, as `sameValues` compares them). */
function hashOf(Q: Float64Array): number {
  let h = Q.length;
  for (let i = 0; i < Q.length; i++) {
    hashBits[0] = Q[i]!;
    h = Math.imul(h ^ hashWords[0]!, 0x9e3779b1) ^ hashWords[1]!;
  }
  return h;
}

/**
 * The Taylor terms Q^k / k! of the generators of one projection, kept across its steps: steps of
 * different lengths (14 to 16 days) then share them, and each step's F and E cost sums, not matrix
 * products. Generators are told apart by value and shared by the process (`sharedGenerators`).
 */
export class GeneratorPowers {
  /** Per hazard table met: every needed group's offset and generator. */
  private readonly groups = new Map<HazardTable, { offset: number; generator: Generator }[]>();

  constructor(private readonly n: number) {}

  /** The generator equal to Q (a copy kept), with its row-sum norm and Q^0 / 0! = I. */
  of(Q: Float64Array): Generator {
    const hash = hashOf(Q);
    const bucket = sharedGenerators.get(hash);
    if (bucket) for (const g of bucket) if (g.Q.length === Q.length && sameValues(g.Q, Q)) return g;
    const n = this.n;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let row = 0;
      for (let j = 0; j < n; j++) row += Math.abs(Q[i * n + j]!);
      norm = Math.max(norm, row);
    }
    const I = new Float64Array(n * n);
    identity(I, n);
    const g: Generator = { Q: Q.slice(), n, norm, powers: [I], steps: new Map(), transitions: new Map() };
    if (sharedMatrices >= MAX_SHARED_MATRICES) {
      sharedGenerators.clear();
      sharedMatrices = 0;
    }
    const list = sharedGenerators.get(hash);
    if (list) list.push(g);
    else sharedGenerators.set(hash, [g]);
    sharedMatrices += 2;
    return g;
  }

  /**
   * The generator Q of every (uasc, age band, duration band) group of `table` that `needed` marks,
   * over the `active` categories (exits leave its rows short), with the group's offset g n²; built
   * once per table.
   */
  groupsOf(table: HazardTable, active: Int32Array, D: number, tableBands: number, targetOf: Int8Array, needed?: Uint8Array): { offset: number; generator: Generator }[] {
    const known = this.groups.get(table);
    if (known) return known;
    const n = active.length;
    const position = new Int32Array(CATEGORY_COUNT).fill(-1);
    active.forEach((c, i) => (position[c] = i));
    const Q = new Float64Array(n * n);
    const list: { offset: number; generator: Generator }[] = [];
    for (let u = 0; u < 2; u++) {
      for (let a = 0; a < AGE_BAND_COUNT; a++) {
        for (let d = 0; d < D; d++) {
          if (needed && needed[(u * AGE_BAND_COUNT + a) * D + d] === 0) continue;
          Q.fill(0);
          for (let i = 0; i < n; i++) {
            const cell = hazardCell(u, active[i]!, a, d, tableBands);
            Q[i * n + i] = -table.total[cell]!;
            for (let j = table.start[cell]!; j < table.start[cell + 1]!; j++) {
              const to = targetOf[table.target[j]!]!;
              if (to < CATEGORY_COUNT) Q[i * n + position[to]!]! += table.rate[j]!;
            }
          }
          list.push({ offset: ((u * AGE_BAND_COUNT + a) * D + d) * n * n, generator: this.of(Q) });
        }
      }
    }
    this.groups.set(table, list);
    return list;
  }
}

/**
 * A generator Q among the active categories (n of them), its row-sum norm, its Taylor terms Q^k / k!
 * so far, and the matrices worked out from it by step length: F and E (`occupancyAndTransition`), E
 * alone (`transitionMatrix`). Shared by the process's projections: never written after they are made.
 */
export interface Generator {
  Q: Float64Array;
  n: number;
  norm: number;
  powers: Float64Array[];
  steps: Map<number, { F: Float64Array; E: Float64Array }>;
  transitions: Map<number, Float64Array>;
}

/** Q^k / k! of a generator (computed on first use from the one before). */
function powerOf(g: Generator, k: number): Float64Array {
  const n = g.n;
  while (g.powers.length <= k) {
    const m = g.powers.length;
    const next = multiply(g.powers[m - 1]!, g.Q, n, new Float64Array(n * n));
    for (let i = 0; i < next.length; i++) next[i] = next[i]! / m;
    g.powers.push(next);
    sharedMatrices++;
  }
  return g.powers[k]!;
}

/**
 * Expected time spent in each category over a step of `dt` days, for a child starting in each
 * category, under constant competing hazards: F = ∫₀^dt exp(Q s) ds, where Q is the generator `g`
 * among the active categories (exits are absorbing and leave Q's rows short). Flows over the step are
 * then exact: moves c → c' = (v F)_c h_cc', exits = (v F)_c h_c,exit, and the new state is v + (v F) Q.
 * Computed by scaling and squaring: Taylor series for E = exp(Q τ) and F(τ) at τ = dt / 2^s with
 * ‖Q τ‖ ≤ 1/4 (its terms (Q τ)^k / k! = (Q^k / k!) τ^k, from `powers`), then F(2τ) = F(τ) + F(τ) E(τ)
 * and E(2τ) = E(τ)² s times.
 */
function occupancyMatrix(g: Generator, n: number, dt: number, scratch: OccupancyScratch): Float64Array {
  let s = 0;
  while (g.norm * dt > 0.25 * 2 ** s && s < 60) s++;
  const tau = dt / 2 ** s;
  let { E, term } = scratch;
  const { next } = scratch;
  const F = new Float64Array(n * n);
  identity(E, n);
  for (let i = 0; i < n; i++) F[i * n + i] = tau;
  let tauK = 1;
  for (let k = 1; k <= 18; k++) {
    const P = powerOf(g, k);
    tauK *= tau;
    const f = tau / (k + 1);
    let largest = 0;
    for (let i = 0; i < n * n; i++) {
      const t = P[i]! * tauK;
      E[i]! += t;
      F[i]! += t * f;
      largest = Math.max(largest, Math.abs(t));
    }
    if (largest < 1e-18) break;
  }
  for (let r = 0; r < s; r++) {
    const FE = multiply(F, E, n, next);
    for (let i = 0; i < n * n; i++) F[i]! += FE[i]!;
    multiply(E, E, n, term);
    [E, term] = [term, E];
  }
  scratch.E = E;
  scratch.term = term;
  return F;
}

/** Work matrices of `occupancyMatrix` (n × n), reused across calls. */
class OccupancyScratch {
  E: Float64Array;
  term: Float64Array;
  next: Float64Array;
  constructor(n: number) {
    this.E = new Float64Array(n * n);
    this.term = new Float64Array(n * n);
    this.next = new Float64Array(n * n);
  }
}

function identity(m: Float64Array, n: number): void {
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
}

/** a b into `out` (not a or b). */
function multiply(a: Float64Array, b: Float64Array, n: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += aik * b[k * n + j]!;
    }
  }
  return out;
}

/** `occupancyMatrix`'s work matrices by n, shared (a call runs to its end before the next). */
const scratches = new Map<number, OccupancyScratch>();

/**
 * Occupancy F and transition E = I + F Q of generator `g` over `dt` days (`occupancyMatrix`: scaling
 * and squaring, any dt), as `stepMatrices` forms each group's; worked out once per (generator, dt) in
 * the process and shared (read only).
 */
export function occupancyAndTransition(g: Generator, dt: number): { F: Float64Array; E: Float64Array } {
  let m = g.steps.get(dt);
  if (m) return m;
  const n = g.n;
  let scratch = scratches.get(n);
  if (!scratch) scratches.set(n, (scratch = new OccupancyScratch(n)));
  const F = occupancyMatrix(g, n, dt, scratch);
  m = { F, E: transitionOf(F, g.Q, n, new Float64Array(n * n)) };
  g.steps.set(dt, m);
  sharedMatrices += 2;
  return m;
}

/** The transition E = I + F Q of occupancy F over the same time (into `out`): exp(Q t) = I + ∫₀ᵗ exp(Q s) ds Q. */
function transitionOf(F: Float64Array, Q: Float64Array, n: number, out: Float64Array): Float64Array {
  const E = multiply(F, Q, n, out);
  for (let i = 0; i < n; i++) E[i * n + i]! += 1;
  return E;
}

/**
 * The transition matrix E = exp(Q dt) of generator `g` over `dt` days alone (`transitionOver`), worked
 * out once per (generator, dt) in the process and shared (read only).
 */
export function transitionMatrix(g: Generator, dt: number): Float64Array {
  let E = g.transitions.get(dt);
  if (!E) {
    E = transitionOver(g, dt);
    g.transitions.set(dt, E);
    sharedMatrices++;
  }
  return E;
}

/** exp(Q dt) by scaling and squaring as `occupancyMatrix` (Taylor series at τ = dt / 2^s with ‖Q τ‖ ≤ 1/4, then E(2τ) = E(τ)²). */
function transitionOver(g: Generator, dt: number): Float64Array {
  const n = g.n;
  let s = 0;
  while (g.norm * dt > 0.25 * 2 ** s && s < 60) s++;
  const tau = dt / 2 ** s;
  let E = new Float64Array(n * n);
  let next = new Float64Array(n * n);
  identity(E, n);
  let tauK = 1;
  for (let k = 1; k <= 18; k++) {
    const P = powerOf(g, k);
    tauK *= tau;
    let largest = 0;
    for (let i = 0; i < n * n; i++) {
      const t = P[i]! * tauK;
      E[i]! += t;
      largest = Math.max(largest, Math.abs(t));
    }
    if (largest < 1e-18) break;
  }
  for (let r = 0; r < s; r++) {
    multiply(E, E, n, next);
    [E, next] = [next, E];
  }
  return E;
}

/** Occupancy and transition matrices of every group of a hazard table for one step (see `stepMatrices`). */
export interface StepMatrices {
  /** F = ∫₀^dt exp(Q s) ds of group g at offset g n², row-major. */
  occupancy: Float64Array;
  /** E = exp(Q dt) = I + F Q of group g at offset g n², row-major: the state after the step. */
  transition: Float64Array;
}

/**
 * Occupancy matrices F and transition matrices E = I + F Q of every (uasc, age band, duration band)
 * group of a hazard table for a step of `dt` days, over the `active` categories: group
 * g = (u A + a) D + d at offset g n², row-major. `D` may be 1 when no hazard depends on duration; the
 * table itself has `tableBands` duration bands. E is formed from F so that the new state v E equals
 * v plus the step's flows (v F) Q to rounding. Groups with `needed` 0 (nobody can be in them) are left zero.
 * `targetOf` maps each hazard target to where the expected value sends it (a type of care: its first provider).
 * `powers`, kept over a projection's steps, holds each group's generator and its Taylor terms, so steps
 * of every length share them.
 */
export function stepMatrices(
  table: HazardTable,
  active: Int32Array,
  D: number,
  tableBands: number,
  dt: number,
  targetOf: Int8Array,
  needed?: Uint8Array,
  powers: GeneratorPowers = new GeneratorPowers(active.length),
): StepMatrices {
  const n = active.length;
  const occupancy = new Float64Array(2 * AGE_BAND_COUNT * D * n * n);
  const transition = new Float64Array(occupancy.length);
  // Groups with the same generator (settled duration bands, uasc or not with equal hazards) share one computation.
  for (const { offset, generator } of powers.groupsOf(table, active, D, tableBands, targetOf, needed)) {
    const { F, E } = occupancyAndTransition(generator, dt);
    occupancy.set(F, offset);
    transition.set(E, offset);
  }
  return { occupancy, transition };
}

/** The same bits in every entry (`Object.is`: +0 and −0 told apart), so a generator reused is the one a fresh process would compute, whatever was met before. */
function sameValues(x: Float64Array, y: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
}

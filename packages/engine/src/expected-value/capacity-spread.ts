import type { CompiledModel } from '../model/compiled-model.js';
import { CATEGORY_COUNT } from '../model/domain/cells.js';

// The randomness of household places in the supply-aware projection. Households are recruited at
// random (rate R per day, places p each) and each leaves at rate d, so the places P of a category are
// random around the expected P the projection carries (the immigration-death process: its variance is
// exact below). A child meets the vacancies P − n, and the occupancy n follows P only in part: the
// linear-noise (van Kampen) approximation of the pair (x = P − E P, y = n − E n),
//   dx = −d x dt + (jumps of the households),
//   dy = (a x − (a + μ) y) dt,
// a = λ ∂A/∂P the inflow's pull towards the capacity (λ requests per day, A the accepted share) and μ
// the occupancy's leaving rate per child, gives the variance of the vacancies that comes from the
// households, s² = Var x − 2 Cov(x, y) + Var y. The accepted share is the loss chain's (`loss.ts`),
// averaged over capacities P + ε with ε normal of variance s² at the same mean occupancy.

const C = CATEGORY_COUNT;

/** The shares of a limited category at a number of places (`ExpectedSupply.sharesAt`). */
export interface ShareChain {
  sharesAt(c: number, places: number, out: { accepted: number; filled: number }): void;
}

export class CapacitySpread {
  /** Variance of household places (x). */
  private readonly placesVariance = new Float64Array(C);
  /** Expected Σ over households of places², the de-registrations' contribution to the variance. */
  private readonly squares = new Float64Array(C);
  /** Cov(x, y) and Var y: the part of the occupancy that follows the places. */
  private readonly covariance = new Float64Array(C);
  private readonly occupancyVariance = new Float64Array(C);
  /** ∂A/∂P / A at the step's start (per place), from `average`. */
  private readonly slope = new Float64Array(C);
  private readonly at = { accepted: 0, filled: 0 };

  constructor(private readonly model: CompiledModel) {
    for (let c = 0; c < C; c++) {
      if (model.capacityKind[c] !== 2) continue;
      const p = model.placesPerHousehold[c]!;
      this.squares[c] = model.initialHouseholds[c]! * p * p;
    }
  }

  /** Variance of the vacancies of `c` that comes from its households (0 for beds). */
  vacancyVariance(c: number): number {
    return Math.max(0, this.placesVariance[c]! - 2 * this.covariance[c]! + this.occupancyVariance[c]!);
  }

  /**
   * `out` = the mean over ε (normal, variance `vacancyVariance(c)`, on a grid of whole places) of
   * `chain.sharesAt(c, places + ε)`; records ∂A/∂P / A of the accepted share at `places` for `advance`.
   */
  average(c: number, places: number, chain: ShareChain, out: { accepted: number; filled: number }): void {
    chain.sharesAt(c, places, out);
    if (this.model.capacityKind[c] !== 2) return;
    const { at } = this;
    const centre = out.accepted;
    chain.sharesAt(c, places + 1, at);
    const up = at.accepted;
    chain.sharesAt(c, Math.max(0, places - 1), at);
    this.slope[c] = centre > 0 ? (up - at.accepted) / ((places + 1 - Math.max(0, places - 1)) * centre) : 0;
    const variance = this.vacancyVariance(c);
    if (!(variance > 1e-6)) return;
    const reach = Math.ceil(4 * Math.sqrt(variance));
    let weights = 0;
    let accepted = 0;
    let filled = 0;
    for (let e = -reach; e <= reach; e++) {
      const w = Math.exp((-e * e) / (2 * variance));
      if (e === 0) {
        at.accepted = centre;
        at.filled = out.filled;
      } else chain.sharesAt(c, Math.max(0, places + e), at);
      weights += w;
      accepted += w * at.accepted;
      filled += w * at.filled;
    }
    out.accepted = accepted / weights;
    out.filled = filled / weights;
  }

  /**
   * Moments over `dt` days: the places' variance exactly (households recruited at `squaresIn` =
   * Σ rate × places² per day, each leaving at `d` per day), then Cov(x, y) and Var y with the
   * occupancy pulled by `inflowPerDay` × the accepted share's relative slope and leaving at
   * `leavePerDay` per child (the places' variance at the step's middle).
   */
  advance(c: number, dt: number, squaresIn: number, d: number, inflowPerDay: number, leavePerDay: number): void {
    const v0 = this.placesVariance[c]!;
    const q0 = this.squares[c]!;
    let v: number;
    if (d > 0) {
      const keep = Math.exp(-d * dt);
      const keep2 = keep * keep;
      const qInf = squaresIn / d;
      // Var' = −2d Var + squaresIn + d Q(t), Q(t) = qInf + (q0 − qInf) e^(−d t).
      v = v0 * keep2 + ((squaresIn + d * qInf) * (1 - keep2)) / (2 * d) + (q0 - qInf) * keep * (1 - keep);
      this.squares[c] = qInf + (q0 - qInf) * keep;
    } else {
      v = v0 + squaresIn * dt;
      this.squares[c] = q0 + squaresIn * dt;
    }
    this.placesVariance[c] = v;
    const vMid = (v0 + v) / 2;
    const a = inflowPerDay * this.slope[c]!;
    const k = a + leavePerDay;
    const cov0 = this.covariance[c]!;
    const rate = k + d;
    const cov = rate > 0 ? cov0 * Math.exp(-rate * dt) + (a * vMid * -Math.expm1(-rate * dt)) / rate : cov0 + a * vMid * dt;
    this.covariance[c] = cov;
    const covMid = (cov0 + cov) / 2;
    const y0 = this.occupancyVariance[c]!;
    this.occupancyVariance[c] = k > 0 ? y0 * Math.exp(-2 * k * dt) + (a * covMid * -Math.expm1(-2 * k * dt)) / k : y0 + 2 * a * covMid * dt;
  }
}

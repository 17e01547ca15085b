import type { HazardTable } from '../model/compiled-model.js';
import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { CATEGORY_COUNT, EXIT_TARGET_OFFSET } from '../model/domain/cells.js';
import { GROUPS, POOL_BLOCKS } from './entry-cohorts.js';

/** The generator of one (uasc, age band, duration band) cell over the vector's categories. */
interface CellGenerator {
  /** Total hazard per day of each category j. */
  leave: Float64Array;
  /** Moves between held categories: from index, to index, hazard per day. */
  from: Int32Array;
  to: Int32Array;
  rate: Float64Array;
}

/**
 * Who crosses a duration bound first within an entry cohort (`crossBounds`): the children who entered
 * earliest. A pool holds one category distribution for all its entry times, but children who entered
 * care s days earlier have been exposed s days longer: with hazards constant since entry the
 * distribution of those who entered on day e is ρ(e) = g(t − e), so ∂ρ/∂e = −ρ Q, Q the generator of
 * the pool's (uasc, age band, duration band) cell. To second order in Q × window the pool's density
 * over its entry times [e_a, e_b) (length L, centre m) is ρ(e) = (x / L)(I − (e − m) Q), x the pool,
 * and the oldest share f of it (entry times [e_a, e_a + f L)) holds
 *
 *   x f + x Q f (1 − f) L / 2
 *
 * rather than x f (the uniform split, whose error makes a projected stock high by about (h L)² / 6 for
 * an exit hazard h that falls at the bound). `fractions` writes that split per category as fractions of
 * the pool's x, clamped to [0, 1] (so masses stay non-negative and are conserved exactly): the
 * exposure `tiltDays` = f (1 − f) L / 2 comes from `crossBounds`. Moves go to their first provider (as
 * the step matrices send them); supply's rerouting is not part of Q here.
 */
export class EntryTilt {
  /** Hazards of the step being crossed (the current epoch's table). */
  table: HazardTable | null = null;
  private readonly flow: Float64Array;
  /** Per hazard table, each cell's generator once read. */
  private readonly generators = new Map<HazardTable, (CellGenerator | undefined)[]>();

  constructor(
    /** Category of vector index j. */
    private readonly active: Int32Array,
    /** Vector index of each category (−1: not held). */
    private readonly position: Int32Array,
    /** A hazard target's category (first provider) or exit code. */
    private readonly targetOf: ArrayLike<number>,
    /** Duration bands of the hazard tables. */
    private readonly tableBands: number,
  ) {
    this.flow = new Float64Array(active.length);
  }

  /**
   * Per category j of block `block` of `x` in duration band d: the fraction `out[j]` of x_j that the
   * oldest share f of the pool's entry times holds, f + tiltDays (x Q)_j / x_j, clamped to [0, 1].
   */
  fractions(x: Float64Array, block: number, d: number, f: number, tiltDays: number, out: Float64Array): void {
    const { flow } = this;
    const n = flow.length;
    const base = block * n;
    const q = this.generator(block, d);
    for (let j = 0; j < n; j++) flow[j] = -x[base + j]! * q.leave[j]!;
    for (let e = 0; e < q.rate.length; e++) flow[q.to[e]!]! += x[base + q.from[e]!]! * q.rate[e]!;
    // Two stores rather than `out[j] = xj > 0 ? clamped : f`: V8 gives such a choice between a computed
    // number and a parameter (of unknown type to it) a boxed representation, a heap number allocated per
    // category (session 18: about 250 kB of garbage a projection of Anytown).
    for (let j = 0; j < n; j++) {
      const xj = x[base + j]!;
      out[j] = f;
      if (xj > 0) out[j] = Math.min(1, Math.max(0, f + (tiltDays * flow[j]!) / xj));
    }
  }

  /** The generator of block `block`'s (uasc, age band) in duration band d of the current table. */
  private generator(block: number, d: number): CellGenerator {
    const table = this.table!;
    const a = Math.floor(block / GROUPS) % AGE_BAND_COUNT;
    const u = block >= POOL_BLOCKS / 2 ? 1 : 0;
    let cells = this.generators.get(table);
    if (!cells) this.generators.set(table, (cells = []));
    const key = (u * AGE_BAND_COUNT + a) * this.tableBands + d;
    const known = cells[key];
    if (known) return known;
    const { active, position, targetOf, tableBands } = this;
    const n = active.length;
    const leave = new Float64Array(n);
    const from: number[] = [];
    const to: number[] = [];
    const rate: number[] = [];
    for (let i = 0; i < n; i++) {
      const cell = ((u * CATEGORY_COUNT + active[i]!) * AGE_BAND_COUNT + a) * tableBands + d;
      leave[i] = table.total[cell]!;
      for (let e = table.start[cell]!; e < table.start[cell + 1]!; e++) {
        const target = targetOf[table.target[e]!]!;
        if (target >= EXIT_TARGET_OFFSET || position[target]! < 0) continue;
        from.push(i);
        to.push(position[target]!);
        rate.push(table.rate[e]!);
      }
    }
    const generator = { leave, from: Int32Array.from(from), to: Int32Array.from(to), rate: Float64Array.from(rate) };
    cells[key] = generator;
    return generator;
  }
}

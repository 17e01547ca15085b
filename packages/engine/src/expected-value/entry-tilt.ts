import type { HazardTable } from '../model/compiled-model.js';
import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { CATEGORY_COUNT, EXIT_TARGET_OFFSET } from '../model/domain/cells.js';
import { GROUPS, POOL_BLOCKS } from './entry-cohorts.js';

/** The generator of one (uasc, age band, duration band) cell over the vector's categories. */
interface CellGenerator {
  /** Total hazard per day of each category j. */
  leave: Float64Array;
  /** Moves between held categories: from index, to index, hazard per day (the first `count` entries). */
  from: Int32Array;
  to: Int32Array;
  rate: Float64Array;
  count: number;
}

/**
 * Generators handed back by the projections of this process (`EntryTilt.release`), rebuilt in place
 * by the next ones (session 18: building them new each projection made about 250 kB of garbage a
 * projection of Anytown). Only their storage is reused: each is filled again from the table it is read
 * from, so no value carries over from one projection to another.
 */
const spareGenerators: CellGenerator[] = [];

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
  /** Every generator built in this projection, for `release`. */
  private readonly built: CellGenerator[] = [];

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
    for (let e = 0; e < q.count; e++) flow[q.to[e]!]! += x[base + q.from[e]!]! * q.rate[e]!;
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
    const generator = spareGenerators.pop() ?? { leave: new Float64Array(n), from: new Int32Array(n), to: new Int32Array(n), rate: new Float64Array(n), count: 0 };
    if (generator.leave.length < n) generator.leave = new Float64Array(n);
    generator.count = 0;
    const { leave } = generator;
    for (let i = 0; i < n; i++) {
      const cell = ((u * CATEGORY_COUNT + active[i]!) * AGE_BAND_COUNT + a) * tableBands + d;
      leave[i] = table.total[cell]!;
      for (let e = table.start[cell]!; e < table.start[cell + 1]!; e++) {
        const target = targetOf[table.target[e]!]!;
        if (target >= EXIT_TARGET_OFFSET || position[target]! < 0) continue;
        addMove(generator, i, position[target]!, table.rate[e]!);
      }
    }
    cells[key] = generator;
    this.built.push(generator);
    return generator;
  }

  /** Hands this projection's generators back for the next projections to rebuild (`spareGenerators`). */
  release(): void {
    for (const generator of this.built) spareGenerators.push(generator);
    this.built.length = 0;
    this.generators.clear();
  }
}

/** Appends a move to a generator, doubling its move arrays when full. */
function addMove(q: CellGenerator, from: number, to: number, ratePerDay: number): void {
  if (q.count === q.rate.length) {
    const size = Math.max(16, 2 * q.rate.length);
    const grownFrom = new Int32Array(size);
    const grownTo = new Int32Array(size);
    const grownRate = new Float64Array(size);
    grownFrom.set(q.from);
    grownTo.set(q.to);
    grownRate.set(q.rate);
    q.from = grownFrom;
    q.to = grownTo;
    q.rate = grownRate;
  }
  q.from[q.count] = from;
  q.to[q.count] = to;
  q.rate[q.count] = ratePerDay;
  q.count++;
}

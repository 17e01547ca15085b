import { grown } from '../model/sim/grown.js';

/**
 * Hazard moves the placement rule sent away from their first provider in a step, by group: the
 * step's transition matrices move every vector's children to the first provider, and these entries
 * say how many of a group's movers from one category go from that provider to where they were
 * placed instead. Entries are added in group order (`groupFlows` visits the groups in order).
 */
export class RefusedMoves {
  /** Per entry: the active category the children moved from, the first provider, the category placed in, and the group. */
  from: Int32Array = new Int32Array(64);
  provider: Int32Array = new Int32Array(64);
  placed: Int32Array = new Int32Array(64);
  group: Int32Array = new Int32Array(64);
  /** Per entry: expected children. */
  mass: Float64Array = new Float64Array(64);
  /** Per entry, while being taken: children taken from the vectors so far. */
  taken: Float64Array = new Float64Array(64);
  count = 0;
  /** Entries of group g: start[g] to start[g + 1] (set by `finish`). */
  readonly start: Int32Array;

  constructor(readonly groups: number) {
    this.start = new Int32Array(groups + 1);
  }

  get any(): boolean {
    return this.count > 0;
  }

  clear(): void {
    this.count = 0;
  }

  /** `mass` children of group g moving from `from` were placed in `placed` instead of `provider`. */
  add(g: number, from: number, provider: number, placed: number, mass: number): void {
    if (this.count === this.mass.length) this.grow();
    const e = this.count++;
    this.group[e] = g;
    this.from[e] = from;
    this.provider[e] = provider;
    this.placed[e] = placed;
    this.mass[e] = mass;
    this.taken[e] = 0;
  }

  /** Sets `start` from the entries (in group order). */
  finish(): void {
    const { start, group } = this;
    let e = 0;
    for (let g = 0; g <= this.groups; g++) {
      while (e < this.count && group[e]! < g) e++;
      start[g] = e;
    }
  }

  private grow(): void {
    const size = 2 * this.mass.length;
    this.from = grown(this.from, size);
    this.provider = grown(this.provider, size);
    this.placed = grown(this.placed, size);
    this.group = grown(this.group, size);
    this.mass = grown(this.mass, size);
    this.taken = grown(this.taken, size);
  }
}

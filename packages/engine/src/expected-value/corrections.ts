/** A step's supply corrections by group (entries start[g] to start[g + 1]) and the vector being corrected, as it stood. */
export class Corrections {
  declare readonly start: Int32Array;
  declare readonly from: Int32Array;
  declare readonly to: Int32Array;
  declare readonly share: Float64Array;
  declare readonly stock: Float64Array;

  constructor(start: Int32Array, from: Int32Array, to: Int32Array, share: Float64Array, stock: Float64Array) {
    this.start = start;
    this.from = from;
    this.to = to;
    this.share = share;
    this.stock = stock;
  }
}

/**
 * Moves the share `share[e]` of the children in `from[e]` to `to[e]`, for every entry e of group g, in
 * one vector (at `base` of `x`, scaled by `part`; `stock` holds it as it stood). A module function, not
 * a closure of the projection: optimised code then keeps calling the same function from call to call.
 */
export function correctVector(x: Float64Array, base: number, g: number, part: number, c: Corrections): void {
  const { start, from, to, share, stock } = c;
  for (let e = start[g]!; e < start[g + 1]!; e++) {
    const m = stock[from[e]!]! * part * share[e]!;
    x[base + from[e]!]! -= m;
    x[base + to[e]!]! += m;
  }
}

/** The entry-cohort block at `base` of `x` (all of it in group g) corrected, when g has entries: its stock copied, then `correctVector`. */
export function correctBlock(x: Float64Array, base: number, n: number, g: number, c: Corrections): void {
  if (c.start[g] === c.start[g + 1]) return;
  const { stock } = c;
  for (let j = 0; j < n; j++) stock[j] = x[base + j]!;
  correctVector(x, base, g, 1, c);
}

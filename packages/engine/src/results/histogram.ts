/**
 * Counts of whole numbers in a dense array that grows to the range seen: the per-month histogram a
 * Monte Carlo summary keeps instead of every replication's value. Memory is the width of the range of
 * values, not the number of replications.
 */
export class IntHistogram {
  /** Value of counts[0]. */
  private lo = 0;
  private counts: Int32Array = new Int32Array(0);
  /** Number of values added. */
  n = 0;

  add(v: number, times = 1): void {
    if (this.counts.length === 0) {
      this.lo = v;
      this.counts = new Int32Array(8);
    } else if (v < this.lo || v >= this.lo + this.counts.length) {
      this.cover(v, v);
    }
    this.counts[v - this.lo]! += times;
    this.n += times;
  }

  /** A histogram holding `counts[i]` values `lo + i` (takes `counts` over). */
  static fromCounts(lo: number, counts: Int32Array): IntHistogram {
    const h = new IntHistogram();
    h.lo = lo;
    h.counts = counts;
    for (let i = 0; i < counts.length; i++) h.n += counts[i]!;
    return h;
  }

  /**
   * Adds `values[0..count)`, whole numbers known to lie in [min, max]: the same counts as `add` of each,
   * growing at most once.
   */
  addAll(values: ArrayLike<number>, count: number, min: number, max: number): void {
    if (count === 0) return;
    if (this.counts.length === 0) this.reserve(min, max);
    else if (min < this.lo || max >= this.lo + this.counts.length) this.cover(min, max);
    const { counts, lo } = this;
    for (let i = 0; i < count; i++) counts[values[i]! - lo]!++;
    this.n += count;
  }

  /** Grows the counts to hold the values from `min` to `max` as well as the range held so far. */
  private cover(min: number, max: number): void {
    this.reserve(Math.min(this.lo, min), Math.max(this.lo + this.counts.length - 1, max));
  }

  /**
   * Counts for the values from `lo` to `hi` (the range held so far included), centred in twice that
   * width: room on both sides, so a drifting series does not copy at every new extreme, and a batch's
   * first values (a month of costs: 32 replications' buckets) leave room for the next batches' spread.
   */
  private reserve(lo: number, hi: number): void {
    const width = hi - lo + 1;
    const next = new Int32Array(Math.max(width * 2, 8));
    const newLo = lo - Math.floor((next.length - width) / 2);
    if (this.counts.length > 0) next.set(this.counts, this.lo - newLo);
    this.lo = newLo;
    this.counts = next;
  }

  /** Each distinct value with its count, in increasing order of value. */
  *entries(): IterableIterator<[value: number, count: number]> {
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i]! > 0) yield [this.lo + i, this.counts[i]!];
  }

  /**
   * The k-th smallest values for each k of `ks` (0-based, non-decreasing, each below n) into `out`, in
   * one pass over the counts: for each k, the value at index k of the sorted values.
   */
  orderStatistics(ks: ArrayLike<number>, out: Float64Array): void {
    let j = 0;
    let seen = 0;
    for (let i = 0; i < this.counts.length && j < ks.length; i++) {
      seen += this.counts[i]!;
      while (j < ks.length && seen > ks[j]!) out[j++] = this.lo + i;
    }
    if (j < ks.length) throw new RangeError(`orderStatistics: ${ks[j]} of ${this.n}`);
  }

  /**
   * `orderStatistics(ks1, out1)` and `orderStatistics(ks2, out2)` (each list non-decreasing, each k below
   * n) in one pass over the counts instead of two: a month's lower and upper neighbours of its quantiles
   * (session 20).
   */
  orderStatisticsOfTwo(ks1: ArrayLike<number>, out1: Float64Array, ks2: ArrayLike<number>, out2: Float64Array): void {
    let j1 = 0;
    let j2 = 0;
    let seen = 0;
    const { counts, lo } = this;
    for (let i = 0; i < counts.length && (j1 < ks1.length || j2 < ks2.length); i++) {
      seen += counts[i]!;
      while (j1 < ks1.length && seen > ks1[j1]!) out1[j1++] = lo + i;
      while (j2 < ks2.length && seen > ks2[j2]!) out2[j2++] = lo + i;
    }
    if (j1 < ks1.length) throw new RangeError(`orderStatistics: ${ks1[j1]} of ${this.n}`);
    if (j2 < ks2.length) throw new RangeError(`orderStatistics: ${ks2[j2]} of ${this.n}`);
  }

  /**
   * Sum of squared deviations from the mean, Σ (v − mean)², computed exactly (in integers) and rounded
   * once: n Σv² − (Σv)², over n.
   */
  sumOfSquaredDeviations(): number {
    // In doubles while every sum is a whole number below 2^52 (then each step is exact), else in BigInt.
    let s = 0;
    let s2 = 0;
    const { counts, lo } = this;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i]!;
      if (c === 0) continue;
      const v = lo + i;
      s += c * v;
      s2 += c * v * v;
    }
    if (this.n * s2 < 2 ** 52) return (this.n * s2 - s * s) / this.n;
    let bs = 0n;
    let bs2 = 0n;
    for (const [v, c] of this.entries()) {
      const bv = BigInt(v);
      const bc = BigInt(c);
      bs += bc * bv;
      bs2 += bc * bv * bv;
    }
    const n = BigInt(this.n);
    return Number(n * bs2 - bs * bs) / this.n;
  }
}

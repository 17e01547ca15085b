import { IntHistogram } from './histogram.js';
import type { ReplicationStatistics } from './replication-statistics.js';
import { studentTQuantile } from './student-t.js';

/** Relative width of the buckets that hold non-integer values (costs): quantiles within half of it. */
export const CONTINUOUS_BUCKET_WIDTH = 1e-3;
const STEP = Math.log1p(CONTINUOUS_BUCKET_WIDTH);
/** Magnitudes below this count as zero (so a cell's buckets span at most about 40,000). */
export const CONTINUOUS_ZERO = 1e-9;
const bucketOf = (magnitude: number): number => Math.floor(Math.log(magnitude) / STEP);
const bucketValue = (bucket: number): number => Math.exp((bucket + 0.5) * STEP);

const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Scratch for `quantiles`: the two order statistics each of QUANTILES reads (i0 and i0 + 1), and their values. */
const lowerIndices = new Float64Array(QUANTILES.length);
const upperIndices = new Float64Array(QUANTILES.length);
const lowerValues = new Float64Array(QUANTILES.length);
const upperValues = new Float64Array(QUANTILES.length);
/** Scratch for `orderStatistics`: indices shifted into the positive buckets. */
const scratchIndices = new Float64Array(QUANTILES.length);

/** Scratch for `addAll`: the buckets of a batch's positive values. */
let scratchBuckets = new Int32Array(64);

/**
 * The statistics of one value (one month of one series) over replications, added one replication at a
 * time in replication order, in memory independent of the number of replications.
 *
 * - mean: the sum in replication order over R, as `replicationStatistics` computes it (identical).
 * - whole numbers (counts of children, households, beds): a histogram of the values, so the R-7
 *   quantiles are exactly those of `replicationStatistics`; the sum of squared deviations behind the
 *   95% interval is computed exactly in integers and rounded once (`replicationStatistics` sums the
 *   rounded squares in replication order, so the two can differ in the last binary digits).
 * - other values (costs): once a value is not a whole number, the histogram holds buckets of relative
 *   width CONTINUOUS_BUCKET_WIDTH and each order statistic is its bucket's centre (quantiles within
 *   0.05% of the exact ones, or CONTINUOUS_ZERO for values nearer zero); the sum of squares is
 *   Welford's, in replication order.
 */
export class StreamingStatistics {
  private sum = 0;
  private n = 0;
  /** Whole numbers until the first value that is not. */
  private whole: IntHistogram | undefined = new IntHistogram();
  private positive: IntHistogram | undefined;
  private negative: IntHistogram | undefined;
  private zeros = 0;
  private welfordMean = 0;
  private welfordM2 = 0;

  /**
   * The statistics after whole numbers only, given their histogram and their sum in replication order
   * (what `add` would have built from them); takes `whole` over.
   */
  static fromWhole(whole: IntHistogram, sum: number): StreamingStatistics {
    const s = new StreamingStatistics();
    s.whole = whole;
    s.sum = sum;
    s.n = whole.n;
    return s;
  }

  add(v: number): void {
    this.sum += v;
    if (this.whole !== undefined) {
      if (Number.isInteger(v) && Math.abs(v) <= 2 ** 31) {
        this.whole.add(v);
        this.n++;
        return;
      }
      this.toContinuous();
    }
    this.addContinuous(v, 1);
    // Welford's update, in replication order.
    this.n++;
    const d = v - this.welfordMean;
    this.welfordMean += d / this.n;
    this.welfordM2 += d * (v - this.welfordMean);
  }

  /**
   * Adds `values[0..count)` in order: the same as `add` of each, with the buckets of positive values
   * counted in one go (a month of costs in a batch of replications).
   */
  addAll(values: ArrayLike<number>, count: number): void {
    let i = 0;
    while (this.whole !== undefined && i < count) this.add(values[i++]!);
    if (i === count) return;
    const buckets = scratchBuckets.length >= count ? scratchBuckets : (scratchBuckets = new Int32Array(count));
    let k = 0;
    let min = Infinity;
    let max = -Infinity;
    let { sum, n, welfordMean, welfordM2 } = this;
    for (; i < count; i++) {
      const v = values[i]!;
      sum += v;
      if (v >= CONTINUOUS_ZERO) {
        const b = bucketOf(v);
        buckets[k++] = b;
        if (b < min) min = b;
        if (b > max) max = b;
      } else {
        this.addContinuous(v, 1);
      }
      // Welford's update, in replication order.
      n++;
      const d = v - welfordMean;
      welfordMean += d / n;
      welfordM2 += d * (v - welfordMean);
    }
    this.sum = sum;
    this.n = n;
    this.welfordMean = welfordMean;
    this.welfordM2 = welfordM2;
    if (k > 0) (this.positive ??= new IntHistogram()).addAll(buckets, k, min, max);
  }

  private addContinuous(v: number, times: number): void {
    if (Math.abs(v) < CONTINUOUS_ZERO) this.zeros += times;
    else if (v > 0) (this.positive ??= new IntHistogram()).add(bucketOf(v), times);
    else (this.negative ??= new IntHistogram()).add(-bucketOf(-v), times);
  }

  /** Moves the whole-number histogram into buckets, starting Welford's sums from its exact moments. */
  private toContinuous(): void {
    const h = this.whole!;
    this.whole = undefined;
    const n = h.n;
    let s = 0;
    for (const [v, c] of h.entries()) {
      this.addContinuous(v, c);
      s += v * c;
    }
    this.welfordMean = n > 0 ? s / n : 0;
    this.welfordM2 = n > 1 ? h.sumOfSquaredDeviations() : 0;
  }

  /** The k-th smallest value (0-based). */
  private orderStatistic(k: number): number {
    if (this.whole !== undefined) return this.whole.orderStatistic(k);
    const neg = this.negative?.n ?? 0;
    // Negative buckets are stored by minus their magnitude's bucket, so increasing keys are increasing values.
    if (k < neg) return -bucketValue(-this.negative!.orderStatistic(k));
    if (k < neg + this.zeros) return 0;
    return bucketValue(this.positive!.orderStatistic(k - neg - this.zeros));
  }

  /**
   * The k-th smallest values for each k of `ks` (0-based, non-decreasing, each below n) into `out`: the
   * same values as `orderStatistic` of each, in one pass over each histogram instead of one per k.
   */
  private orderStatistics(ks: Float64Array, out: Float64Array): void {
    if (this.whole !== undefined) {
      this.whole.orderStatistics(ks, out);
      return;
    }
    const neg = this.negative?.n ?? 0;
    const zeroEnd = neg + this.zeros;
    // ks are non-decreasing: those below neg first, then the zeros', then the positive buckets'.
    let j = 0;
    const count = ks.length;
    let from = j;
    while (j < count && ks[j]! < neg) j++;
    if (j > from) {
      this.negative!.orderStatistics(ks.subarray(from, j), out.subarray(from, j));
      for (let q = from; q < j; q++) out[q] = -bucketValue(-out[q]!);
    }
    while (j < count && ks[j]! < zeroEnd) out[j++] = 0;
    from = j;
    if (from < count) {
      const shifted = scratchIndices.subarray(0, count - from);
      for (let q = from; q < count; q++) shifted[q - from] = ks[q]! - zeroEnd;
      this.positive!.orderStatistics(shifted, out.subarray(from, count));
      for (let q = from; q < count; q++) out[q] = bucketValue(out[q]!);
    }
  }

  /**
   * d3-array's `quantileSorted` of each of QUANTILES (n >= 2), the two order statistics each reads
   * found in two passes over the histograms instead of two each: the same expressions, so the same values.
   */
  private quantiles(): number[] {
    const n = this.n;
    for (let q = 0; q < QUANTILES.length; q++) {
      lowerIndices[q] = Math.floor((n - 1) * QUANTILES[q]!);
      upperIndices[q] = lowerIndices[q]! + 1;
    }
    // Each list is non-decreasing, as QUANTILES are (the two together need not be).
    this.orderStatistics(lowerIndices, lowerValues);
    this.orderStatistics(upperIndices, upperValues);
    return QUANTILES.map((p, q) => {
      const i = (n - 1) * p;
      const value0 = lowerValues[q]!;
      const value1 = upperValues[q]!;
      return value0 + (value1 - value0) * (i - Math.floor(i));
    });
  }

  /** The statistics, with the same definitions (and the same expressions) as `replicationStatistics`. */
  statistics(): ReplicationStatistics {
    const n = this.n;
    if (n === 0) throw new RangeError('StreamingStatistics: no replications');
    const mean = this.sum / n;
    let halfWidth = 0;
    if (n > 1) {
      const ss = this.whole !== undefined ? this.whole.sumOfSquaredDeviations() : this.welfordM2;
      halfWidth = (studentTQuantile(0.975, n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n);
    }
    // One replication: every quantile is its one value.
    const [p05, p25, p50, p75, p95] = n >= 2 ? this.quantiles() : QUANTILES.map(() => this.orderStatistic(0));
    return { mean, p05: p05!, p25: p25!, p50: p50!, p75: p75!, p95: p95!, ci95_low: mean - halfWidth, ci95_high: mean + halfWidth };
  }
}

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
/** Indices of StreamingStatistics' `moments`. */
const SUM = 0;
const MEAN = 1;
const M2 = 2;
/** What `whole` holds once a month is continuous: nothing (never added to). */
const NO_WHOLE = new IntHistogram();

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
  /**
   * The sum in replication order (SUM) and Welford's mean and sum of squares (MEAN, M2), held as doubles
   * in one array: as fields they would start as small integers and change representation when they
   * first hold a fraction, giving every StreamingStatistics a new shape and V8's optimised code of the
   * summary the wrong one (a deoptimisation and a recompile each, session 18).
   */
  private readonly moments = new Float64Array(3);
  private n = 0;
  /** True until the first value that is not a whole number: `whole` holds the values until then. */
  private wholeOnly = true;
  private whole = new IntHistogram();
  /** Buckets of positive and of negative values (empty until one comes). */
  private readonly positive = new IntHistogram();
  private readonly negative = new IntHistogram();
  private zeros = 0;

  /**
   * The statistics after whole numbers only, given their histogram and their sum in replication order
   * (what `add` would have built from them); takes `whole` over.
   */
  static fromWhole(whole: IntHistogram, sum: number): StreamingStatistics {
    const s = new StreamingStatistics();
    s.whole = whole;
    s.moments[SUM] = sum;
    s.n = whole.n;
    return s;
  }

  add(v: number): void {
    const moments = this.moments;
    moments[SUM] = moments[SUM]! + v;
    if (this.wholeOnly) {
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
    const d = v - moments[MEAN]!;
    moments[MEAN] = moments[MEAN]! + d / this.n;
    moments[M2] = moments[M2]! + d * (v - moments[MEAN]!);
  }

  /**
   * Adds `values[0..count)` in order: the same as `add` of each, with the buckets of positive values
   * counted in one go (a month of costs in a batch of replications).
   */
  addAll(values: ArrayLike<number>, count: number): void {
    let i = 0;
    while (this.wholeOnly && i < count) this.add(values[i++]!);
    if (i === count) return;
    const buckets = scratchBuckets.length >= count ? scratchBuckets : (scratchBuckets = new Int32Array(count));
    let k = 0;
    let min = Infinity;
    let max = -Infinity;
    const moments = this.moments;
    let sum = moments[SUM]!;
    let welfordMean = moments[MEAN]!;
    let welfordM2 = moments[M2]!;
    let n = this.n;
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
    moments[SUM] = sum;
    moments[MEAN] = welfordMean;
    moments[M2] = welfordM2;
    this.n = n;
    if (k > 0) this.positive.addAll(buckets, k, min, max);
  }

  private addContinuous(v: number, times: number): void {
    if (Math.abs(v) < CONTINUOUS_ZERO) this.zeros += times;
    else if (v > 0) this.positive.add(bucketOf(v), times);
    // 0 - b, not -b: bucket 0 stays +0, a small integer.
    else this.negative.add(0 - bucketOf(-v), times);
  }

  /** Moves the whole-number histogram into buckets, starting Welford's sums from its exact moments. */
  private toContinuous(): void {
    const h = this.whole;
    this.wholeOnly = false;
    this.whole = NO_WHOLE;
    const n = h.n;
    let s = 0;
    for (const [v, c] of h.entries()) {
      this.addContinuous(v, c);
      s += v * c;
    }
    this.moments[MEAN] = n > 0 ? s / n : 0;
    this.moments[M2] = n > 1 ? h.sumOfSquaredDeviations() : 0;
  }

  /**
   * The k-th smallest values for each k of `ks` (0-based, non-decreasing, each below n) into `out`: the
   * same values as reading each from the sorted values, in one pass over each histogram instead of one per k.
   */
  orderStatistics(ks: Float64Array, out: Float64Array): void {
    if (this.wholeOnly) {
      this.whole.orderStatistics(ks, out);
      return;
    }
    const neg = this.negative.n;
    const zeroEnd = neg + this.zeros;
    // ks are non-decreasing: those below neg first, then the zeros', then the positive buckets'.
    let j = 0;
    const count = ks.length;
    let from = j;
    while (j < count && ks[j]! < neg) j++;
    if (j > from) {
      this.negative.orderStatistics(ks.subarray(from, j), out.subarray(from, j));
      for (let q = from; q < j; q++) out[q] = -bucketValue(-out[q]!);
    }
    while (j < count && ks[j]! < zeroEnd) out[j++] = 0;
    from = j;
    if (from < count) {
      const shifted = scratchIndices.subarray(0, count - from);
      for (let q = from; q < count; q++) shifted[q - from] = ks[q]! - zeroEnd;
      this.positive.orderStatistics(shifted, out.subarray(from, count));
      for (let q = from; q < count; q++) out[q] = bucketValue(out[q]!);
    }
  }

  /** `orderStatistics` of two lists of indices (the whole-number histogram's in one pass). */
  orderStatisticsOfTwo(ks1: Float64Array, out1: Float64Array, ks2: Float64Array, out2: Float64Array): void {
    if (this.wholeOnly) {
      this.whole.orderStatisticsOfTwo(ks1, out1, ks2, out2);
      return;
    }
    this.orderStatistics(ks1, out1);
    this.orderStatistics(ks2, out2);
  }

  /** The statistics, with the same definitions (and the same expressions) as `replicationStatistics`. */
  statistics(): ReplicationStatistics {
    if (this.wholeOnly) return wholeNumberStatistics(this.whole, this.moments[SUM]!);
    return statisticsOf(this.n, this.moments[SUM]!, this.n > 1 ? this.moments[M2]! : 0, this);
  }
}

/** The statistics of whole numbers from their histogram and their sum in replication order (what `StreamingStatistics` of them gives). */
export function wholeNumberStatistics(h: IntHistogram, sum: number): ReplicationStatistics {
  return statisticsOf(h.n, sum, h.n > 1 ? h.sumOfSquaredDeviations() : 0, h);
}

/** Where `statisticsOf` reads the order statistics of the values (several k-th smallest at once, as IntHistogram and StreamingStatistics do). */
interface SortedValues {
  orderStatistics(ks: Float64Array, out: Float64Array): void;
  /** The same for two lists at once (`orderStatistics` of each). */
  orderStatisticsOfTwo(ks1: Float64Array, out1: Float64Array, ks2: Float64Array, out2: Float64Array): void;
}

/** The first order statistic's index, and scratch for `statisticsOf`: its value, and the five quantiles. */
const FIRST = new Float64Array(1);
const firstValue = new Float64Array(1);
const quantileValues = new Float64Array(QUANTILES.length);

/**
 * The statistics of `n` values given their sum in replication order, their sum of squared deviations
 * (read when n > 1) and their order statistics, with the same definitions and expressions as
 * `replicationStatistics`; the quantiles are d3-array's `quantileSorted`, the two order statistics
 * each reads found in one pass over a whole-number histogram (two over a continuous one's buckets)
 * instead of two each. One value: every quantile is it.
 */
function statisticsOf(n: number, sum: number, squaredDeviations: number, sorted: SortedValues): ReplicationStatistics {
  if (n === 0) throw new RangeError('StreamingStatistics: no replications');
  const mean = sum / n;
  let halfWidth = 0;
  if (n > 1) {
    halfWidth = (studentTQuantile(0.975, n - 1) * Math.sqrt(squaredDeviations / (n - 1))) / Math.sqrt(n);
    for (let q = 0; q < QUANTILES.length; q++) {
      lowerIndices[q] = Math.floor((n - 1) * QUANTILES[q]!);
      upperIndices[q] = lowerIndices[q]! + 1;
    }
    // Each list is non-decreasing, as QUANTILES are (the two together need not be).
    sorted.orderStatisticsOfTwo(lowerIndices, lowerValues, upperIndices, upperValues);
    for (let q = 0; q < QUANTILES.length; q++) {
      const i = (n - 1) * QUANTILES[q]!;
      const value0 = lowerValues[q]!;
      const value1 = upperValues[q]!;
      quantileValues[q] = value0 + (value1 - value0) * (i - Math.floor(i));
    }
  } else {
    sorted.orderStatistics(FIRST, firstValue);
    quantileValues.fill(firstValue[0]!);
  }
  const v = quantileValues;
  return { mean, p05: v[0]!, p25: v[1]!, p50: v[2]!, p75: v[3]!, p95: v[4]!, ci95_low: mean - halfWidth, ci95_high: mean + halfWidth };
}

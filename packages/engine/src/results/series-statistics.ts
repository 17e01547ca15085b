import { IntHistogram } from './histogram.js';
import type { ReplicationStatistics } from './replication-statistics.js';
import { StreamingStatistics } from './streaming-statistics.js';

/** The widest range of whole numbers a month keeps in the shared array (wider: a histogram of its own). */
const MAX_SLOTS = 2 ** 14;

/**
 * The statistics of every month of one series over replications, added a batch of replications at a
 * time in replication order: exactly `StreamingStatistics` per month, laid out for speed. A month
 * holding only whole numbers (counts, most of them) costs one add to a running sum and one increment
 * of its histogram per replication; the histograms of all months share one array (month d's count of
 * value v at `counts[d * width + v - lo[d]]`), so a series allocates a few arrays, not one per month.
 * A month's first value that is not a whole number (costs) hands the month to a `StreamingStatistics`
 * built from its histogram and sum, which is what `StreamingStatistics` itself would hold then.
 */
export class SeriesStatistics {
  /** Replications added. */
  private added = 0;
  /** Sum of each whole-number month's values in replication order. */
  private readonly sums: Float64Array;
  /** 1 while a month holds whole numbers only. */
  private readonly whole: Uint8Array;
  /** Each month's statistics once it has held a value that is not a whole number. */
  private readonly continuous: (StreamingStatistics | undefined)[];
  /** Slots per month in `counts`. */
  private width = 0;
  private counts: Int32Array = new Int32Array(0);
  /** Value of each month's first slot. */
  private readonly lo: Float64Array;
  /** Smallest and largest value each month has held (Infinity, -Infinity before any). */
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  /** Scratch: one month's values of a batch. */
  private column = new Float64Array(0);

  /** Statistics of `months` months; the first `zeros` replications were zero in every month. */
  constructor(
    readonly months: number,
    zeros = 0,
  ) {
    this.sums = new Float64Array(months);
    this.whole = new Uint8Array(months).fill(1);
    this.continuous = new Array<StreamingStatistics | undefined>(months).fill(undefined);
    this.lo = new Float64Array(months);
    this.min = new Float64Array(months).fill(Infinity);
    this.max = new Float64Array(months).fill(-Infinity);
    if (zeros > 0) {
      for (let d = 0; d < months; d++) {
        this.reserve(d, 0, 0);
        this.counts[d * this.width - this.lo[d]!]! += zeros;
      }
      this.added = zeros;
    }
  }

  /**
   * Adds replications' values in replication order: `values[b]` holds one value per month, or is
   * undefined for a replication in which the series was never recorded (zero in every month).
   */
  addReplications(values: readonly (ArrayLike<number> | undefined)[]): void {
    const count = values.length;
    const column = this.column.length >= count ? this.column : (this.column = new Float64Array(count));
    for (let d = 0; d < this.months; d++) {
      let b = 0;
      if (this.whole[d] === 1) {
        // The month's values while whole numbers within 32 bits ((v | 0) === v), as StreamingStatistics
        // keeps them in its histogram: summed in replication order, then counted.
        let sum = this.sums[d]!;
        let min = Infinity;
        let max = -Infinity;
        for (; b < count; b++) {
          const s = values[b];
          const v = s === undefined ? 0 : s[d]!;
          if ((v | 0) !== v) break;
          sum += v;
          column[b] = v;
          if (v < min) min = v;
          if (v > max) max = v;
        }
        if (b > 0 && Math.max(max, this.max[d]!) - Math.min(min, this.min[d]!) >= MAX_SLOTS) {
          // Too wide for the shared array: the month keeps its own histogram, as StreamingStatistics.
          b = 0;
        } else {
          this.sums[d] = sum;
          if (b > 0) {
            this.reserve(d, min, max);
            const counts = this.counts;
            const base = d * this.width - this.lo[d]!;
            for (let i = 0; i < b; i++) counts[base + column[i]!]!++;
          }
        }
        if (b < count) this.toContinuous(d, this.added + b);
      }
      if (b < count) {
        let k = 0;
        for (; b < count; b++) {
          const vs = values[b];
          column[k++] = vs === undefined ? 0 : vs[d]!;
        }
        this.continuous[d]!.addAll(column, k);
      }
    }
    this.added += count;
  }

  /** Makes room in month d's slots for values from `a` to `b`, re-laying the array out if need be. */
  private reserve(d: number, a: number, b: number): void {
    const lo = Math.min(this.min[d]!, a);
    const hi = Math.max(this.max[d]!, b);
    this.min[d] = lo;
    this.max[d] = hi;
    const need = hi - lo + 1;
    if (need > this.width) this.relayout(Math.max(8, 2 * need, 2 * this.width));
    const first = this.lo[d]!;
    if (lo >= first && hi < first + this.width) return;
    // Re-centre the month in its slots (its range has moved).
    const width = this.width;
    const base = d * width;
    const newLo = lo - Math.floor((width - need) / 2);
    const slot = this.counts.subarray(base, base + width);
    const old = slot.slice();
    slot.fill(0);
    for (let i = 0; i < width; i++) if (old[i]! > 0) slot[first + i - newLo] = old[i]!;
    this.lo[d] = newLo;
  }

  /** A wider slot per month: every whole-number month's counts moved to the centre of its new slot. */
  private relayout(width: number): void {
    const counts = new Int32Array(this.months * width);
    for (let d = 0; d < this.months; d++) {
      const min = this.min[d]!;
      const max = this.max[d]!;
      const newLo = Number.isFinite(min) ? min - Math.floor((width - (max - min + 1)) / 2) : 0;
      if (this.whole[d] === 1 && this.width > 0) {
        const from = d * this.width;
        const oldLo = this.lo[d]!;
        for (let i = 0; i < this.width; i++) {
          const c = this.counts[from + i]!;
          if (c > 0) counts[d * width + oldLo + i - newLo] = c;
        }
      }
      this.lo[d] = newLo;
    }
    this.counts = counts;
    this.width = width;
  }

  /** Month d's histogram of `n` whole numbers: a copy, or (`view`, to read only) a view of the shared array. */
  private histogram(d: number, n: number, view = false): IntHistogram {
    const min = this.min[d]!;
    if (n === 0 || !Number.isFinite(min)) return new IntHistogram();
    const from = d * this.width + min - this.lo[d]!;
    const to = from + this.max[d]! - min + 1;
    return IntHistogram.fromCounts(min, view ? this.counts.subarray(from, to) : this.counts.slice(from, to));
  }

  /** Hands month d, after `n` whole numbers, to a StreamingStatistics (its first other value is next). */
  private toContinuous(d: number, n: number): void {
    this.continuous[d] = StreamingStatistics.fromWhole(this.histogram(d, n), this.sums[d]!);
    this.whole[d] = 0;
  }

  /** Month `d`'s statistics (as `StreamingStatistics.statistics`). */
  statistics(d: number): ReplicationStatistics {
    return (this.continuous[d] ?? StreamingStatistics.fromWhole(this.histogram(d, this.added, true), this.sums[d]!)).statistics();
  }
}

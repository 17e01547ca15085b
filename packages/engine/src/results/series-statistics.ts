import { IntHistogram } from './histogram.js';
import type { ReplicationStatistics } from './replication-statistics.js';
import { StreamingStatistics, wholeNumberStatistics } from './streaming-statistics.js';

/** The widest range of whole numbers a month keeps in the shared array (wider: a histogram of its own). */
const MAX_SLOTS = 2 ** 14;

/**
 * Values of a month of costs held until there are this many, then added to its StreamingStatistics
 * together (`addAll`: their buckets counted in one go, far cheaper than one `add` at a time).
 */
const PENDING = 32;

/** Whether the `months` values of `values` from `from` on are all +0 (a -0 is not: a month of costs keeps its sign). */
function allPlusZero(values: ArrayLike<number>, from: number, months: number): boolean {
  for (let d = from; d < from + months; d++) {
    const v = values[d]!;
    if (v !== 0 || 1 / v < 0) return false;
  }
  return true;
}

/**
 * The statistics of every month of one series over replications, added one replication at a time in
 * replication order: exactly `StreamingStatistics` per month, laid out for speed. A month holding only
 * whole numbers (counts, most of them) costs one add to a running sum and one increment of its
 * histogram per replication; the histograms of all months share one array (month d's count of value v
 * at `counts[d * width + v - lo[d]]`), so a series allocates a few arrays, not one per month. A
 * month's first value that is not a whole number (costs), or that would widen its slots beyond
 * MAX_SLOTS, hands the month to a `StreamingStatistics` built from its histogram and sum, which is
 * what `StreamingStatistics` itself would hold then.
 */
export class SeriesStatistics {
  /**
   * Replications, after every one added to the months, that were zero in every month (never recorded,
   * or all +0): counted, and added to the months together (`addZeros`) before the next replication
   * that is not, or before any statistics are read.
   */
  private zeroReplications = 0;
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
  /**
   * Values of months of costs not yet added to their StreamingStatistics (month d's from `d * PENDING`),
   * and how many: empty until the series' first month of costs (always arrays, so the object keeps its shape).
   */
  private pending = new Float64Array(0);
  private pendingCount = new Uint8Array(0);

  /** Statistics of `months` months; the first `zeros` replications were zero in every month. */
  constructor(
    readonly months: number,
    zeros = 0,
  ) {
    this.sums = new Float64Array(months);
    this.whole = new Uint8Array(months).fill(1);
    this.continuous = new Array<StreamingStatistics | undefined>(months).fill(undefined);
    this.lo = new Float64Array(months);
    this.zeroReplications = zeros;
  }

  /**
   * Adds the next replication's values, one per month in order from `values[from]`, or undefined for a
   * replication in which the series was never recorded (zero in every month). A replication zero in every month (a fifth of a
   * run's series, in an Anytown run) is only counted, after a read of its values that stops at the
   * first that is not +0. Otherwise the months are read in order and a whole number lands in its
   * month's slots with no more than a range check; anything else takes `addSlow`.
   */
  addReplication(values: ArrayLike<number> | undefined, from = 0): void {
    if (values === undefined || allPlusZero(values, from, this.months)) {
      this.zeroReplications++;
      return;
    }
    if (this.zeroReplications > 0) this.addZeros();
    const { months, sums, whole, lo } = this;
    let counts = this.counts;
    let width = this.width;
    for (let d = 0; d < months; d++) {
      const v = values[from + d]!;
      const i = v - lo[d]!;
      if (whole[d] === 1 && (v | 0) === v && i >= 0 && i < width) {
        sums[d]! += v;
        counts[d * width + i]!++;
      } else {
        this.addSlow(d, v);
        counts = this.counts;
        width = this.width;
      }
    }
  }

  /**
   * Adds the replications counted in `zeroReplications` (zero in every month) to every month, as
   * `addReplication` would one by one: a whole-number month whose slots hold 0 counts them all at once
   * (its sum is unchanged), any other month takes its zeros one at a time, in order.
   */
  private addZeros(): void {
    const k = this.zeroReplications;
    this.zeroReplications = 0;
    for (let d = 0; d < this.months; d++) {
      for (let j = 0; j < k; j++) {
        const i = -this.lo[d]!;
        if (this.whole[d] === 1 && i >= 0 && i < this.width) {
          this.counts[d * this.width + i]! += k - j;
          break;
        }
        this.addSlow(d, 0);
      }
    }
  }

  /**
   * Month d's value v when it does not fit the month's slots as they are: the slots re-centred or
   * widened for a whole number (within 32 bits, `(v | 0) === v`, as StreamingStatistics keeps them in
   * its histogram), or the month handed to a StreamingStatistics.
   */
  private addSlow(d: number, v: number): void {
    if (this.whole[d] === 1) {
      if ((v | 0) === v) {
        const [min, max] = this.range(d);
        const lo = Math.min(min, v);
        const hi = Math.max(max, v);
        if (hi - lo < MAX_SLOTS) {
          this.reserve(d, lo, hi);
          this.sums[d]! += v;
          this.counts[d * this.width + v - this.lo[d]!]!++;
          return;
        }
      }
      this.continuous[d] = StreamingStatistics.fromWhole(this.histogram(d, true), this.sums[d]!);
      this.whole[d] = 0;
    }
    if (this.pendingCount.length === 0) {
      this.pending = new Float64Array(this.months * PENDING);
      this.pendingCount = new Uint8Array(this.months);
    }
    const pending = this.pending;
    const count = this.pendingCount;
    pending[d * PENDING + count[d]!++] = v;
    if (count[d] === PENDING) this.flush(d);
  }

  /** Adds month d's pending values to its StreamingStatistics, in replication order. */
  private flush(d: number): void {
    const count = this.pendingCount.length === 0 ? 0 : this.pendingCount[d]!;
    if (count === 0) return;
    this.continuous[d]!.addAll(this.pending.subarray(d * PENDING, d * PENDING + count), count);
    this.pendingCount[d] = 0;
  }

  /** The smallest and largest value month d has held (Infinity, -Infinity before any). */
  private range(d: number): [min: number, max: number] {
    const base = d * this.width;
    let first = 0;
    while (first < this.width && this.counts[base + first] === 0) first++;
    if (first === this.width) return [Infinity, -Infinity];
    let last = this.width - 1;
    while (this.counts[base + last] === 0) last--;
    return [this.lo[d]! + first, this.lo[d]! + last];
  }

  /** Makes room in month d's slots for its values from `lo` to `hi`, re-laying the array out if need be. */
  private reserve(d: number, lo: number, hi: number): void {
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
      if (this.whole[d] !== 1) continue;
      const [min, max] = this.range(d);
      const newLo = Number.isFinite(min) ? min - Math.floor((width - (max - min + 1)) / 2) : 0;
      const from = d * this.width;
      const oldLo = this.lo[d]!;
      for (let i = 0; i < this.width; i++) {
        const c = this.counts[from + i]!;
        if (c > 0) counts[d * width + oldLo + i - newLo] = c;
      }
      this.lo[d] = newLo;
    }
    this.counts = counts;
    this.width = width;
  }

  /**
   * Month d's histogram of whole numbers: its slots (zero counts on either side change no statistic), a
   * copy to keep or (`view`, to read only) a view of the shared array.
   */
  private histogram(d: number, copy: boolean): IntHistogram {
    const from = d * this.width;
    const counts = copy ? this.counts.slice(from, from + this.width) : this.counts.subarray(from, from + this.width);
    return IntHistogram.fromCounts(this.lo[d]!, counts);
  }

  /** Month `d`'s statistics (as `StreamingStatistics.statistics`). */
  statistics(d: number): ReplicationStatistics {
    if (this.zeroReplications > 0) this.addZeros();
    this.flush(d);
    const continuous = this.continuous[d];
    return continuous !== undefined ? continuous.statistics() : wholeNumberStatistics(this.histogram(d, false), this.sums[d]!);
  }
}

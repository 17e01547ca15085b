import { checkPaired, summariseCells } from '../results/summarise.js';
import { compareSeriesKeys, parseSeriesKey } from '../results/series-keys.js';
import type { SeriesRow } from '../results/types.js';
import type { ReplicationSeries } from './assemble.js';
import type { ReplicationSink } from './summary-accumulator.js';

/**
 * Replications per block of a key's column: memory grows with the blocks replications have arrived in
 * (kept Web Workers take batches far apart from the start, so a column sized for the whole run at once
 * would hold a 5,000-replication run's 550 MB from its first seconds), and a month's values in a block
 * lie side by side.
 */
const BLOCK = 64;

/**
 * Every replication's series of a run, folded as they arrive (a `ReplicationSink` for `simulateInto`,
 * in any order) into one column per series key, in blocks of BLOCK replications, each block month by
 * month: a month's values over the block's replications lie side by side, in replication order, as
 * `summarise` reads them. So the run's summaries need no gathering and no transposition of each
 * replication's series after the last replication (`simulate` gathers every replication's series, and
 * `summarise` copies each month's value out of each of them), only each month's blocks put end to end;
 * the folding happens while the workers still simulate. The rows are those of `summarise` and
 * `summariseDifference` of the same replications, byte for byte (the same cells in the same order
 * through the same `summariseCells`; test/montecarlo/run-columns.spec.ts). A series a replication lacks
 * is zero in it, as in `assembleRun`. (Session 15.)
 */
export class RunColumns implements ReplicationSink {
  /** Series key -> its blocks: block b holds replications b * BLOCK onwards, month d's value of its i-th at d * size + i. */
  private readonly columns = new Map<string, (Float64Array | undefined)[]>();
  private runDates: string[] | undefined;
  private readonly events: Float64Array;
  private readonly arrived: Uint8Array;
  private count = 0;

  constructor(readonly length: number) {
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`RunColumns: replications must be a whole number >= 1, got ${length}`);
    this.events = new Float64Array(length);
    this.arrived = new Uint8Array(length);
  }

  /** Replications in block `b` (the last may hold fewer than BLOCK). */
  private blockSize(b: number): number {
    return Math.min(BLOCK, this.length - b * BLOCK);
  }

  put(replication: number, out: ReplicationSeries): void {
    if (!(replication >= 0 && replication < this.length) || this.arrived[replication] === 1) throw new RangeError(`RunColumns: replication ${replication} is not one of the ${this.length} still to come`);
    const dates = (this.runDates ??= out.dates);
    if (out.dates !== dates && (out.dates.length !== dates.length || out.dates.some((d, i) => d !== dates[i]))) {
      throw new Error(`replication ${replication} has dates ${out.dates[0]}..${out.dates.at(-1)} unlike replication 0`);
    }
    const n = dates.length;
    const b = Math.floor(replication / BLOCK);
    const size = this.blockSize(b);
    for (const key in out.series) {
      const s = out.series[key]!;
      if (s.length !== n) throw new Error(`replication ${replication}: series "${key}" has ${s.length} values for ${n} dates`);
      let blocks = this.columns.get(key);
      if (blocks === undefined) {
        parseSeriesKey(key);
        this.columns.set(key, (blocks = new Array<Float64Array | undefined>(Math.ceil(this.length / BLOCK)).fill(undefined)));
      }
      const block = (blocks[b] ??= new Float64Array(n * size));
      for (let d = 0, i = replication - b * BLOCK; d < n; d++, i += size) block[i] = s[d]!;
    }
    this.events[replication] = out.eventsFired;
    this.arrived[replication] = 1;
    this.count++;
  }

  /** Whether every replication has arrived. */
  get complete(): boolean {
    return this.count === this.length;
  }

  private checkComplete(): void {
    if (!this.complete) throw new Error(`RunColumns: ${this.count} of ${this.length} replications arrived`);
  }

  /** ISO dates: index 0 = start, then each month end. */
  get dates(): string[] {
    this.checkComplete();
    return [...this.runDates!];
  }

  /** The run's series keys, ordered as rows are written. */
  keys(): string[] {
    return [...this.columns.keys()].sort(compareSeriesKeys);
  }

  /** Events fired, summed over replications in replication order. */
  eventsFired(): number {
    this.checkComplete();
    let sum = 0;
    for (let r = 0; r < this.length; r++) sum += this.events[r]!;
    return sum;
  }

  /**
   * Month `d`'s values of `key` over the replications, its blocks' runs of that month put end to end
   * into one buffer (overwritten by the next call; zeros where no replication of a block recorded the key).
   */
  private cellsOf(key: string): (d: number) => Float64Array {
    const blocks = this.columns.get(key) ?? [];
    const cell = new Float64Array(this.length);
    return (d) => {
      for (let b = 0; b * BLOCK < this.length; b++) {
        const size = this.blockSize(b);
        const block = blocks[b];
        if (block) cell.set(block.subarray(d * size, (d + 1) * size), b * BLOCK);
        else cell.fill(0, b * BLOCK, b * BLOCK + size);
      }
      return cell;
    };
  }

  /** `summarise(run, { scenario })` of the same replications. */
  summarise(scenario?: string): SeriesRow[] {
    this.checkComplete();
    return summariseCells(this.runDates!, this.keys(), this.length, (key) => this.cellsOf(key), scenario, false);
  }

  /** `summariseDifference(baseline, scenario, scenarioName)` of the same replications: scenario − baseline, replication by replication. */
  static difference(baseline: RunColumns, scenario: RunColumns, scenarioName: string): SeriesRow[] {
    baseline.checkComplete();
    scenario.checkComplete();
    const dates = baseline.runDates!;
    checkPaired({ replications: baseline.length, dates }, { replications: scenario.length, dates: scenario.runDates! }, scenarioName);
    const keys = [...new Set([...baseline.columns.keys(), ...scenario.columns.keys()])].sort(compareSeriesKeys);
    const R = baseline.length;
    const diff = new Float64Array(R);
    return summariseCells(
      dates,
      keys,
      R,
      (key) => {
        const b = baseline.columns.has(key) ? baseline.cellsOf(key) : undefined;
        const s = scenario.columns.has(key) ? scenario.cellsOf(key) : undefined;
        return (d) => {
          const bd = b?.(d);
          const sd = s?.(d);
          // summariseDifference's expression, a missing series counting 0.
          for (let r = 0; r < R; r++) diff[r] = (sd ? sd[r]! : 0) - (bd ? bd[r]! : 0);
          return diff;
        };
      },
      scenarioName,
      true,
    );
  }
}

import { SeriesStatistics } from '../results/series-statistics.js';
import { compareSeriesKeys, isStockMetric, parseSeriesKey } from '../results/series-keys.js';
import { seriesRow } from '../results/replication-statistics.js';
import { summarise } from '../results/summarise.js';
import type { SeriesRow } from '../results/types.js';
import { assembleRun, type ReplicationSeries } from './assemble.js';

/**
 * Replications' monthly values kept in memory before summaries switch to streaming (bytes of values):
 * below it a summary is exactly `summarise(simulate(...))`; above it memory stops growing with the
 * number of replications. 32 MB holds about 400 replications of Anytown (158 series x 61 dates).
 */
export const KEEP_REPLICATIONS_BYTES = 32 * 2 ** 20;

/**
 * Replications folded together when streaming: each series' histograms are then brought into the
 * cache once per batch, not once per replication. The batch's values are copied as each replication
 * arrives into one buffer kept for the run (about 3.5 MB for Anytown), so a replication's own series
 * die young instead of waiting for the batch through the young generation's collections (session 18).
 */
const FOLD_BATCH = 32;

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a === b || (a.length === b.length && a.every((key, i) => key === b[i]));

/** What a replication's values count for against `keepBytes`: each series' bytes and 64 more. */
function replicationBytes(out: ReplicationSeries): number {
  let bytes = 0;
  for (const key in out.series) bytes += out.series[key]!.byteLength + 64;
  return bytes;
}

/** Where finished replications go, by replication index (0 <= r < length), in any order. */
export interface ReplicationSink {
  readonly length: number;
  put(replication: number, output: ReplicationSeries): void;
}

/** What a summarised run returns. */
export interface SummarisedRun {
  dates: string[];
  seed: number;
  replications: number;
  rows: SeriesRow[];
  eventsFired: number;
  warnings: string[];
  /**
   * `kept`: every replication's values were kept and summarised as `summarise` does (identical rows);
   * `streamed`: the summaries were built one replication at a time (see StreamingStatistics for what
   * is exact).
   */
  method: 'kept' | 'streamed';
}

/**
 * Summarises replications as they finish, in replication order (replications finishing early wait in
 * a small buffer), keeping their values only up to `keepBytes`; after that, per-month statistics that
 * do not grow with the number of replications (histograms of whole numbers, see StreamingStatistics).
 */
export class SummaryAccumulator implements ReplicationSink {
  private next = 0;
  private readonly waiting = new Map<number, ReplicationSeries>();
  private kept: ReplicationSeries[] | undefined = [];
  private keptBytes = 0;
  private dates: string[] | undefined;
  private eventsFired = 0;
  /** Series key -> statistics of its months (streaming only). */
  private readonly stats = new Map<string, SeriesStatistics>();
  /** The last keys folded and their statistics, in their order (the next batch's are most likely the same). */
  private lastKeys: string[] = [];
  private lastCells: SeriesStatistics[] = [];
  /**
   * The batch (streaming only): replications `folded` to `folded + batchSize - 1`, all with the keys
   * `batchKeys` in that order, their values in `batchValues` (key i's series of the batch's b-th
   * replication from `(i * FOLD_BATCH + b) * dates`). The keys array is kept while the keys stay the same.
   */
  private batchKeys: string[] = [];
  private batchValues = new Float64Array(0);
  private batchSize = 0;
  /** Replications folded into `stats`. */
  private folded = 0;

  /**
   * The first replication's bytes (see `sameSeries`), once taken: every later one must count as many
   * or more.
   */
  private firstBytes: number | undefined;

  /**
   * `sameSeries`: the replications all record the same series (one model's do: outputs.ts asks for
   * its series in the same order in every replication), so the run's values will come to `length`
   * times the first replication's bytes. When that is over `keepBytes`, the run would switch to
   * streaming before its end anyway, and the streamed rows do not depend on when it switched
   * (each month's values are taken in replication order either way): it streams from the first
   * replication, keeping none. A later replication counting fewer bytes than the first is an error.
   */
  constructor(
    readonly length: number,
    private readonly keepBytes = KEEP_REPLICATIONS_BYTES,
    private readonly sameSeries = false,
  ) {}

  put(replication: number, output: ReplicationSeries): void {
    this.waiting.set(replication, output);
    for (let out = this.waiting.get(this.next); out !== undefined; out = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.take(out, this.next++);
    }
  }

  private take(out: ReplicationSeries, r: number): void {
    const dates = (this.dates ??= out.dates);
    if (out.dates !== dates && (out.dates.length !== dates.length || out.dates.some((d, i) => d !== dates[i]))) {
      throw new Error(`replication ${r} has dates ${out.dates[0]}..${out.dates.at(-1)} unlike replication 0`);
    }
    this.eventsFired += out.eventsFired;
    if (this.sameSeries) {
      const bytes = replicationBytes(out);
      if (this.firstBytes === undefined) {
        this.firstBytes = bytes;
        if (this.length * bytes > this.keepBytes) this.kept = undefined;
      } else if (bytes < this.firstBytes) {
        throw new Error(`replication ${r} records ${bytes} bytes of series, fewer than replication 0's ${this.firstBytes}: a model's replications all record the same series`);
      }
    }
    if (this.kept === undefined) {
      this.gather(out, r);
      return;
    }
    this.kept.push(out);
    for (const s of Object.values(out.series)) this.keptBytes += s.byteLength + 64;
    if (this.keptBytes > this.keepBytes) {
      const kept = this.kept;
      this.kept = undefined;
      kept.forEach((o, i) => this.gather(o, i));
    }
  }

  /** Copies replication `r` (the next to fold) into the batch, folding the batch first when its keys differ, and the batch when full. */
  private gather(out: ReplicationSeries, r: number): void {
    if (!this.copyIn(out, r)) {
      this.foldBatch();
      this.batchKeys = Object.keys(out.series);
      const size = this.batchKeys.length * FOLD_BATCH * this.dates!.length;
      if (this.batchValues.length < size) this.batchValues = new Float64Array(size);
      this.copyIn(out, r);
    }
    if (++this.batchSize === FOLD_BATCH) this.foldBatch();
  }

  /**
   * Copies replication `r`'s series into the batch's next place when it has the batch's keys in the
   * batch's order (false, and the batch's replications untouched, when not).
   */
  private copyIn(out: ReplicationSeries, r: number): boolean {
    const keys = this.batchKeys;
    const values = this.batchValues;
    const n = this.dates!.length;
    let i = 0;
    for (const key in out.series) {
      if (i === keys.length || keys[i] !== key) return false;
      const s = out.series[key]!;
      if (s.length !== n) throw new Error(`replication ${r}: series "${key}" has ${s.length} values for ${n} dates`);
      values.set(s, (i * FOLD_BATCH + this.batchSize) * n);
      i++;
    }
    return i === keys.length;
  }

  /**
   * Adds the batch to the streaming statistics series by series: a series' statistics take each
   * replication's months in order while its histograms are in the cache. A key first seen now was zero
   * in every earlier replication; a key these replications lack is zero in every month of them.
   */
  private foldBatch(): void {
    const count = this.batchSize;
    if (count === 0) return;
    const first = this.folded;
    const n = this.dates!.length;
    const keys = this.batchKeys;
    const cells = this.cellsOf(keys, first);
    const values = this.batchValues;
    for (let i = 0; i < keys.length; i++) {
      const c = cells[i]!;
      for (let b = 0; b < count; b++) c.addReplication(values, (i * FOLD_BATCH + b) * n);
    }
    if (this.stats.size > keys.length) {
      const present = new Set(keys);
      for (const [key, c] of this.stats) if (!present.has(key)) for (let b = 0; b < count; b++) c.addReplication(undefined);
    }
    this.folded = first + count;
    this.batchSize = 0;
  }

  /** The statistics of each of `keys`, those first seen at replication `r` made now. */
  private cellsOf(keys: string[], r: number): SeriesStatistics[] {
    if (sameKeys(keys, this.lastKeys)) return this.lastCells;
    const n = this.dates!.length;
    const cells = keys.map((key) => {
      let c = this.stats.get(key);
      if (c === undefined) {
        parseSeriesKey(key);
        this.stats.set(key, (c = new SeriesStatistics(n, r)));
      }
      return c;
    });
    this.lastKeys = keys;
    this.lastCells = cells;
    return cells;
  }

  /** The summary rows, once every replication is in. */
  finish(seed: number, warnings: string[]): SummarisedRun {
    if (this.next !== this.length) throw new Error(`SummaryAccumulator: ${this.next} of ${this.length} replications arrived`);
    this.foldBatch();
    if (this.kept !== undefined) {
      const run = assembleRun(this.kept, seed, warnings);
      return { dates: run.dates, seed, replications: this.length, rows: summarise(run), eventsFired: run.eventsFired, warnings, method: 'kept' };
    }
    const dates = this.dates!;
    const rows: SeriesRow[] = [];
    for (const key of [...this.stats.keys()].sort(compareSeriesKeys)) {
      const { metric, category } = parseSeriesKey(key);
      const cells = this.stats.get(key)!;
      for (let d = isStockMetric(metric) ? 0 : 1; d < dates.length; d++) {
        rows.push(seriesRow(dates[d]!, metric, category, cells.statistics(d)));
      }
    }
    if (this.folded !== this.length) throw new Error('SummaryAccumulator: replications missing from the summaries');
    return { dates: [...dates], seed, replications: this.length, rows, eventsFired: this.eventsFired, warnings, method: 'streamed' };
  }
}

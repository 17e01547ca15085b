import { SeriesStatistics } from '../results/series-statistics.js';
import { compareSeriesKeys, isStockMetric, parseSeriesKey } from '../results/series-keys.js';
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
 * Replications folded together when streaming: each month's histogram is then read once per batch, not
 * once per replication (a cache miss each time), for about 3.5 MB of Anytown replications held.
 */
const FOLD_BATCH = 32;

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
  /** Replications taken but not yet folded, from replication `folded` on (streaming only). */
  private batch: ReplicationSeries[] = [];
  private folded = 0;

  constructor(
    readonly length: number,
    private readonly keepBytes = KEEP_REPLICATIONS_BYTES,
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
    if (out.dates.length !== dates.length || out.dates.some((d, i) => d !== dates[i])) {
      throw new Error(`replication ${r} has dates ${out.dates[0]}..${out.dates.at(-1)} unlike replication 0`);
    }
    this.eventsFired += out.eventsFired;
    if (this.kept === undefined) {
      this.batch.push(out);
      if (this.batch.length === FOLD_BATCH) this.foldBatch();
      return;
    }
    this.kept.push(out);
    for (const s of Object.values(out.series)) this.keptBytes += s.byteLength + 64;
    if (this.keptBytes > this.keepBytes) {
      const kept = this.kept;
      this.kept = undefined;
      this.batch = kept;
      this.foldBatch();
    }
  }

  /**
   * Adds the batch (replications `folded`, `folded` + 1, ... in order) to the streaming statistics,
   * month by month, so each month's histogram is read once per batch rather than once per replication.
   */
  private foldBatch(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    const first = this.folded;
    const n = this.dates!.length;
    for (const out of batch) {
      for (const key in out.series) {
        if (this.stats.has(key)) continue;
        parseSeriesKey(key);
        // A key first seen now was zero in every earlier replication (the batch's earlier ones too).
        this.stats.set(key, new SeriesStatistics(n, first));
      }
    }
    const values = new Array<Float64Array | undefined>(batch.length);
    for (const [key, cells] of this.stats) {
      for (let b = 0; b < batch.length; b++) {
        const s = batch[b]!.series[key];
        if (s !== undefined && s.length !== n) throw new Error(`replication ${first + b}: series "${key}" has ${s.length} values for ${n} dates`);
        values[b] = s;
      }
      cells.addReplications(values);
    }
    this.folded = first + batch.length;
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
        const row = { date: dates[d]!, metric, category } as SeriesRow;
        rows.push(Object.assign(row, cells.statistics(d)));
      }
    }
    if (this.folded !== this.length) throw new Error('SummaryAccumulator: replications missing from the summaries');
    return { dates: [...dates], seed, replications: this.length, rows, eventsFired: this.eventsFired, warnings, method: 'streamed' };
  }
}

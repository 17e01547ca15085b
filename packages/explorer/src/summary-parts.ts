// A run's summaries split by series between threads: the part of a run one thread summarises (some of
// its series, every replication, in one transferable buffer) and the messages of the summary workers.
// Each part's rows are those `summarise` (or `summariseDifference`) writes for its series, so rows of
// contiguous parts of the ordered keys, put end to end, are the whole run's rows byte for byte.
import type { SeriesRow, SimulationRun } from '@carecast/engine';

/** Some series of a run: `values` holds, key after key, each replication's `dates.length` values. */
export interface RunPart {
  keys: string[];
  values: Float64Array;
}

/** What a summary worker is asked (request `id`): the rows of `summarise` of one part, or of `summariseDifference` of two (baseline first). */
export interface SummaryRequest {
  id: number;
  dates: string[];
  replications: number;
  /** One part: its summary rows; two (baseline, scenario): the rows of their differences, named `scenario`. */
  parts: RunPart[];
  scenario?: string;
}

/** The answer: the rows, or what failed; with the parts' buffers given back (transferred), to be filled again by the next run. */
export type SummaryReply = { id: number; buffers: ArrayBuffer[] } & ({ ok: true; rows: SeriesRow[] } | { ok: false; message: string });

/**
 * The series `keys` of `run` packed into one buffer (a key the run lacks is left out: summarise counts
 * it as zeros): into `reuse` when it is large enough (a buffer a worker gave back; every value written
 * again), else into a new one. Fresh memory for a run's values (megabytes) costs page faults.
 */
export function packPart(run: SimulationRun, keys: readonly string[], reuse?: ArrayBuffer): RunPart {
  const n = run.dates.length;
  const replications = run.replications;
  const held = keys.filter((key) => run.values.has(key));
  const length = held.length * replications * n;
  const values = reuse !== undefined && reuse.byteLength >= length * Float64Array.BYTES_PER_ELEMENT ? new Float64Array(reuse, 0, length) : new Float64Array(length);
  held.forEach((key, k) => {
    const list = run.values.get(key)!;
    for (let r = 0; r < replications; r++) {
      const s = list[r];
      const at = (k * replications + r) * n;
      if (s !== undefined) values.set(s.length === n ? s : s.subarray(0, n), at);
      else values.fill(0, at, at + n);
    }
  });
  return { keys: held, values };
}

/** The run a part stands for (only what the summaries read: dates, replications, keys and values). */
export function partRun(dates: string[], replications: number, part: RunPart): SimulationRun {
  const n = dates.length;
  const values = new Map<string, Float64Array[]>();
  part.keys.forEach((key, k) => {
    values.set(
      key,
      Array.from({ length: replications }, (_, r) => part.values.subarray((k * replications + r) * n, (k * replications + r + 1) * n)),
    );
  });
  return { dates, seed: 0, replications, keys: part.keys, values, eventsFired: 0, warnings: [] };
}

/**
 * `keys` cut into `count` contiguous slices of about equal length (the first ones are the longer), in
 * order: rows of the slices end to end are the rows of all of them.
 */
export function slices<T>(keys: readonly T[], count: number): T[][] {
  const out: T[][] = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const to = from + Math.ceil((keys.length - from) / (count - i));
    out.push(keys.slice(from, to));
    from = to;
  }
  return out;
}

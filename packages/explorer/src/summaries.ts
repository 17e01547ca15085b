// A run's summaries made on several threads at once: once the simulation's workers are done, the page
// summarises one slice of the series and each summary worker another (the engine's own functions on
// each slice), and the rows are put end to end in key order: summarise's rows, byte for byte.
import { summarise, summariseDifference, type SeriesRow, type SimulationRun } from '@carecast/engine';
import { compareSeriesKeys } from '@carecast/engine/advanced';
import { packPart, slices, type SummaryReply, type SummaryRequest } from './summary-parts.js';
import SummaryWorker from './summary-worker.ts?worker&inline';

/** The page's summary workers, started by startSummaryWorkers (loading their code before the first run). */
const workers: Worker[] = [];
let lastId = 0;
/** Requests sent and not yet answered, by id. */
const pending = new Map<number, { resolve: (rows: SeriesRow[]) => void; reject: (e: Error) => void }>();
/** Buffers the workers gave back, filled again by the next request (fresh megabytes cost page faults). */
const spare: ArrayBuffer[] = [];

/** Starts `count` summary workers (the page's threads beside them make one more slice). */
export function startSummaryWorkers(count: number): void {
  while (workers.length < count) {
    const worker = new SummaryWorker();
    worker.onmessage = (event: MessageEvent<SummaryReply>) => {
      const reply = event.data;
      spare.push(...reply.buffers);
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      if (reply.ok) job.resolve(reply.rows);
      else job.reject(new Error(`a summary worker failed: ${reply.message}`));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // A failed worker fails every request in flight; the run reports it.
      for (const [id, job] of pending) {
        pending.delete(id);
        job.reject(new Error(`a summary worker failed: ${event.message}`));
      }
    };
    workers.push(worker);
  }
}

function ask(worker: Worker, request: Omit<SummaryRequest, 'id'>): Promise<SeriesRow[]> {
  const id = ++lastId;
  return new Promise<SeriesRow[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, ...request } satisfies SummaryRequest, request.parts.map((p) => p.values.buffer as ArrayBuffer));
  });
}

/**
 * Rows of `keys` (ordered as summarise writes them) summarised in slices: the first on this thread by
 * `here`, each other by a summary worker given the values of `runs` for its slice; the rows end to end.
 */
async function inSlices(runs: readonly SimulationRun[], keys: readonly string[], here: (slice: string[]) => SeriesRow[], scenario?: string): Promise<SeriesRow[]> {
  const [mine, ...theirs] = slices(keys, workers.length + 1);
  const { dates, replications } = runs[0]!;
  const asked = theirs.map((slice, w) => ask(workers[w]!, { dates, replications, parts: runs.map((run) => packPart(run, slice, spare.pop())), ...(scenario === undefined ? {} : { scenario }) }));
  // A failed request is awaited below; until then its rejection is not left unhandled.
  for (const a of asked) a.catch(() => undefined);
  const rows = here(mine!);
  for (const part of await Promise.all(asked)) for (const row of part) rows.push(row);
  return rows;
}

/** A run with only `keys` of its series (the values shared, not copied). */
const only = (run: SimulationRun, keys: string[]): SimulationRun => ({ ...run, keys: keys.filter((k) => run.values.has(k)) });

/** `summarise(run)`, made on this thread and the summary workers at once (on this thread alone without workers). */
export function summariseOnThreads(run: SimulationRun): Promise<SeriesRow[]> {
  if (workers.length === 0) return Promise.resolve(summarise(run));
  return inSlices([run], run.keys, (slice) => summarise(only(run, slice)));
}

/** `summariseDifference(baseline, scenario, name)`, made on this thread and the summary workers at once (on this thread alone without workers). */
export function differenceOnThreads(baseline: SimulationRun, scenario: SimulationRun, name: string): Promise<SeriesRow[]> {
  if (workers.length === 0) return Promise.resolve(summariseDifference(baseline, scenario, name));
  // The series of either run, in summariseDifference's order; each slice's rows are its rows of them.
  const keys = [...new Set([...baseline.keys, ...scenario.keys])].sort(compareSeriesKeys);
  return inSlices([baseline, scenario], keys, (slice) => summariseDifference(only(baseline, slice), only(scenario, slice), name), name);
}

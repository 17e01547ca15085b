import { platform } from '#platform';
import type { ModelParameters } from '../model/parameters.js';
import { assembleRun, type ReplicationSeries } from './assemble.js';
import { SummaryAccumulator, type ReplicationSink, type SummarisedRun } from './summary-accumulator.js';
import { guidedBatches, splitReplications, type ReplicationChunk } from './chunks.js';
import { runReplication } from './model-api.js';
import { checkedModel } from './checked-model.js';
import type { SimulateOptions, SimulationRun } from './types.js';
import type { CompiledModel } from '../model/compiled-model.js';
import type { Thread } from './platform.js';
import type { ChunkTask, SharedTask, WorkerMessage } from './worker-protocol.js';
import { unpackReplication } from './worker-protocol.js';
import { DEFAULT_WORKER_START_MS, workersWorthStarting } from './worker-plan.js';

/**
 * Runs `replications` independent replications of the model and gathers their monthly series in
 * replication order; streams depend only on (seed, purpose, replication), so the run is byte-identical
 * whatever the number of workers and on either platform (variates are drawn with the engine's own
 * logarithm, random/exact-math.ts, not the JavaScript engine's Math.log). With `workers` unset, the main thread runs
 * replications itself and starts workers only when the work it measures on the first replications is
 * worth their start-up (see worker-plan.ts); the threads then claim replications one at a time from a
 * shared counter (or, in a browser page without shared memory, run contiguous chunks). Workers are
 * worker threads under Node and Web Workers in a browser (see platform.ts).
 */
export async function simulate(params: ModelParameters, options: SimulateOptions): Promise<SimulationRun> {
  checkReplications(options.replications);
  const outputs: ReplicationSeries[] = new Array<ReplicationSeries>(options.replications);
  const warnings = await runInto(params, options, arraySink(outputs));
  return assembleRun(outputs, options.seed, warnings);
}

/**
 * Simulates as `simulate` does and returns the summary rows of `summarise(simulate(...))` directly, in
 * memory that stops growing with the number of replications: replications are summarised as they
 * finish, their values kept only up to `keepBytes` (__Default value:__ KEEP_REPLICATIONS_BYTES, 32
 * MB). Up to that the rows are identical to summarise's; beyond it they come from per-month
 * histograms (`method: 'streamed'`; what is exact is in results/streaming-statistics.ts).
 */
export async function simulateSummary(params: ModelParameters, options: SimulateOptions & { keepBytes?: number }): Promise<SummarisedRun> {
  checkReplications(options.replications);
  // One model's replications, so they all record the same series.
  const sink = new SummaryAccumulator(options.replications, options.keepBytes, true);
  const warnings = await runInto(params, options, sink);
  return sink.finish(options.seed, warnings);
}

/**
 * Simulates as `simulate` does, handing each replication to `sink` as it finishes (by index, in any
 * order: workers finish out of order) instead of gathering them, so a caller folds them while the
 * workers still simulate (RunColumns, SummaryAccumulator). `sink.length` must be the number of
 * replications. Resolves to the model's warnings once every replication is in the sink.
 */
export async function simulateInto(params: ModelParameters, options: SimulateOptions, sink: ReplicationSink): Promise<string[]> {
  checkReplications(options.replications);
  if (sink.length !== options.replications) throw new RangeError(`simulateInto: the sink holds ${sink.length} replications, the run has ${options.replications}`);
  return runInto(params, options, sink);
}

function checkReplications(replications: number): void {
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`simulate: replications must be a whole number >= 1, got ${replications}`);
  }
}

const arraySink = (outputs: ReplicationSeries[]): ReplicationSink => ({
  length: outputs.length,
  put: (r, out) => {
    outputs[r] = out;
  },
});

/** Runs every replication into `sink`; resolves to the model's warnings. */
async function runInto(params: ModelParameters, options: SimulateOptions, outputs: ReplicationSink): Promise<string[]> {
  const { seed, replications, workers, signal } = options;
  if (!Number.isFinite(seed)) throw new RangeError(`simulate: seed must be a finite number, got ${seed}`);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
    throw new RangeError(`simulate: workers must be a whole number >= 1, got ${workers}`);
  }
  signal?.throwIfAborted();
  // Compiling here validates the parameters (ParameterError reaches the caller unchanged) and
  // collects the warnings once, whatever the number of workers (a model given by the caller, or the
  // same unchanged parameters object as last time on this thread: not compiled again).
  const model = options.model ?? checkedModel(params);
  // One worker means this thread, except where this thread is a page's (a browser): a run there on the
  // page's own thread would freeze it, show no progress and not be cancelled until it ended.
  if (workers === 1 && platform.pageThread !== true) {
    for (let r = 0; r < replications; r++) {
      signal?.throwIfAborted();
      outputs.put(r, runReplication(model, seed, r));
      options.onProgress?.(r + 1, replications);
    }
  } else if (workers !== undefined) {
    await runOnWorkers(params, seed, { from: 0, to: replications }, workers, outputs, options.onProgress, signal);
  } else {
    await runAdaptive(params, model, seed, outputs, options.onProgress, signal);
  }
  return [...model.warnings];
}

/** Wall milliseconds from starting the last worker of this process to its model being built, once known. */
let measuredWorkerStartMs: number | undefined;

/**
 * The default: replications in this thread, timing the first (and, if it was quicker than a worker's
 * start-up, the second, with a warmer JIT), then workers beside this thread if the rest is worth them.
 */
async function runAdaptive(
  params: ModelParameters,
  model: CompiledModel,
  seed: number,
  outputs: ReplicationSink,
  onProgress: SimulateOptions['onProgress'],
  signal: AbortSignal | undefined,
): Promise<void> {
  const total = outputs.length;
  const threads = Math.min(total, platform.parallelism());
  const startMs = measuredWorkerStartMs ?? DEFAULT_WORKER_START_MS;
  let done = 0;
  const runHere = (r: number): number => {
    signal?.throwIfAborted();
    const t0 = performance.now();
    outputs.put(r, runReplication(model, seed, r));
    const ms = performance.now() - t0;
    onProgress?.(++done, total);
    return ms;
  };
  let ms = runHere(0);
  let next = 1;
  if (threads > 1 && next < total && ms < startMs) ms = runHere(next++);
  const extra = workersWorthStarting(total - next, ms, threads, startMs);
  if (extra === 0) {
    for (; next < total; next++) runHere(next);
    return;
  }
  if (platform.sharedMemory()) {
    await runShared(params, model, seed, outputs, next, extra, () => onProgress?.(++done, total), signal);
    return;
  }
  // No shared counter: the rest on workers, in contiguous chunks or batches (this thread only waits).
  await runOnWorkers(params, seed, { from: next, to: total }, extra + 1, outputs, () => onProgress?.(++done, total), signal);
}

/**
 * Replications `first`..total-1 shared between this thread and `workers` worker threads, each claiming
 * the next index from a shared counter, so a worker that starts late simply runs fewer.
 */
export async function runShared(
  params: ModelParameters,
  model: CompiledModel,
  seed: number,
  into: ReplicationSeries[] | ReplicationSink,
  first: number,
  workers: number,
  progress: () => void,
  signal?: AbortSignal,
): Promise<void> {
  const outputs = Array.isArray(into) ? arraySink(into) : into;
  const total = outputs.length;
  const next = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const counter = new Int32Array(next);
  Atomics.store(counter, 0, first);
  let filled = first;
  let failure: Error | undefined;
  let finish: (() => void) | undefined;
  let abort: ((error: Error) => void) | undefined;
  const allFilled = new Promise<void>((resolve, reject) => {
    finish = resolve;
    abort = reject;
  });
  // Nothing awaits allFilled until this thread has run its share; a failure before then is seen in the loop.
  allFilled.catch(() => undefined);
  const stored = (): void => {
    filled++;
    progress();
    if (filled === total) finish!();
  };
  const threads: Thread[] = [];
  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    abort!(error);
  };
  const onAbort = (): void => fail(abortReason(signal!));
  signal?.addEventListener('abort', onAbort);
  try {
    signal?.throwIfAborted();
    for (let w = 0; w < workers; w++) {
      const task: SharedTask = { params, seed, total, next };
      const startedAt = performance.now();
      let current: number | undefined;
      let finished = false;
      try {
        threads.push(
          platform.startThread(task, {
            message(msg: WorkerMessage) {
              if (msg.type === 'ready') {
                measuredWorkerStartMs = performance.now() - startedAt;
              } else if (msg.type === 'replication') {
                current = msg.replication;
                outputs.put(msg.replication, unpackReplication(msg));
                stored();
              } else if (msg.type === 'done') {
                finished = true;
              } else {
                const error = new Error(msg.message);
                if (msg.stack !== undefined) error.stack = msg.stack;
                const where = msg.replication === undefined ? '' : ` in replication ${msg.replication}`;
                fail(new Error(`simulate: a worker failed${where}: ${msg.message}`, { cause: error }));
              }
            },
            error: (error) => fail(new Error(`simulate: a worker failed: ${error.message}`, { cause: error })),
            exit(code) {
              if (!finished && filled < total) {
                const after = current === undefined ? '' : ` after replication ${current}`;
                fail(new Error(`simulate: a worker exited with code ${code}${after} before finishing`));
              }
            },
          }),
        );
      } catch (error) {
        throw new Error(`simulate: could not start a worker: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    for (let r = Atomics.add(counter, 0, 1); r < total && !failure; r = Atomics.add(counter, 0, 1)) {
      outputs.put(r, runReplication(model, seed, r));
      stored();
      // Let the workers' finished replications in, so progress keeps up and their buffers are freed.
      await platform.yieldToEvents();
    }
    if (failure) throw failure;
    await allFilled;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const t of threads) t.terminate();
  }
}

/** The signal's reason as an Error (an AbortError DOMException unless the caller gave another). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}

/**
 * Replications [range.from, range.to) on `workers` workers. Workers that start afresh for a task
 * (worker threads) run one contiguous chunk each; kept workers (Web Workers) take batches as they
 * finish their last (guidedBatches), so the slower worker runs fewer and both finish together.
 */
function runOnWorkers(
  params: ModelParameters,
  seed: number,
  range: ReplicationChunk,
  workers: number,
  outputs: ReplicationSink,
  onProgress: SimulateOptions['onProgress'],
  signal: AbortSignal | undefined,
): Promise<void> {
  const total = outputs.length;
  const nextBatch = platform.keepsThreads === true ? guidedBatches(range.from, range.to, workers) : listed(splitReplications(range.to - range.from, workers), range.from);
  return new Promise<void>((resolve, reject) => {
    const threads = new Set<Thread>();
    let done = 0;
    let settled = false;
    const stopAll = (): void => {
      signal?.removeEventListener('abort', onAbort);
      for (const t of threads) t.terminate();
      threads.clear();
    };
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      stopAll();
      reject(abortReason(signal!));
    };
    const fail = (chunk: ReplicationChunk, error: unknown, replication?: number): void => {
      if (settled) return;
      settled = true;
      stopAll();
      const where = replication === undefined ? '' : ` in replication ${replication}`;
      const message = error instanceof Error ? error.message : String(error);
      reject(
        new Error(`simulate: worker for replications ${chunk.from}-${chunk.to - 1} failed${where}: ${message}`, {
          cause: error,
        }),
      );
    };
    /** Starts a worker on the next batch; false when none is left. */
    const startNext = (): boolean => {
      const chunk = nextBatch();
      if (chunk === undefined) return false;
      const task: ChunkTask = { params, seed, from: chunk.from, to: chunk.to };
      let chunkDone = false;
      let thread: Thread | undefined;
      try {
        thread = platform.startThread(task, {
          message(msg: WorkerMessage) {
            if (settled) return;
            if (msg.type === 'replication') {
              outputs.put(msg.replication, unpackReplication(msg));
              done++;
              try {
                onProgress?.(done, total);
              } catch (error) {
                fail(chunk, error, msg.replication);
              }
            } else if (msg.type === 'ready') {
              return;
            } else if (msg.type === 'done') {
              chunkDone = true;
              threads.delete(thread!);
              // A kept worker goes back to the platform and (being the last returned) takes the next batch.
              thread!.terminate();
              if (!startNext() && threads.size === 0) {
                settled = true;
                signal?.removeEventListener('abort', onAbort);
                resolve();
              }
            } else {
              const error = new Error(msg.message);
              if (msg.stack !== undefined) error.stack = msg.stack;
              fail(chunk, error, msg.replication);
            }
          },
          error: (error) => fail(chunk, error),
          exit(code) {
            if (!chunkDone) fail(chunk, new Error(`worker exited with code ${code} before finishing`));
          },
        });
      } catch (error) {
        fail(chunk, error);
        return true;
      }
      threads.add(thread);
      return true;
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort);
    for (let w = 0; w < workers && !settled; w++) if (!startNext()) break;
  });
}

/** The chunks one after another, each offset by `offset`. */
function listed(chunks: readonly ReplicationChunk[], offset: number): () => ReplicationChunk | undefined {
  let i = 0;
  return () => {
    const c = chunks[i++];
    return c && { from: c.from + offset, to: c.to + offset };
  };
}

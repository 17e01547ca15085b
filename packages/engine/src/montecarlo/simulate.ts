import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ModelParameters } from '../model/parameters.js';
import { assembleRun, type ReplicationSeries } from './assemble.js';
import { splitReplications, type ReplicationChunk } from './chunks.js';
import { compileModel, runReplication } from './model-api.js';
import type { SimulateOptions, SimulationRun } from './types.js';
import type { CompiledModel } from '../model/compiled-model.js';
import type { ChunkTask, SharedTask, WorkerMessage } from './worker-protocol.js';
import { unpackReplication } from './worker-protocol.js';
import { workerScriptUrl } from './worker-url.js';
import { DEFAULT_WORKER_START_MS, workersWorthStarting } from './worker-plan.js';

/**
 * Runs `replications` independent replications of the model and gathers their monthly series in
 * replication order; streams depend only on (seed, purpose, replication), so the run is byte-identical
 * whatever the number of workers. With `workers` unset, the main thread runs replications itself and
 * starts worker threads only when the work it measures on the first replications is worth their
 * start-up (see worker-plan.ts); the threads then claim replications one at a time from a shared
 * counter. Workers run the built dist/montecarlo/worker.js, also when this module runs from TypeScript
 * sources (see worker-url.ts).
 */
export async function simulate(params: ModelParameters, options: SimulateOptions): Promise<SimulationRun> {
  const { seed, replications, workers } = options;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`simulate: replications must be a whole number >= 1, got ${replications}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`simulate: seed must be a finite number, got ${seed}`);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
    throw new RangeError(`simulate: workers must be a whole number >= 1, got ${workers}`);
  }
  // Compiling here validates the parameters (ParameterError reaches the caller unchanged) and
  // collects the warnings once, whatever the number of workers.
  const model = compileModel(params);
  const outputs: ReplicationSeries[] = new Array<ReplicationSeries>(replications);
  if (workers === 1) {
    for (let r = 0; r < replications; r++) {
      outputs[r] = runReplication(model, seed, r);
      options.onProgress?.(r + 1, replications);
    }
  } else if (workers !== undefined) {
    await runOnWorkers(params, seed, splitReplications(replications, workers), outputs, options.onProgress);
  } else {
    await runAdaptive(params, model, seed, outputs, options.onProgress);
  }
  return assembleRun(outputs, seed, [...model.warnings]);
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
  outputs: ReplicationSeries[],
  onProgress: SimulateOptions['onProgress'],
): Promise<void> {
  const total = outputs.length;
  const threads = Math.min(total, availableParallelism());
  const startMs = measuredWorkerStartMs ?? DEFAULT_WORKER_START_MS;
  let done = 0;
  const runHere = (r: number): number => {
    const t0 = performance.now();
    outputs[r] = runReplication(model, seed, r);
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
  await runShared(params, model, seed, outputs, next, extra, () => onProgress?.(++done, total));
}

/**
 * Replications `first`..total-1 shared between this thread and `workers` worker threads, each claiming
 * the next index from a shared counter, so a worker that starts late simply runs fewer.
 */
export async function runShared(
  params: ModelParameters,
  model: CompiledModel,
  seed: number,
  outputs: ReplicationSeries[],
  first: number,
  workers: number,
  progress: () => void,
): Promise<void> {
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
  const threads: Worker[] = [];
  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    abort!(error);
  };
  try {
    for (let w = 0; w < workers; w++) {
      const task: SharedTask = { params, seed, total, next };
      const startedAt = performance.now();
      let worker: Worker;
      try {
        worker = new Worker(workerScriptUrl(), { workerData: task, execArgv: workerExecArgv() });
      } catch (error) {
        throw new Error(`simulate: could not start a worker: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      threads.push(worker);
      let current: number | undefined;
      let finished = false;
      worker.on('message', (msg: WorkerMessage) => {
        if (msg.type === 'ready') {
          measuredWorkerStartMs = performance.now() - startedAt;
        } else if (msg.type === 'replication') {
          current = msg.replication;
          outputs[msg.replication] = unpackReplication(msg);
          stored();
        } else if (msg.type === 'done') {
          finished = true;
        } else {
          const error = new Error(msg.message);
          if (msg.stack !== undefined) error.stack = msg.stack;
          const where = msg.replication === undefined ? '' : ` in replication ${msg.replication}`;
          fail(new Error(`simulate: a worker failed${where}: ${msg.message}`, { cause: error }));
        }
      });
      worker.on('error', (error) => fail(new Error(`simulate: a worker failed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => {
        if (!finished && filled < total) {
          const after = current === undefined ? '' : ` after replication ${current}`;
          fail(new Error(`simulate: a worker exited with code ${code}${after} before finishing`));
        }
      });
    }
    for (let r = Atomics.add(counter, 0, 1); r < total && !failure; r = Atomics.add(counter, 0, 1)) {
      outputs[r] = runReplication(model, seed, r);
      stored();
      // Let the workers' finished replications in, so progress keeps up and their buffers are freed.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (failure) throw failure;
    await allFilled;
  } finally {
    for (const t of threads) void t.terminate();
  }
}

/**
 * Node options for workers: the parent's, without module loaders and preloads (`--import`, `--loader`,
 * `--require`). The worker script is plain built JavaScript; a TypeScript loader such as tsx, inherited
 * by default, would re-transform every module in every worker, slowing start-up by seconds and the
 * model's hot loops severalfold. Other options (e.g. --max-old-space-size) are kept.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.split('=')[0]!;
    if (['--import', '--loader', '--experimental-loader', '--require', '-r'].includes(name)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

function runOnWorkers(
  params: ModelParameters,
  seed: number,
  chunks: ReplicationChunk[],
  outputs: ReplicationSeries[],
  onProgress: SimulateOptions['onProgress'],
): Promise<void> {
  const total = outputs.length;
  const script = workerScriptUrl();
  return new Promise<void>((resolve, reject) => {
    const threads: Worker[] = [];
    let done = 0;
    let finishedChunks = 0;
    let settled = false;
    const fail = (chunk: ReplicationChunk, error: unknown, replication?: number): void => {
      if (settled) return;
      settled = true;
      for (const t of threads) void t.terminate();
      const where = replication === undefined ? '' : ` in replication ${replication}`;
      const message = error instanceof Error ? error.message : String(error);
      reject(
        new Error(`simulate: worker for replications ${chunk.from}-${chunk.to - 1} failed${where}: ${message}`, {
          cause: error,
        }),
      );
    };
    for (const chunk of chunks) {
      const task: ChunkTask = { params, seed, from: chunk.from, to: chunk.to };
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: task, execArgv: workerExecArgv() });
      } catch (error) {
        fail(chunk, error);
        return;
      }
      threads.push(worker);
      let chunkDone = false;
      worker.on('message', (msg: WorkerMessage) => {
        if (settled) return;
        if (msg.type === 'replication') {
          outputs[msg.replication] = unpackReplication(msg);
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
          finishedChunks++;
          void worker.terminate();
          if (finishedChunks === chunks.length) {
            settled = true;
            resolve();
          }
        } else {
          const error = new Error(msg.message);
          if (msg.stack !== undefined) error.stack = msg.stack;
          fail(chunk, error, msg.replication);
        }
      });
      worker.on('error', (error) => fail(chunk, error));
      worker.on('exit', (code) => {
        if (!chunkDone) fail(chunk, new Error(`worker exited with code ${code} before finishing`));
      });
    }
  });
}

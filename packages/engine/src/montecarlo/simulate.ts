import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ModelParameters } from '../model/parameters.js';
import { assembleRun, type ReplicationSeries } from './assemble.js';
import { splitReplications, type ReplicationChunk } from './chunks.js';
import { compileModel, runReplication } from './model-api.js';
import type { SimulateOptions, SimulationRun } from './types.js';
import type { WorkerMessage, WorkerTask } from './worker-protocol.js';
import { unpackReplication } from './worker-protocol.js';
import { workerScriptUrl } from './worker-url.js';

/**
 * Runs `replications` independent replications of the model on worker threads and gathers their
 * monthly series in replication order; streams depend only on (seed, purpose, replication), so the
 * run is byte-identical whatever the number of workers. Workers run the built
 * dist/montecarlo/worker.js, also when this module runs from TypeScript sources (see worker-url.ts).
 */
export async function simulate(params: ModelParameters, options: SimulateOptions): Promise<SimulationRun> {
  const { seed, replications } = options;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`simulate: replications must be a whole number >= 1, got ${replications}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`simulate: seed must be a finite number, got ${seed}`);
  const workers = options.workers ?? Math.min(replications, availableParallelism());
  if (!Number.isInteger(workers) || workers < 1) {
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
  } else {
    await runOnWorkers(params, seed, splitReplications(replications, workers), outputs, options.onProgress);
  }
  return assembleRun(outputs, seed, [...model.warnings]);
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
      const task: WorkerTask = { params, seed, from: chunk.from, to: chunk.to };
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

// Monte Carlo's platform under Node: worker threads running dist/montecarlo/worker.js.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker as WorkerThread } from 'node:worker_threads';
import type { ThreadPlatform } from './platform.js';
import { workerScriptUrl } from './worker-url.js';

/**
 * Node options for workers: the parent's, without module loaders and preloads (`--import`, `--loader`,
 * `--require`). The worker script is plain built JavaScript; a TypeScript loader such as tsx, inherited
 * by default, would re-transform every module in every worker, slowing start-up by seconds and the
 * model's hot loops severalfold. Other options are kept; V8's (e.g. --max-old-space-size) Node refuses
 * per worker (`startThread` then starts workers without options: V8's hold for the whole process).
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

// Node's worker_threads module loads with the first thread, not with the engine: a command that only
// checks a scenario (`carecast validate`) never starts one (about 4 ms of CPU; session 15, cli README).
const require = createRequire(import.meta.url);

/** Whether Node refused the parent's options for a worker (`node --max-old-space-size=8192 carecast run`). */
let optionsRefused = false;

/**
 * A worker with `workerExecArgv()`, or with no options once Node has refused them: a V8 option such as
 * --max-old-space-size or --stack-size is the process's, so the workers have it already (their heap
 * limit is the parent's), but Node refuses it in a worker's options (ERR_WORKER_INVALID_EXEC_ARGV).
 */
function newWorker(Worker: typeof WorkerThread, task: unknown): WorkerThread {
  if (!optionsRefused) {
    try {
      return new Worker(workerScriptUrl(), { workerData: task, execArgv: workerExecArgv() });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
      optionsRefused = true;
    }
  }
  return new Worker(workerScriptUrl(), { workerData: task, execArgv: [] });
}

export const platform: ThreadPlatform = {
  parallelism: () => availableParallelism(),
  sharedMemory: () => true,
  startThread(task, events) {
    const { Worker } = require('node:worker_threads') as { Worker: typeof WorkerThread };
    const worker = newWorker(Worker, task);
    worker.on('message', events.message);
    worker.on('error', events.error);
    worker.on('exit', events.exit);
    return { terminate: () => void worker.terminate() };
  },
  yieldToEvents: () => new Promise<void>((resolve) => setImmediate(resolve)),
};

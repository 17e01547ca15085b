// Monte Carlo's platform in a browser: Web Workers running web-worker.js, kept between runs. Typed
// without the DOM library, which the engine does not compile against: only the members used here are
// declared.
import type { ModelParameters } from '../model/parameters.js';
import type { Thread, ThreadEvents, ThreadPlatform } from './platform.js';
import type { WorkerMessage, WorkerTask } from './worker-protocol.js';
import { holdSet, type WebWorkerRequest } from './web-worker-protocol.js';
import { startWebWorker } from './web-worker-start.js';

/** The members of a browser `Worker` that Monte Carlo uses. */
export interface WebWorker {
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
  onmessageerror: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

interface BrowserGlobals {
  navigator?: { hardwareConcurrency?: number };
  crossOriginIsolated?: boolean;
  SharedArrayBuffer?: unknown;
  performance?: { mark?(name: string): unknown };
}

const browser = globalThis as unknown as BrowserGlobals;

/** A started Web Worker and the parameter sets it holds (the worker's own record follows the same rule, holdSet). */
interface KeptWorker {
  worker: WebWorker;
  held: Map<number, true>;
}

/**
 * Idle workers, kept between runs: starting one costs loading and parsing the engine's code, and its
 * first replications run on a cold JIT; a kept one starts its next task at once, on a warm JIT, with
 * the model it already built when the parameters are the same.
 */
const idle: KeptWorker[] = [];

/** Parameter sets by identity: the same object is the same set (a worker holding it gets no copy). */
const paramIds = new WeakMap<object, number>();
let lastParamsId = 0;
const idOf = (params: ModelParameters): number => {
  let id = paramIds.get(params);
  if (id === undefined) paramIds.set(params, (id = ++lastParamsId));
  return id;
};

/** Marks the page's performance timeline (the explorer's timings and a browser's profiler show them). */
const mark = (name: string): void => void browser.performance?.mark?.(`carecast:${name}`);

function started(): KeptWorker {
  mark('worker-start');
  return { worker: startWebWorker(), held: new Map() };
}

function post(kept: KeptWorker, message: WebWorkerRequest): void {
  kept.worker.postMessage(message);
}

function startThread(task: WorkerTask, events: ThreadEvents): Thread {
  const kept = idle.pop() ?? started();
  const { worker } = kept;
  const id = idOf(task.params);
  let finished = false;
  let ended = false;
  worker.onmessage = (event) => {
    if (ended) return;
    if (event.data.type === 'done') finished = true;
    if (event.data.type === 'ready') mark('worker-ready');
    events.message(event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    if (!ended) events.error(new Error(event.message || 'the worker script could not be loaded or threw'));
  };
  worker.onmessageerror = () => {
    if (!ended) events.error(new Error('a message from the worker could not be read'));
  };
  const { params, ...rest } = task;
  post(kept, { type: 'task', paramsId: id, task: kept.held.has(id) ? rest : { ...rest, params } });
  holdSet(kept.held, id, true);
  return {
    terminate() {
      if (ended) return;
      ended = true;
      worker.onmessage = null;
      worker.onerror = null;
      worker.onmessageerror = null;
      // A worker that finished its task waits for the next; one stopped mid-task (cancel, failure) is
      // ended, and a fresh one takes its place.
      if (finished) idle.push(kept);
      else {
        worker.terminate();
        idle.push(started());
      }
    },
  };
}

export const platform: ThreadPlatform = {
  parallelism: () => Math.max(1, browser.navigator?.hardwareConcurrency ?? 1),
  sharedMemory: () => browser.crossOriginIsolated === true && typeof browser.SharedArrayBuffer === 'function',
  keepsThreads: true,
  pageThread: true,
  startThread,
  yieldToEvents: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  prepare(workers, params) {
    while (idle.length < workers) idle.push(started());
    if (params === undefined) return;
    const id = idOf(params);
    for (const kept of idle.slice(-workers)) {
      post(kept, kept.held.has(id) ? { type: 'prepare', paramsId: id } : { type: 'prepare', paramsId: id, params });
      holdSet(kept.held, id, true);
    }
  },
};

import type { ModelParameters } from '../model/parameters.js';
import type { WorkerMessage, WorkerTask } from './worker-protocol.js';

/** What `simulate` hears from one worker. */
export interface ThreadEvents {
  message(msg: WorkerMessage): void;
  /** The worker's script failed outside the task (it could not load, or threw uncaught). */
  error(error: Error): void;
  /** The worker stopped (Node only; a Web Worker never reports its end). */
  exit(code: number): void;
}

/** A started worker. */
export interface Thread {
  /** Ends the worker's part: a worker that has posted `done` may be kept for the next run; any other is stopped. */
  terminate(): void;
}

/**
 * The one place where Monte Carlo meets the platform: worker threads under Node (platform-node.ts),
 * Web Workers in a browser (platform-web.ts). The package's `#platform` import picks one by export
 * condition (`browser` or the default); everything else in the engine is the same code on both.
 */
export interface ThreadPlatform {
  /** Logical processors this machine runs at once. */
  parallelism(): number;
  /**
   * Whether threads can share a replication counter (SharedArrayBuffer and Atomics): always under Node,
   * in a browser only on a cross-origin-isolated page. Without it, workers run contiguous chunks.
   */
  sharedMemory(): boolean;
  /**
   * Whether a worker whose task is done is kept for the next task (Web Workers): a run then hands its
   * replications out in batches as workers finish. Worker threads start afresh for each task.
   */
  keepsThreads?: boolean;
  /**
   * Whether this thread is a page's (a browser): a run asked for one worker then takes one Web Worker
   * instead of running on this thread, which would freeze the page, show no progress and not be
   * cancelled before its end (session 15). Under Node one worker means this thread.
   */
  pageThread?: boolean;
  /** Starts a worker that runs `task` and posts WorkerMessages; throws if it cannot start. */
  startThread(task: WorkerTask, events: ThreadEvents): Thread;
  /** Resolves after pending worker messages have been delivered. */
  yieldToEvents(): Promise<void>;
  /**
   * Starts `workers` workers ahead of a run and keeps them, building the model of `params` in each if
   * given, so the run does not wait for them (Web Workers only; worker threads start with their run).
   */
  prepare?(workers: number, params?: ModelParameters): void;
}

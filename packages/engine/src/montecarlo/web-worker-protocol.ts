import type { ModelParameters } from '../model/parameters.js';
import type { WorkerTask } from './worker-protocol.js';

// What the page posts to a kept Web Worker (platform-web.ts keeps them between runs): a task, or the
// parameters to build the model from ahead of the run. Parameters cross once per worker: each set is
// numbered on the page (`paramsId`), and a task for the set a worker already holds carries no parameters.

/** Build the model of set `paramsId` now (before a run); `params` is absent when the worker holds that set already. */
export interface PrepareMessage {
  type: 'prepare';
  paramsId: number;
  params?: ModelParameters;
}

/** Run `task` on set `paramsId`; `task.params` is absent when the worker holds that set already. */
export interface TaskMessage {
  type: 'task';
  paramsId: number;
  task: Omit<WorkerTask, 'params'> & { params?: ModelParameters };
}

export type WebWorkerRequest = PrepareMessage | TaskMessage;

/** Parameter sets a worker keeps: the two scenarios of a comparison. */
export const HELD_SETS = 2;

/**
 * Marks set `id` as just used in what a worker holds (adding `value` when it is not held), forgetting
 * the least recently used beyond HELD_SETS. The page applies the same rule to its record of each worker
 * (ids only) for every message it posts, and the worker for every message it takes, so the page knows
 * which sets a worker holds.
 */
export function holdSet<T>(held: Map<number, T>, id: number, value: T): void {
  const kept = held.has(id) ? held.get(id)! : value;
  held.delete(id);
  held.set(id, kept);
  for (const oldest of held.keys()) {
    if (held.size <= HELD_SETS) break;
    held.delete(oldest);
  }
}

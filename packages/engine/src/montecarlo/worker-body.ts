// What every Monte Carlo worker does, on either platform: builds the model from the parameters (or takes
// the one it holds) and runs either a contiguous chunk of replications or, in a shared run, the indices
// it claims from a counter shared with the other threads; it posts each replication as soon as it is
// done, for progress reporting.
import type { CompiledModel } from '../model/compiled-model.js';
import { compileModel, runReplication } from './model-api.js';
import { packReplication, type WorkerMessage, type WorkerTask } from './worker-protocol.js';

/** Posts a message to the thread that started this worker, transferring `transfer`. */
export type PostMessage = (msg: WorkerMessage, transfer?: ArrayBuffer[]) => void;

/**
 * Runs `task`, posting ready, one message per replication, then done (or error). Never throws.
 * `model` gives the task's model (by default built from `task.params`; a kept Web Worker reuses its own).
 */
export function runWorkerTask(task: WorkerTask, post: PostMessage, model: () => CompiledModel = () => compileModel(task.params)): void {
  let current: number | undefined;
  try {
    const compiled = model();
    post({ type: 'ready' });
    const run = (r: number): void => {
      current = r;
      const msg = packReplication(r, runReplication(compiled, task.seed, r));
      post(msg, [msg.values.buffer as ArrayBuffer]);
    };
    if ('next' in task) {
      const next = new Int32Array(task.next);
      for (let r = Atomics.add(next, 0, 1); r < task.total; r = Atomics.add(next, 0, 1)) run(r);
    } else {
      for (let r = task.from; r < task.to; r++) run(r);
    }
    post({ type: 'done' });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const msg: WorkerMessage = { type: 'error', message: e.message };
    if (current !== undefined) msg.replication = current;
    if (e.stack !== undefined) msg.stack = e.stack;
    post(msg);
  }
}

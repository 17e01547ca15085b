// Worker thread of `simulate`: builds the model from the parameters and runs either a contiguous chunk
// of replications or, in a shared run, the indices it claims from a counter shared with the other
// threads; it posts each replication as soon as it is done, for progress reporting.
import { parentPort, workerData } from 'node:worker_threads';
import { compileModel, runReplication } from './model-api.js';
import { packReplication, type WorkerMessage, type WorkerTask } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('montecarlo/worker.js must run as a worker thread of simulate()');
const task = workerData as WorkerTask;
let current: number | undefined;
try {
  const model = compileModel(task.params);
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
  const run = (r: number): void => {
    current = r;
    const msg = packReplication(r, runReplication(model, task.seed, r));
    port.postMessage(msg, [msg.values.buffer as ArrayBuffer]);
  };
  if ('next' in task) {
    const next = new Int32Array(task.next);
    for (let r = Atomics.add(next, 0, 1); r < task.total; r = Atomics.add(next, 0, 1)) run(r);
  } else {
    for (let r = task.from; r < task.to; r++) run(r);
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  const msg: WorkerMessage = { type: 'error', message: e.message };
  if (current !== undefined) msg.replication = current;
  if (e.stack !== undefined) msg.stack = e.stack;
  port.postMessage(msg);
}

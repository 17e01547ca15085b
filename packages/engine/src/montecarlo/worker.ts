// Worker thread of `simulate` under Node (see worker-body.ts for what it runs).
import { parentPort, workerData } from 'node:worker_threads';
import { runWorkerTask } from './worker-body.js';
import type { WorkerTask } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('montecarlo/worker.js must run as a worker thread of simulate()');
runWorkerTask(workerData as WorkerTask, (msg, transfer) => port.postMessage(msg, transfer ?? []));

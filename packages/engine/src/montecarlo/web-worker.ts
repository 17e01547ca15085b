// Web Worker of `simulate` in a browser: receives its task as the first message, then runs it (see
// worker-body.ts). Typed without the DOM library, which the engine does not compile against.
import { runWorkerTask } from './worker-body.js';
import type { WorkerTask } from './worker-protocol.js';

interface WorkerScope {
  onmessage: ((event: { data: WorkerTask }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  scope.onmessage = null;
  runWorkerTask(event.data, (msg, transfer) => scope.postMessage(msg, transfer ?? []));
};

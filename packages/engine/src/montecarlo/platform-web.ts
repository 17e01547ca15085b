// Monte Carlo's platform in a browser: Web Workers running web-worker.js. Typed without the DOM
// library, which the engine does not compile against: only the members used here are declared.
import type { ThreadPlatform } from './platform.js';
import type { WorkerMessage } from './worker-protocol.js';
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
}

const browser = globalThis as unknown as BrowserGlobals;

export const platform: ThreadPlatform = {
  parallelism: () => Math.max(1, browser.navigator?.hardwareConcurrency ?? 1),
  sharedMemory: () => browser.crossOriginIsolated === true && typeof browser.SharedArrayBuffer === 'function',
  startThread(task, events) {
    const worker = startWebWorker();
    worker.onmessage = (event) => events.message(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      events.error(new Error(event.message || 'the worker script could not be loaded or threw'));
    };
    worker.onmessageerror = () => events.error(new Error('a message from the worker could not be read'));
    worker.postMessage(task);
    return { terminate: () => worker.terminate() };
  },
  yieldToEvents: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
};

import type { WebWorker } from './platform-web.js';

/**
 * Starts one Web Worker running web-worker.js, as a module worker beside this file: the form that
 * bundlers (Vite, webpack, Parcel) and browsers loading the modules as they are all understand. An app
 * that needs its workers inline (one self-contained HTML file) replaces this module in its bundler
 * (e.g. a Vite alias to a module using `?worker&inline`), with the same export.
 */
export function startWebWorker(): WebWorker {
  const Ctor = (globalThis as unknown as { Worker: new (url: URL, options: { type: 'module' }) => WebWorker }).Worker;
  return new Ctor(new URL('./web-worker.js', import.meta.url), { type: 'module' });
}

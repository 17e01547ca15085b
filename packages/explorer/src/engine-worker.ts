// Stands in for @carecast/engine's montecarlo/web-worker-start.js in the explorer's bundle (a Vite
// alias, see vite.config.ts): the engine's Web Worker script is bundled into the page and started from
// a blob: URL, so the workers run from one self-contained HTML file as well as from a static host.
import EngineWorker from 'engine-web-worker-script?worker&inline';

export function startWebWorker(): Worker {
  return new EngineWorker();
}

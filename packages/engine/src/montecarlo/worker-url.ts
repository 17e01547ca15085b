/**
 * The worker script's URL. Built code (dist/montecarlo/*.js) finds worker.js beside itself. When this
 * module runs as TypeScript source (vitest, tsx), Node cannot start a .ts worker without a loader, so
 * the package's built dist/montecarlo/worker.js is used: build the engine (`pnpm build`, as the README's
 * test command does) before tests that use more than one worker, or they run stale code.
 */
export function workerScriptUrl(moduleUrl: string = import.meta.url): URL {
  if (moduleUrl.endsWith('.ts')) return new URL('../../dist/montecarlo/worker.js', moduleUrl);
  return new URL('./worker.js', moduleUrl);
}

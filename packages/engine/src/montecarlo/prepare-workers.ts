import { platform } from '#platform';
import type { ModelParameters } from '../model/parameters.js';

/**
 * Gets `workers` workers ready before `simulate` needs them: in a browser, Web Workers are started now
 * and kept between runs, and with `params` each builds that scenario's model ahead of the run (a page
 * calls it when a scenario opens or settles). Under Node it does nothing: worker threads start with
 * their run. Results never depend on it.
 */
export function prepareWorkers(workers: number, params?: ModelParameters): void {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`prepareWorkers: workers must be a whole number >= 1, got ${workers}`);
  platform.prepare?.(workers, params);
}

import type { ModelParameters } from '../model/parameters.js';

/**
 * Warnings for what the expected-value projection of `params` leaves out of what the simulation
 * models. None today: duration caps, the last such item, act in the projection (`duration-caps.ts`).
 * Kept so that `carecast run --mode expected-value` prints whatever a future gap adds here.
 */
export function expectedValueWarnings(params: ModelParameters): string[] {
  void params;
  return [];
}

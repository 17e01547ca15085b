import type { ModelParameters } from '../model/parameters.js';

/**
 * Warnings for what the expected-value projection of `params` leaves out: each duration cap
 * (`duration-cap` modifier). It acts on days in the category, a clock the projection does not carry,
 * so the projection is as if the cap were absent; only Monte Carlo runs show its effect.
 */
export function expectedValueWarnings(params: ModelParameters): string[] {
  const warnings: string[] = [];
  for (const m of params.modifiers ?? []) {
    if (m.kind !== 'duration-cap') continue;
    warnings.push(
      `expected-value mode does not model duration caps: the cap on ${m.category} after ${m.afterDays} days is ignored ` +
        '(figures as if it were absent); run Monte Carlo (--mode monte-carlo) for its effect',
    );
  }
  return warnings;
}

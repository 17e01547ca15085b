import type { SeriesRow } from '../results/types.js';
import { compileModel } from '../model/compile/compile-model.js';
import { projectCompiledModel } from './projection.js';
import { singleRunRows } from './rows.js';
import type { ModelParameters } from '../model/parameters.js';

/** Options of `projectExpected`. */
export interface ExpectedValueOptions {
  /**
   * true (default): capacity, fallbacks, matching and waiting act through the supply-aware
   * approximation (README); false: no capacity, every child in its preferred category.
   */
  supply?: boolean;
}

/**
 * Expected numbers of the same parameters by a deterministic Markov cohort projection: by default
 * supply-aware (capacity-limited categories take the share of requests a stationary birth-death chain
 * with the simulation's matching rule takes at the projected occupancy; the rest goes down the
 * provider and fallback orders), with `supply: false` without capacity (the method of the sector's
 * existing models). Rows as `summarise` writes them: the projection has no range of outcomes, so every
 * quantile and interval bound equals the mean (`carecast run --mode expected-value` prints the mean
 * only and says so). Validates the parameters as `simulate` does (throws ParameterError).
 */
export function projectExpected(params: ModelParameters, options: ExpectedValueOptions = {}): SeriesRow[] {
  const model = compileModel(params);
  return singleRunRows(projectCompiledModel(model, { supply: options.supply !== false }));
}

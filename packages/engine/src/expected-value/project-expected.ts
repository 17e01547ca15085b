import { assembleRun } from '../montecarlo/assemble.js';
import { summarise } from '../results/summarise.js';
import type { SeriesRow } from '../results/types.js';
import { compileModel } from '../model/compile/compile-model.js';
import { projectCompiledModel } from './projection.js';
import type { ModelParameters } from '../model/parameters.js';

/**
 * Expected numbers by a deterministic daily Markov cohort projection of the same parameters without
 * capacity (every child in its preferred category), the method of the sector's existing models: rows
 * as `summarise` writes them, with every quantile and interval bound equal to the mean. Validates the
 * parameters as `simulate` does (throws ParameterError).
 */
export function projectExpected(params: ModelParameters): SeriesRow[] {
  const model = compileModel(params);
  return summarise(assembleRun([projectCompiledModel(model)], 0, model.warnings));
}

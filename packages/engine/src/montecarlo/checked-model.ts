import type { CompiledModel } from '../model/compiled-model.js';
import type { ModelParameters } from '../model/parameters.js';
import { compileModel } from './model-api.js';

/** The last parameters compiled on this thread: the same object, unchanged since (its JSON text), and its model. */
let last: { params: ModelParameters; text: string; model: CompiledModel } | undefined;

/**
 * The model of `params`, compiled (and so checked: ParameterError) on this thread, reused when the
 * same parameters object, unchanged, comes again: a page running a scenario again, or comparing it, does
 * not compile it again before its workers start.
 */
export function checkedModel(params: ModelParameters): CompiledModel {
  const text = JSON.stringify(params);
  if (last?.params === params && last.text === text) return last.model;
  const model = compileModel(params);
  last = { params, text, model };
  return model;
}

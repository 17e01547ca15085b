import { ParameterError, type ModelParameters } from '@carecast/engine';
import { compileModel } from '@carecast/engine/advanced';

/** Runs the engine's validation: warnings, or the ParameterError's path and message. */
export function checkWithEngine(
  params: ModelParameters,
): { ok: true; warnings: string[] } | { ok: false; path: string; message: string } {
  try {
    return { ok: true, warnings: [...compileModel(params).warnings] };
  } catch (err) {
    if (err instanceof ParameterError) return { ok: false, path: err.path, message: err.message };
    throw err;
  }
}

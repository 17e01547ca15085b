import { ParameterError, type ModelParameters } from '@carecast/engine';
import { compileModel, type CompiledModel } from '@carecast/engine/advanced';

/** Runs the engine's validation: warnings and the compiled model, or the ParameterError's path and message. */
export function checkWithEngine(
  params: ModelParameters,
): { ok: true; warnings: string[]; model: CompiledModel } | { ok: false; path: string; message: string } {
  try {
    const model = compileModel(params);
    return { ok: true, warnings: [...model.warnings], model };
  } catch (err) {
    if (err instanceof ParameterError) return { ok: false, path: err.path, message: err.message };
    throw err;
  }
}

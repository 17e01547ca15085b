import * as engine from '@carecast/engine';
import type { ModelParameters } from '@carecast/engine';

interface EngineParameterError extends Error {
  path: string;
}

type CompileModel = (params: ModelParameters) => { warnings: string[] };

/** The engine's own parameter check (compileModel), when this engine build provides it. */
function engineCompileModel(): CompileModel | undefined {
  const f = (engine as Record<string, unknown>)['compileModel'];
  return typeof f === 'function' ? (f as CompileModel) : undefined;
}

/** Runs the engine's validation: warnings, or the ParameterError's path and message. */
export function checkWithEngine(
  params: ModelParameters,
): { ok: true; warnings: string[] } | { ok: false; path: string; message: string } {
  const compile = engineCompileModel();
  if (compile === undefined) return { ok: true, warnings: [] };
  try {
    return { ok: true, warnings: [...compile(params).warnings] };
  } catch (err) {
    const e = err as EngineParameterError;
    if (e instanceof Error && e.name === 'ParameterError' && typeof e.path === 'string') {
      return { ok: false, path: e.path, message: e.message };
    }
    throw err;
  }
}

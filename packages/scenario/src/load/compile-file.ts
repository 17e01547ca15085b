import { ScenarioError, type DocPath, type Issue } from '../errors.js';
import { compileScenario, scenarioPathOf, type CompiledScenario } from '../compile/compile-scenario.js';
import type { ModelParameters } from '@carecast/engine';
import type { CompiledModel } from '@carecast/engine/advanced';
import { checkWithEngine } from '../compile/engine-check.js';
import type { Scenario } from '../scenario.js';
import { questionIssues } from '../questions/check.js';
import { loadScenarioFrom, sortIssues, type LoadedScenario, type ScenarioHost } from './load-scenario.js';

/** A scenario file read, compiled and checked by the engine. */
export interface CompiledScenarioFile extends CompiledScenario {
  /** The file as the user named it. */
  source: string;
  /** Engine warnings (e.g. capacity raised to the initial occupancy). */
  warnings: string[];
  /** Attaches the file, line and column of a scenario path to an issue (for checks made after compiling). */
  place(issue: Issue): Issue;
  /**
   * The engine's model compiled from `params` when the engine check ran (what `compileModel(params)`
   * returns), so a caller running those same parameters need not compile them again; a copy of this
   * object with other `params` keeps the pair, so `checkedModel` gives it only for the same object.
   */
  engineModel?: { params: ModelParameters; model: CompiledModel };
}

/** The engine model compiled when `scenario` was checked, if `params` is the object it was compiled from. */
export function checkedModel(scenario: CompiledScenarioFile, params: ModelParameters): CompiledModel | undefined {
  return scenario.engineModel?.params === params ? scenario.engineModel.model : undefined;
}

function mapPath(loaded: LoadedScenario, path: DocPath): DocPath {
  if (path[0] === 'end' && loaded.scenario.end === undefined) return ['horizon'];
  return path;
}

/**
 * Reads a scenario file from `host` (following `extends`), compiles it and runs the engine's parameter checks. Throws
 * ScenarioError whose issues carry `file:line:col`.
 */
export async function compileScenarioFrom(file: string, host: ScenarioHost, engineCheck = true): Promise<CompiledScenarioFile> {
  return compileLoaded(await loadScenarioFrom(file, host), undefined, engineCheck);
}

/**
 * Compiles a loaded scenario (or `scenario`, a variant of it such as one lever set to another value)
 * and runs the engine's checks (unless `engineCheck` is false); issues are placed in the loaded files.
 */
export function compileLoaded(loaded: LoadedScenario, scenario: Scenario = loaded.scenario, engineCheck = true): CompiledScenarioFile {
  let compiled: CompiledScenario;
  try {
    compiled = compileScenario(scenario);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError(sortIssues(err.issues.map((i) => loaded.place(i))));
    throw err;
  }
  const check = engineCheck ? checkWithEngine(compiled.params) : { ok: true as const, warnings: [] };
  if (!check.ok) {
    const path = mapPath(loaded, scenarioPathOf(compiled, check.path));
    const prefix = `${check.path}: `;
    const message = check.message.startsWith(prefix) ? check.message.slice(prefix.length) : check.message;
    throw new ScenarioError([loaded.place({ path, message })]);
  }
  // The file's questions are checked on the file as written (a variant may leave a lever out).
  const questions = scenario === loaded.scenario ? questionIssues(loaded, compiled.params) : [];
  if (questions.length > 0) throw new ScenarioError(sortIssues(questions));
  const file: CompiledScenarioFile = { ...compiled, source: loaded.file, warnings: check.warnings, place: (issue) => loaded.place(issue) };
  if ('model' in check) file.engineModel = { params: compiled.params, model: check.model };
  return file;
}

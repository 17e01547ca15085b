import { compileScenarioText, ScenarioError, type CompiledScenarioFile, type Issue } from '@carecast/scenario/browser';
import { SHIPPED } from './shipped.js';

/**
 * A scenario open in the page. Shipped scenarios are `scenarios/<name>.yaml` (as the command line names
 * them from the repository's root); a file from disk is its own name. `extends` resolves beside the file,
 * and a name that is not open resolves to the shipped scenario of that name.
 */
export interface OpenFile {
  /** The name shown in messages and written as results.json's scenario.source. */
  shown: string;
  /** Directory the name is relative to (a virtual absolute path). */
  cwd: string;
}

export function shippedFile(name: string): OpenFile {
  return { shown: `scenarios/${name}`, cwd: '/' };
}

/** The shipped scenario's name when `file` is one (shippedFile's), else undefined. */
export function shippedName(file: OpenFile): string | undefined {
  const prefix = 'scenarios/';
  return file.cwd === '/' && file.shown.startsWith(prefix) ? file.shown.slice(prefix.length) : undefined;
}

export function localFile(name: string): OpenFile {
  return { shown: name, cwd: '/local' };
}

/** The result of compiling a text: the scenario, or the issues with file, line and column. */
export type Compiled = { ok: true; scenario: CompiledScenarioFile } | { ok: false; issues: readonly Issue[] };

/**
 * Compiles `text` as the content of `file` (following `extends`), exactly as `carecast run` would.
 * `engineCheck: false` leaves the engine's parameter checks to the caller's next step (the preview's
 * projection makes them while compiling the model it needs), so the model is compiled once. `value`,
 * what `text` parses to (the edited document's `docValue` when the form or a lever's move wrote the
 * text), is compiled instead of parsing the text again, and `text` may then be a function writing it
 * (asked for only by a scenario with issues, or a later compile comparing texts); a scenario with issues
 * is compiled from the text, so its issues carry the text's lines and columns.
 */
export async function compileText(file: OpenFile, text: string | (() => string), engineCheck = true, value?: Record<string, unknown>): Promise<Compiled> {
  // The same text compiles the same way: opening a file compiles it as the baseline and as the scenario.
  if (typeof text === 'string' && isCompiled(file, text, engineCheck)) return last!.result;
  const result = await compileUncached(file, text, engineCheck, value);
  last = { ...file, text, result, engineCheck };
  return result;
}

/**
 * The last compile. Its text may be a function giving it (with `value`: the text written only when
 * asked for, see compileScenarioText), asked for when a later compile compares its text with it.
 */
let last: (OpenFile & { text: string | (() => string); result: Compiled; engineCheck: boolean }) | undefined;

/** Whether compileText(file, text, engineCheck) would return the compile already made (no work). */
export function isCompiled(file: OpenFile, text: string, engineCheck = true): boolean {
  if (last?.shown !== file.shown || last.cwd !== file.cwd || !(last.engineCheck || !engineCheck)) return false;
  return (typeof last.text === 'string' ? last.text : last.text()) === text;
}

async function compileUncached(file: OpenFile, text: string | (() => string), engineCheck: boolean, value: Record<string, unknown> | undefined): Promise<Compiled> {
  const readText = async (path: string): Promise<string> => {
    const shipped = SHIPPED.get(path.slice(path.lastIndexOf('/') + 1));
    if (shipped !== undefined) return shipped;
    throw Object.assign(new Error(`${path}: no such file`), { code: 'ENOENT' });
  };
  try {
    return { ok: true, scenario: await compileScenarioText(file.shown, text, { cwd: file.cwd, readText, engineCheck, ...(value && { value }) }) };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, issues: error.issues };
    return { ok: false, issues: [{ file: file.shown, path: [], message: error instanceof Error ? error.message : String(error) }] };
  }
}

import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { compileScenarioFrom, type CompiledScenarioFile } from './compile-file.js';
import { loadScenarioFrom, NotAScenarioFile, type LoadedScenario, type LoadOptions, type ScenarioHost } from './load-scenario.js';

/** The largest scenario file read: far above any real scenario, small enough to parse quickly. */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/**
 * Reads a scenario as UTF-8, refusing anything but a regular file (a device, a pipe or a socket such as
 * `/dev/stdin` would block or never end) and files over MAX_SCENARIO_BYTES.
 */
async function readRegularFile(abs: string): Promise<string> {
  const st = await stat(abs);
  if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  if (!st.isFile()) throw new NotAScenarioFile('is not a regular file (a device, pipe or socket)');
  if (st.size > MAX_SCENARIO_BYTES) {
    throw new NotAScenarioFile(`is ${(st.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_SCENARIO_BYTES / 1024 / 1024} MB a scenario file may have`);
  }
  return readFile(abs, 'utf8');
}

/** The file system as a scenario host: node:path, the working directory, regular files. */
function nodeHost(options: LoadOptions): ScenarioHost {
  return { readText: options.readText ?? readRegularFile, cwd: options.cwd ?? process.cwd(), resolve, dirname, relative };
}

/**
 * Reads a scenario file, follows `extends` (relative paths, cycles reported), merges and checks the result
 * against the schema. Throws ScenarioError with `file:line:col` on any problem.
 */
export function loadScenario(file: string, options: LoadOptions = {}): Promise<LoadedScenario> {
  return loadScenarioFrom(file, nodeHost(options));
}

/**
 * Reads a scenario file (following `extends`), compiles it and runs the engine's parameter checks. Throws
 * ScenarioError whose issues carry `file:line:col`.
 */
export function compileScenarioFile(file: string, options: LoadOptions = {}): Promise<CompiledScenarioFile> {
  return compileScenarioFrom(file, nodeHost(options));
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileScenarioFile, loadScenario, ScenarioError, type Issue, type LoadOptions } from '../src/index.js';

export const BASELINE_PATH = fileURLToPath(new URL('../../../scenarios/baseline.yaml', import.meta.url));
export const BASELINE_TEXT = readFileSync(BASELINE_PATH, 'utf8');

/** Files held in memory under /v/, so tests touch no disk. */
export function memoryFiles(files: Record<string, string>): LoadOptions {
  return {
    cwd: '/v',
    readText: async (abs: string) => {
      const name = abs.replace(/^\/v\//, '');
      const text = files[name];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${abs}`), { code: 'ENOENT' });
      return text;
    },
  };
}

/** The issues a file set produces, or [] when it compiles. */
export async function issuesOf(files: Record<string, string>, entry = 'x.yaml'): Promise<Issue[]> {
  try {
    await compileScenarioFile(entry, memoryFiles(files));
    return [];
  } catch (err) {
    if (err instanceof ScenarioError) return [...err.issues];
    throw err;
  }
}

/** A scenario extending the baseline, with `body` appended (YAML). */
export function onBaseline(body: string): Record<string, string> {
  return { 'baseline.yaml': BASELINE_TEXT, 'x.yaml': `extends: baseline.yaml\nname: X\n${body}` };
}

export { loadScenario };

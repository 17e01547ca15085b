// @carecast/scenario/browser: scenario files from text, without a file system (the explorer). The same
// loader, checks and compiler as the main entry, which adds reading files from disk; the JSON Schema is
// `@carecast/scenario/schema.json`.
export type { ScenarioFile } from './file/scenario-file.js';
export type { Lever, LeverName } from './file/levers.js';
export { LEVER_NAMES } from './file/levers.js';
export type { Scenario } from './scenario.js';
export { ScenarioError, formatIssue, formatPath, type Issue, type DocPath } from './errors.js';
export { compileScenarioText, type TextOptions } from './load/text-host.js';
export type { CompiledScenarioFile } from './load/compile-file.js';
export { compileScenario, horizonEnd, DEFAULT_REPLICATIONS, DEFAULT_SEED, type CompiledScenario } from './compile/compile-scenario.js';

// What `carecast sweep` and `carecast seek` share in reading their options: the scenario and run options
// with the run-size budget of every value, the lever and value options, and turning a bad question into
// a usage or file error (the command frame around them is question-command.ts).
import { DEFAULT_REPLICATIONS, DEFAULT_SEED, loadScenario, placeQuestionError, QuestionError, type LoadedScenario, type QuestionRunOptions } from '@carecast/scenario';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { intOption, MAX_SEED, MAX_REPLICATIONS, MAX_WORKERS } from './options.js';
import { checkRunBudget } from './run-budget.js';
import type { Args } from './command.js';

/** Options the question commands add to `simulationOptions`. */
export const questionOptions = {
  lever: { type: 'string', requiresArg: true, describe: 'The lever to vary: its label or its position in levers: from 1' },
  setting: { type: 'string', requiresArg: true, describe: 'The lever\'s numeric setting (default: its first, e.g. extraHouseholdsPerYear, beds, by)' },
  from: { type: 'string', requiresArg: true, describe: 'Lowest value, in the setting\'s unit (percentage points for % settings)' },
  to: { type: 'string', requiresArg: true, describe: 'Highest value' },
  step: { type: 'string', requiresArg: true, describe: 'Step between values (default 1)' },
  question: { type: 'string', requiresArg: true, describe: 'Answer the question of this name in the file\'s questions: section (used when no --lever is given)' },
} as const;

/** A number option (`--from 0`), or undefined when not given. */
export function numberOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new UsageError(`--${name}: given more than once; expected one value`);
  const n = typeof value === 'number' ? value : /^\s*[-+]?\d+(\.\d+)?\s*$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${name}: expected a number, got ${JSON.stringify(value)}`);
  return n;
}

/** `0,4,8` -> [0, 4, 8]. */
export function numberList(value: unknown, name: string): number[] {
  const parts = String(value).split(',').map((s) => s.trim());
  return parts.map((p) => {
    if (!/^[-+]?\d+(\.\d+)?$/.test(p)) throw new UsageError(`--${name}: "${p}" is not a number; expected numbers separated by commas, e.g. 0,4,8`);
    return Number(p);
  });
}

/** One or more values of a repeatable option, as given (`--lever A --lever B`). */
export function repeated(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

export interface QuestionContext {
  loaded: LoadedScenario;
  replications: number;
  seed: number;
  options: QuestionRunOptions;
}

/** Reads the scenario and the run options; every value is checked against the run-size budget before it runs. */
export async function questionContext(args: Args, io: CliIO): Promise<QuestionContext> {
  const loaded = await loadScenario(String(args['scenario']), { cwd: io.cwd });
  const replications = intOption(args['replications'], 'replications', 2, MAX_REPLICATIONS);
  const seed = intOption(args['seed'], 'seed', 0, MAX_SEED);
  const workers = intOption(args['workers'], 'workers', 1, MAX_WORKERS);
  const options: QuestionRunOptions = {
    check: (compiled) =>
      checkRunBudget(compiled, {
        replications: replications ?? compiled.replications,
        replicationsFromFlag: replications !== undefined,
        ...(workers !== undefined ? { workers } : {}),
        allowLarge: args['allow-large'] === true,
      }),
  };
  if (replications !== undefined) options.replications = replications;
  if (seed !== undefined) options.seed = seed;
  if (workers !== undefined) options.workers = workers;
  if (io.stderr.isTTY === true) options.onRun = (what) => io.stderr.write(`  running ${what}\n`);
  return { loaded, replications: replications ?? loaded.scenario.replications ?? DEFAULT_REPLICATIONS, seed: seed ?? loaded.scenario.seed ?? DEFAULT_SEED, options };
}

/**
 * Runs `ask`, turning a QuestionError into a usage error naming the option (a question from the
 * command line) or into a `file:line:col` error (question `fileIndex` of the scenario file).
 */
export async function asking<T>(loaded: LoadedScenario, fileIndex: number | undefined, ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (err) {
    if (!(err instanceof QuestionError)) throw err;
    if (fileIndex !== undefined) throw placeQuestionError(loaded, fileIndex, err);
    const flag = err.field === 'measures' ? 'measure' : err.field;
    throw new UsageError(`--${flag}: ${err.message}`);
  }
}

/** `12.3 s`, `2 min 5 s`. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** A number for a table: whole above 100, one decimal below; shares as percentages; money in £. */
export function formatValue(x: number, unit: string): string {
  if (unit === 'share') return `${(x * 100).toFixed(1)}%`;
  if (unit === 'GBP') return `£${(x / 1e6).toFixed(2)}m`;
  const r = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 10) / 10;
  return r.toLocaleString('en-GB');
}

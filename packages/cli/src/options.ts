import { hasParameterUncertainty, withoutParameterUncertainty, type ModelParameters } from '@carecast/engine';
import { compileLoaded, type LoadedScenario, type QuestionRunOptions } from '@carecast/scenario';
import type { UncertaintyKinds } from '@carecast/report';
import { UsageError } from './errors.js';

/** A whole number option within bounds, or undefined when not given; bad values are usage errors. */
export function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** The largest `--seed`: seeds are unsigned 32-bit whole numbers, as the scenario file's `seed`. */
export const MAX_SEED = 4_294_967_295;
/** The most replications `--replications` (and seek's `--max-replications`) may ask for. */
export const MAX_REPLICATIONS = 100_000;
/** The most worker threads `--workers` may ask for. */
export const MAX_WORKERS = 256;

export type Mode = 'monte-carlo' | 'expected-value';

/** Options shared by run and compare. */
export const simulationOptions = {
  // Read as text so a bad value is quoted back as the user typed it.
  replications: { type: 'string', requiresArg: true, describe: 'Monte Carlo replications, a whole number (default: the scenario\'s, else 200)' },
  seed: { type: 'string', requiresArg: true, describe: 'Seed of every random stream, a whole number (default: the scenario\'s, else 1)' },
  workers: { type: 'string', requiresArg: true, describe: 'Worker threads (default: chosen from the run\'s size: one thread for short runs, up to all cores for long ones); results do not depend on it' },
  out: { type: 'string', describe: 'Output directory', default: 'out' },
  json: { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' },
} as const;

/** `--no-parameter-uncertainty`, for the commands that simulate a scenario (run, compare, sweep, seek). */
export const uncertaintyOption = {
  'parameter-uncertainty': {
    type: 'boolean',
    default: true,
    describe:
      'Draw each replication\'s rates from the posteriors the scenario states (calibrated scenarios do), so bands include rate uncertainty; --no-parameter-uncertainty takes the rates as known',
  },
} as const;

/** The scenario as the option asks: without its posteriors under `--no-parameter-uncertainty`. */
export function withUncertaintyOption<T extends { params: ModelParameters }>(scenario: T, args: Record<string, unknown>): T {
  return args['parameter-uncertainty'] === false ? { ...scenario, params: withoutParameterUncertainty(scenario.params) } : scenario;
}

/**
 * Sweep and seek: sets `--no-parameter-uncertainty` on the question's run options and returns what the
 * runs' ranges of outcomes hold (their results.json `uncertainty`, as `assumptions[].uncertainty` of a run).
 */
export function questionUncertainty(loaded: LoadedScenario, options: QuestionRunOptions, args: Record<string, unknown>): UncertaintyKinds {
  if (args['parameter-uncertainty'] === false) {
    options.parameterUncertainty = false;
    return 'children-paths';
  }
  return hasParameterUncertainty(compileLoaded(loaded).params) ? 'children-paths-and-rates' : 'children-paths';
}

/**
 * `--png`: also draw every chart as PNG. Off by default: drawing the charts to PNG costs more CPU than
 * the rest of the report, and the SVG files open in browsers and in Word and PowerPoint (Microsoft 365).
 */
export const pngOption = {
  type: 'boolean',
  default: false,
  describe: 'Also write each chart as PNG (charts/<name>.png), for documents that do not take SVG',
} as const;

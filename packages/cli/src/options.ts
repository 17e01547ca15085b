import { UsageError } from './errors.js';

/** A whole number option within bounds, or undefined when not given; bad values are usage errors. */
export function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

export type Mode = 'monte-carlo' | 'expected-value';

/** Options shared by run and compare. */
export const simulationOptions = {
  replications: { type: 'number', describe: 'Monte Carlo replications (default: the scenario\'s, else 200)' },
  seed: { type: 'number', describe: 'Seed of every random stream (default: the scenario\'s, else 1)' },
  workers: { type: 'number', describe: 'Worker threads (default: all cores); results do not depend on it' },
  out: { type: 'string', describe: 'Output directory', default: 'out' },
  json: { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' },
} as const;

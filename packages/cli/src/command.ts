import type { Argv } from 'yargs';
import type { CliIO } from './io.js';

/** Parsed options of a command: yargs' output. */
export type Args = Record<string, unknown> & { _: (string | number)[] };

/**
 * One `carecast` command: its yargs signature, help and handler. Adding a command is one file in
 * src/commands/ exporting a CliCommand, plus one line in src/commands/index.ts.
 */
export interface CliCommand {
  /** yargs command string, e.g. `run <scenario>`. */
  command: string;
  describe: string;
  /** Declares the positional arguments and options. */
  builder: (yargs: Argv) => Argv;
  /** Example invocations shown by `--help`: [command line, what it does]. */
  examples?: readonly (readonly [string, string])[];
  /** Does the work; returns the exit status. Throw UsageError or ScenarioError for bad input. */
  run: (args: Args, io: CliIO) => Promise<number>;
}

/** A command in the list of commands: its name (the first word of `command`) and its module, loaded on demand. */
export interface CommandEntry {
  name: string;
  load: () => Promise<CliCommand>;
}

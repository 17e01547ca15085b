import type { CliCommand } from '../command.js';
import { compare } from './compare.js';
import { report } from './report.js';
import { run } from './run.js';
import { validate } from './validate.js';
import { calibrate } from './calibrate.js';
import { synth } from './synth.js';
import { backtest } from './backtest.js';
import { explore } from './explore.js';
import { sweep } from './sweep.js';
import { seek } from './seek.js';

/** Every carecast command, in the order `--help` lists them. Add a command here and in its own file. */
export const commands: readonly CliCommand[] = [run, compare, validate, report, calibrate, synth, backtest, explore, sweep, seek];

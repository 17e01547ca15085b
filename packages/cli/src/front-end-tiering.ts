// V8's optimising compiler (TurboFan) held back while a command runs code that runs once: reading and
// checking its inputs (the YAML lexer and parser, the schema validators, the scenario compiler) and,
// after its simulations, writing its results (the summary's files, the report page, Vega's charts, the
// workbook). That code is hot enough for V8 to optimise its busiest functions on background threads,
// and those compiles cost more CPU than the optimised code saves in one pass: a cold parse of
// scenarios/baseline.yaml took 107-119 ms of CPU with TurboFan and 35-54 ms without, `carecast report`
// of a baseline run 1.21-1.37 s with it and 0.95-1.14 s without (session 15, cli README). Sparkplug,
// V8's cheap baseline compiler, still runs. A command whose long work starts at `frontEndDone()` gets
// TurboFan back there, before any simulation, and is held again at `longWorkDone()` (front-end-done.ts);
// validate and report have no long work; every other command (calibrate, backtest, synth, ...) is left
// alone. It changes no output: V8 runs the same JavaScript with or without its optimised code.
//
// V8 keys a code cache (code-cache.ts) to its flags, so each part's cache must be written under the
// flags it is read under: the main part's is read and written while TurboFan is held (bin.ts releases
// it after the code cache's own front-end listener has written that cache), the report part's is read
// after the long work (held again) and written after the command.
import { setFlagsFromString } from 'node:v8';

/** Commands held: each has no long work (validate, report), or says when it starts (compare, whose report reads between its simulations) or when it starts and ends (run, sweep, seek). */
const HELD_COMMANDS: ReadonlySet<string> = new Set(['validate', 'report', 'run', 'compare', 'sweep', 'seek']);

/** Whether the command line `argv` (without `node carecast`) names a command run with TurboFan held back outside its long work. */
export function holdsOptimiser(argv: readonly string[]): boolean {
  return HELD_COMMANDS.has(argv[0] ?? '');
}

/** Sets a V8 flag; false when this Node refuses (its flags frozen): the command then runs as without the hold. */
function setFlag(flag: string): boolean {
  try {
    setFlagsFromString(flag);
    return true;
  } catch {
    return false;
  }
}

/** TurboFan held back for the command `argv` names: `release` gives it back, `hold` holds it again (no-ops when the command is not held). */
export interface OptimiserHold {
  release(): void;
  hold(): void;
}

/** Holds TurboFan back now when `argv` names one of HELD_COMMANDS. */
export function holdOptimiser(argv: readonly string[]): OptimiserHold {
  if (!holdsOptimiser(argv) || !setFlag('--no-turbofan')) return { release: () => {}, hold: () => {} };
  return { release: () => void setFlag('--turbofan'), hold: () => void setFlag('--no-turbofan') };
}

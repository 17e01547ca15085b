// V8's optimising compiler (TurboFan) held back while a command reads and checks its inputs. That
// code (the YAML lexer and parser, the schema validators, the scenario compiler) runs once, briefly,
// yet hot enough for V8 to optimise its busiest functions on a background thread: a cold parse of
// scenarios/baseline.yaml took 92-116 ms of CPU with TurboFan and 35-45 ms without it (session 15,
// cli README), as the optimising compiles cost more than the optimised code saves in one parse.
// Sparkplug, V8's cheap baseline compiler, still runs. A command whose long work starts at
// `frontEndDone()` (front-end-done.ts) gets TurboFan back there, before any simulation; `validate`
// never does any long work; every other command (calibrate, backtest, report, ...) is left alone.
// It changes no output: V8 runs the same JavaScript with or without its optimised code.
//
// V8 keys a code cache (code-cache.ts) to its flags, so a cache must be written under the flags it
// is read under: the main part's is read and written while TurboFan is held back (bin.ts releases it
// after the code cache's own front-end listener has written that cache), the report part's after.
import { setFlagsFromString } from 'node:v8';

/** Commands whose front end is held: each either ends soon after it (validate) or says when it is done (simulateScenario, sweep, seek). */
const HELD_COMMANDS: ReadonlySet<string> = new Set(['validate', 'run', 'compare', 'sweep', 'seek']);

/** Whether the command line `argv` (without `node carecast`) names a command whose front end runs without TurboFan. */
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

/** Holds TurboFan back for the command `argv` names when it is one of HELD_COMMANDS; returns what undoes it (a no-op otherwise). */
export function holdOptimiser(argv: readonly string[]): () => void {
  if (!holdsOptimiser(argv) || !setFlag('--no-turbofan')) return () => {};
  let held = true;
  return () => {
    if (held) held = !setFlag('--turbofan');
  };
}

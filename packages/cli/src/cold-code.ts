import { setFlagsFromString } from 'node:v8';

let depth = 0;

/** Turns V8's optimising compiler (TurboFan) off or back on for code compiled from now on. */
export function optimisingCompiler(on: boolean): void {
  setFlagsFromString(on ? '--turbofan' : '--no-turbofan');
}

/**
 * Runs `work` with V8's optimising compiler off, then turns it back on. For the code a command runs
 * once (loading modules, reading and checking a scenario, writing results and drawing the report):
 * compiling it optimised costs more CPU, on background threads, than it saves in so short a life
 * (about a third of the report's CPU), while the simulation's hot loops, run outside, still get it.
 * Results do not depend on it: only how the same JavaScript is compiled. Nested calls keep it off
 * until the outermost one ends.
 */
export async function coldCode<T>(work: () => Promise<T>): Promise<T> {
  if (depth++ === 0) optimisingCompiler(false);
  try {
    return await work();
  } finally {
    if (--depth === 0) optimisingCompiler(true);
  }
}

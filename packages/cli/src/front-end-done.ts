// The moment a command has read and checked its inputs (arguments, the scenario's YAML, its schema
// check, the model compiled) and is about to start its long work (a simulation). Code run before it
// does not run again, and V8 drops the bytecode of functions that have not run for a few of its full
// garbage collections, which a long simulation makes: so the bundle's code cache (code-cache.ts) is
// written here for the part of the bundle that holds that code, not after the command, when it would
// be gone from it. Outside the bundle (tests, the unbundled modules) nothing listens.

const listeners: (() => void)[] = [];

/** Calls `listener` once, at the first `frontEndDone()` of the process. */
export function whenFrontEndDone(listener: () => void): void {
  listeners.push(listener);
}

/** Says the command's inputs are read and checked and its long work starts now (each listener runs once). */
export function frontEndDone(): void {
  for (const listener of listeners.splice(0)) listener();
}

const longWorkListeners: (() => void)[] = [];

/** Calls `listener` once, at the first `longWorkDone()` of the process. */
export function whenLongWorkDone(listener: () => void): void {
  longWorkListeners.push(listener);
}

/**
 * Says the command's long work (its simulations) is done: what is left (the results' files, the report,
 * its charts, the workbook) runs once (front-end-tiering.ts). Each listener runs once.
 */
export function longWorkDone(): void {
  for (const listener of longWorkListeners.splice(0)) listener();
}

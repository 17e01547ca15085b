#!/usr/bin/env node
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { main as Main } from './main.js';
import type { processIO as ProcessIO } from './io.js';
import type { whenFrontEndDone as WhenFrontEndDone, whenLongWorkDone as WhenLongWorkDone } from './front-end-done.js';
import { holdOptimiser } from './front-end-tiering.js';

// `carecast run ... | head` closes the pipe early: stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

/** Milliseconds since the epoch of a file's last change, or undefined when it does not exist. */
function changedMs(url: URL): number | undefined {
  return statSync(url, { throwIfNoEntry: false })?.mtimeMs;
}

/**
 * The bundle `pnpm build` writes (scripts/bundle.mjs: the modules in one file, which starts several
 * times faster, run from V8's code cache, code-cache.ts), unless a package was compiled again after it
 * (`tsc -b` alone): then the modules themselves, so a stale bundle never runs.
 */
function bundleIsCurrent(bundle: URL): boolean {
  const built = changedMs(bundle);
  if (built === undefined) return false;
  const builds = ['cli', 'engine', 'scenario', 'report', 'data'].map((p) => changedMs(new URL(`../../${p}/tsconfig.tsbuildinfo`, import.meta.url)) ?? 0);
  return Math.max(...builds) <= built;
}

interface Entry {
  main: typeof Main;
  processIO: typeof ProcessIO;
  whenFrontEndDone: typeof WhenFrontEndDone;
  whenLongWorkDone: typeof WhenLongWorkDone;
}

const argv = process.argv.slice(2);
// Before any of the command's code is compiled, and so before its code cache is read (front-end-tiering.ts).
const optimiser = holdOptimiser(argv);
const bundleUrl = new URL('./bundle/main.cjs', import.meta.url);
let saveCodeCache = (): void => {};
let entry: Entry;
if (bundleIsCurrent(bundleUrl)) {
  const { loadBundle } = await import('./code-cache.js');
  const bundle = loadBundle<Entry>(fileURLToPath(bundleUrl), argv);
  entry = bundle.exports;
  saveCodeCache = bundle.save;
} else {
  const [{ main }, { processIO }, { whenFrontEndDone, whenLongWorkDone }] = await Promise.all([import('./main.js'), import('./io.js'), import('./front-end-done.js')]);
  entry = { main, processIO, whenFrontEndDone, whenLongWorkDone };
}
// After the code cache's own listener (registered by loadBundle), so the main part's cache is written
// under the flags it is read under.
entry.whenFrontEndDone(optimiser.release);
entry.whenLongWorkDone(optimiser.hold);

entry.main(argv, entry.processIO()).then(
  (code) => {
    process.exitCode = code;
    saveCodeCache();
  },
  (err: unknown) => {
    process.stderr.write(`carecast: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);

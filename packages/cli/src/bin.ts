#!/usr/bin/env node
import { statSync } from 'node:fs';
import { processIO } from './io.js';
import type { main as Main } from './main.js';

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
 * The bundle `pnpm build` writes (scripts/bundle.mjs: the same modules in a few files, which start
 * several times faster), unless a package was compiled again after it (`tsc -b` alone): then the
 * modules themselves, so a stale bundle never runs.
 */
function entry(): string {
  const bundle = changedMs(new URL('./bundle/main.js', import.meta.url));
  if (bundle === undefined) return './main.js';
  const builds = ['cli', 'engine', 'scenario', 'report', 'data'].map((p) => changedMs(new URL(`../../${p}/tsconfig.tsbuildinfo`, import.meta.url)) ?? 0);
  return Math.max(...builds) <= bundle ? './bundle/main.js' : './main.js';
}

const { main } = (await import(entry())) as { main: typeof Main };
main(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`carecast: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
import { main } from './main.js';
import { processIO } from './io.js';

main(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`carecast: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);

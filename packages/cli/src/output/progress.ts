import type { CliIO } from '../io.js';

/** Waits this long before drawing, so short runs print nothing. */
const SHOW_AFTER_MS = 1000;

/**
 * A progress bar on stderr for long runs, drawn only when stderr is a terminal; `done()` clears it.
 */
export function progressBar(io: CliIO, label: string): { update(done: number, total: number): void; done(): void } {
  if (io.stderr.isTTY !== true) return { update: () => undefined, done: () => undefined };
  const started = Date.now();
  let drawn = false;
  return {
    update(done, total) {
      if (Date.now() - started < SHOW_AFTER_MS && done < total) return;
      if (!drawn && done >= total) return;
      const width = 30;
      const filled = Math.round((done / Math.max(1, total)) * width);
      io.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} replications`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\r\x1b[K');
    },
  };
}

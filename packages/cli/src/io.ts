/** Where a command writes and reads: the process streams, or captured buffers in tests. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Directory relative paths are resolved against. */
  cwd: string;
}

/** The running process's streams and working directory. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/** An in-memory IO for tests and embedding: everything written is kept as text. */
export function memoryIO(cwd: string, options: { stderrIsTTY?: boolean } = {}): CliIO & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t), isTTY: options.stderrIsTTY ?? false },
    cwd,
    out: () => out,
    err: () => err,
  };
}

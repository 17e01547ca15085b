import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, memoryIO } from '../src/index.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BASELINE_TEXT = readFileSync(join(REPO, 'scenarios/baseline.yaml'), 'utf8');

/** Runs the CLI in this process with captured output. */
export async function cli(argv: string[], cwd = REPO, options: { stderrIsTTY?: boolean } = {}) {
  const io = memoryIO(cwd, options);
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** No line of `text` looks like a stack frame. */
export const hasStackTrace = (text: string) => /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m.test(text);

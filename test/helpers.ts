import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

export const REPO = fileURLToPath(new URL('../', import.meta.url));
export const BIN = join(REPO, 'packages/cli/dist/bin.js');

/** Runs the built `carecast` bin in a child process. */
export async function carecast(args: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Synthetic SSDA903 returns (with OC3 tables) of the baseline, `years` collection years drawn with
 * `seed` by `carecast synth`, for the tests of the spec file that calls this: written before them to
 * `data` (`ssda903/` of a fresh temporary folder `dir`), removed after them.
 */
export function synthBaseline(years: number, seed: number): { readonly dir: string; readonly data: string } {
  let tmp: ReturnType<typeof tempDir> | undefined;
  beforeAll(async () => {
    tmp = tempDir();
    const r = await carecast(['synth', '--scenario', 'scenarios/baseline.yaml', '--years', String(years), '--seed', String(seed), '--out', join(tmp.dir, 'ssda903')]);
    if (r.code !== 0) throw new Error(`carecast synth exited ${r.code}: ${r.stderr}`);
  }, 60_000);
  afterAll(() => tmp?.remove());
  return {
    get dir() {
      return tmp!.dir;
    },
    get data() {
      return join(tmp!.dir, 'ssda903');
    },
  };
}

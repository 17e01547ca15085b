import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, REPO, tempDir } from '../helpers.js';

const BIN = join(REPO, 'packages/cli/dist/bin.js');

async function bin(args: string[], cwd: string) {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
  writeFileSync(join(tmp.dir, 'bad.yaml'), 'name: Bad\nstart: 2025-04-01\nhorizon: 5 yrs\n');
  writeFileSync(join(tmp.dir, 'junk.yaml'), '\u0000\u0001: [\n');
});
afterAll(() => tmp.remove());

describe('dist/bin.js in a child process', { timeout: 60_000 }, () => {
  it('runs the bundle `pnpm build` wrote (scripts/bundle.mjs), newer than every package\'s compile', () => {
    const bundle = statSync(join(REPO, 'packages/cli/dist/bundle/main.js')).mtimeMs;
    for (const p of ['cli', 'engine', 'scenario', 'report', 'data']) {
      expect(statSync(join(REPO, 'packages', p, 'tsconfig.tsbuildinfo')).mtimeMs, p).toBeLessThanOrEqual(bundle);
    }
  });

  it('--version exits 0', async () => {
    const r = await bin(['--version'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('validate of bad files exits 2 with file:line:col and no stack trace', async () => {
    const r = await bin(['validate', 'bad.yaml', 'junk.yaml'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.yaml:3:10: horizon: expected a length of time/m);
    expect(r.stderr).toMatch(/^junk\.yaml:\d+:\d+: /m);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('usage errors exit 2', async () => {
    expect((await bin(['nope'], tmp.dir)).code).toBe(2);
    expect((await bin(['run'], tmp.dir)).code).toBe(2);
    expect((await bin(['run', 'missing.yaml'], tmp.dir)).stderr).toBe('missing.yaml: no such file; expected a scenario YAML file\n');
  });
});

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, REPO, tempDir } from '../helpers.js';

const BIN = join(REPO, 'packages/cli/dist/bin.js');

async function bin(args: string[], cwd: string, cacheDir = join(cwd, 'code-cache'), nodeOptions: string[] = []) {
  try {
    const r = await promisify(execFile)(process.execPath, [...nodeOptions, BIN, ...args], { cwd, env: { ...process.env, CARECAST_CACHE_DIR: cacheDir } });
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

describe('dist/bin.js in a child process', { timeout: 180_000 }, () => {
  it('runs the bundle `pnpm build` wrote (scripts/bundle.mjs), newer than every package\'s compile', () => {
    const bundle = statSync(join(REPO, 'packages/cli/dist/bundle/main.cjs')).mtimeMs;
    for (const p of ['cli', 'engine', 'scenario', 'report', 'data']) {
      expect(statSync(join(REPO, 'packages', p, 'tsconfig.tsbuildinfo')).mtimeMs, p).toBeLessThanOrEqual(bundle);
    }
  });

  it('runs its worker threads under a V8 option given to node (node --max-old-space-size=2048 carecast run): the same files as without it', async () => {
    const run = (out: string, nodeOptions: string[]) =>
      bin(['run', join(REPO, 'scenarios/baseline.yaml'), '--replications', '4', '--seed', '3', '--workers', '2', '--out', out], tmp.dir, undefined, nodeOptions);
    const plain = await run('v8-plain', []);
    expect(plain.code).toBe(0);
    // Node refuses V8 options in a worker's own options (ERR_WORKER_INVALID_EXEC_ARGV); they hold for the whole process.
    const withOption = await run('v8-option', ['--max-old-space-size=2048']);
    expect(withOption.stderr).toBe(plain.stderr);
    expect(withOption.code).toBe(0);
    for (const f of ['results.json', 'summary.csv']) expect(readFileSync(join(tmp.dir, 'v8-option', f), 'utf8')).toBe(readFileSync(join(tmp.dir, 'v8-plain', f), 'utf8'));
  });

  it('keeps V8\'s code cache per command and part of the bundle; the same files with it, without it, and with a damaged, another script\'s or a stale one', async () => {
    const cacheDir = join(tmp.dir, 'cache-test');
    const run = (out: string) => bin(['run', join(REPO, 'scenarios/baseline.yaml'), '--replications', '2', '--seed', '3', '--workers', '1', '--out', out], tmp.dir, cacheDir);
    const files = (out: string) => ['results.json', 'summary.csv', 'report.html', 'charts/in-care-fan.svg'].map((f) => readFileSync(join(tmp.dir, out, f), 'utf8'));
    // Each part's cache is named by a hash of the Node version, the architecture and the part's text (src/code-cache.ts).
    const cacheName = (part: string, command: string) =>
      `${createHash('sha1').update(`${process.version} ${process.arch}\n`).update(readFileSync(join(REPO, 'packages/cli/dist/bundle', part))).digest('hex')}-${command}.bin`;
    const [main, report] = [cacheName('main.cjs', 'run'), cacheName('report.cjs', 'run')];
    const cached = (name: string) => readFileSync(join(cacheDir, name));
    expect((await run('first')).code).toBe(0);
    expect(readdirSync(cacheDir).sort()).toEqual([main, report].sort());
    const [mainBytes, reportBytes] = [cached(main), cached(report)];
    expect((await run('cached')).code).toBe(0);
    expect(files('cached')).toEqual(files('first'));
    // A valid cache is read, not written again.
    expect([cached(main), cached(report)]).toEqual([mainBytes, reportBytes]);
    // Bytes V8 refuses: compiled as without a cache, then the cache written again.
    writeFileSync(join(cacheDir, main), 'not a code cache');
    writeFileSync(join(cacheDir, report), 'not a code cache');
    expect((await run('damaged')).code).toBe(0);
    expect(files('damaged')).toEqual(files('first'));
    expect(cached(main).length).toBeGreaterThan(100_000);
    expect(cached(report).length).toBeGreaterThan(100_000);
    // A real cache of another script (the report part's, under the main part's name): V8 refuses it too.
    writeFileSync(join(cacheDir, main), reportBytes);
    expect((await run('swapped')).code).toBe(0);
    expect(files('swapped')).toEqual(files('first'));
    expect(cached(main).equals(reportBytes)).toBe(false);
    expect(cached(main).length).toBeGreaterThan(100_000);
    // A stale cache (of another build, so under another name) is never read.
    writeFileSync(join(cacheDir, `${'0'.repeat(40)}-run.bin`), mainBytes);
    rmSync(join(cacheDir, main));
    expect((await run('stale')).code).toBe(0);
    expect(files('stale')).toEqual(files('first'));
    expect(cached(main).length).toBeGreaterThan(100_000);
    // --version runs the main part only.
    expect((await bin(['--version'], tmp.dir, cacheDir)).code).toBe(0);
    expect(readdirSync(cacheDir).sort()).toEqual([`${'0'.repeat(40)}-run.bin`, main, report, cacheName('main.cjs', 'other')].sort());
  });

  it('validate reads the code cache it wrote (V8 keys a cache to its flags: both made with TurboFan held back, front-end-tiering.ts)', async () => {
    const cacheDir = join(tmp.dir, 'cache-validate');
    const validate = () => bin(['validate', join(REPO, 'scenarios/baseline.yaml')], tmp.dir, cacheDir);
    const first = await validate();
    expect(first.code).toBe(0);
    const [name] = readdirSync(cacheDir);
    expect(name).toMatch(/^[0-9a-f]{40}-validate\.bin$/);
    const bytes = readFileSync(join(cacheDir, name!));
    const again = await validate();
    expect(again).toEqual(first);
    // Refused data would have been written again (as a cache made under other flags is).
    expect(readFileSync(join(cacheDir, name!)).equals(bytes)).toBe(true);
    expect(readdirSync(cacheDir)).toEqual([name]);
  });

  it('never uses a code cache folder other users can write to (V8 runs the bytecode it holds)', async () => {
    const open = join(tmp.dir, 'open-cache');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const r = await bin(['--version'], tmp.dir, open);
    expect(r.code).toBe(0);
    expect(readdirSync(open)).toEqual([]);
    chmodSync(open, 0o700);
    expect((await bin(['--version'], tmp.dir, open)).code).toBe(0);
    expect(readdirSync(open)).toEqual([expect.stringMatching(/^[0-9a-f]{40}-other\.bin$/)]);
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

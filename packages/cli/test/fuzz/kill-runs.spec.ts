import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';

// Runs that publish an output folder are killed at random moments: at a random file-system call of the
// publishing (so every step of the swap is hit in turn) or after a random delay. After each kill the
// folder must hold one complete result, earlier or later, and no file the user put there may be lost.
// CARECAST_KILL_RUNS sets the number of kills (default 16, at least those of the swap).
const KILLS = Number(process.env['CARECAST_KILL_RUNS'] ?? 16);
const SEED = Number(process.env['FC_SEED'] ?? (process.env['CI'] ? 20261122 : Date.now() % 2 ** 31));
const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = join(HERE, 'publish-child.mjs');
const KILL_AT = join(HERE, 'kill-at.cjs');

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

let lastStderr = '';

function publish(label: string, env: Record<string, string>, killAfterMs?: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', KILL_AT, CHILD, 'out', label], { cwd: tmp.dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    lastStderr = '';
    child.stderr.on('data', (d: Buffer) => (lastStderr += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Why the output folder is not one complete result, or undefined when it is. */
function inconsistency(out: string): string | undefined {
  if (!existsSync(out)) return 'out is missing';
  if (!lstatSync(out).isSymbolicLink()) return 'out is not a link';
  const version = join(dirname(out), readlinkSync(out));
  if (!existsSync(version)) return `out points to a missing version ${version}`;
  let label: string;
  try {
    label = (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { label: string }).label;
  } catch (err) {
    return `results.json unreadable: ${(err as Error).message}`;
  }
  const expected = ['summary.csv', 'report.html', ...['in-care', 'entries', 'cost', 'exits'].flatMap((c) => ['svg', 'png', 'vl.json'].map((e) => `charts/${c}.${e}`))];
  for (const f of expected) {
    const path = join(out, f);
    if (!existsSync(path)) return `${f} missing from ${label}`;
    if (!readFileSync(path, 'utf8').startsWith(`${label} ${f}\n`)) return `${f} is not from ${label}`;
  }
  return undefined;
}

/** Every copy of the user's file anywhere in the output folder or its versions. */
function userFileKept(): boolean {
  const store = join(tmp.dir, '.out.carecast');
  const find = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? find(join(dir, e.name)) : e.name.startsWith('notes.txt')));
  return find(store);
}

describe('killing runs at random moments', () => {
  it(`always leaves one complete earlier or later result, and the user's files (${KILLS} kills, seed ${SEED})`, async () => {
    const out = join(tmp.dir, 'out');
    const countFile = join(tmp.dir, 'calls');
    expect(await publish('run-0', { COUNT_FILE: countFile })).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'the user\'s own notes');
    // A publish into an existing folder: the number of file-system calls a kill can land before.
    expect(await publish('run-1', { COUNT_FILE: countFile })).toBe(0);
    const calls = JSON.parse(readFileSync(countFile, 'utf8')) as string[];
    expect(calls.length).toBeGreaterThan(20);
    // Every call from the last file written (the list of files) to the start of tidying: the lock and
    // the swap, each killed in turn; then kills at random calls (tidying included) and after random delays.
    const swapFrom = calls.lastIndexOf('writeFile') + 1;
    const swapTo = calls.indexOf('readdir', swapFrom) + 1;
    const swap = calls.slice(swapFrom, swapTo).map((_, i) => ({ at: swapFrom + i + 1 }));
    const random = fc.sample(
      fc.oneof(fc.record({ at: fc.integer({ min: 1, max: calls.length + 3 }) }), fc.record({ afterMs: fc.integer({ min: 0, max: 800 }) })),
      { numRuns: Math.max(0, KILLS - swap.length), seed: SEED },
    );
    const kills: ({ at: number } | { afterMs: number })[] = [...swap, ...random];
    const bad: string[] = [];
    let killed = 0;
    for (const [i, k] of kills.entries()) {
      const code = 'at' in k ? await publish(`run-${i + 2}`, { KILL_AT: String(k.at) }) : await publish(`run-${i + 2}`, {}, k.afterMs);
      if (code !== 0) killed++;
      const why = inconsistency(out);
      if (why !== undefined) bad.push(`${JSON.stringify(k)}: ${why}`);
      if (!userFileKept()) bad.push(`${JSON.stringify(k)}: notes.txt lost`);
    }
    console.log(`kill test (seed ${SEED}): ${kills.length} runs (${swap.length} killed in turn at each call of the swap and tidying), ${killed} killed before finishing, ${bad.length} inconsistent folders`);
    expect(bad).toEqual([]);
    expect(killed).toBeGreaterThan(kills.length / 3);

    // The next run clears what the killed ones left, and brings the user's file back into view.
    expect([await publish('final', {}), lastStderr]).toEqual([0, '']);
    expect(inconsistency(out)).toBeUndefined();
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('the user\'s own notes');
    const current = readlinkSync(out).split('/')[1]!;
    expect(readdirSync(join(tmp.dir, '.out.carecast')).sort()).toEqual([current, `${current}.files.json`]);
  }, 300_000);
});

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, hasStackTrace, REPO, tempDir } from '../helpers.js';
import { mutate, mutationArb, type Mutation } from './mutants.js';

// A standing fuzz test: mutants of every shipped scenario through `carecast validate`. CARECAST_FUZZ_RUNS
// sets the number (default 80, about 20 s); FC_SEED replays a run (the seed is fixed under CI).
const RUNS = Number(process.env['CARECAST_FUZZ_RUNS'] ?? 80);
const SEED = Number(process.env['FC_SEED'] ?? (process.env['CI'] ? 20261122 : Date.now() % 2 ** 31));
/** The longest a mutant may take to validate, in milliseconds (a hang would exceed it). */
const MAX_MS = 20_000;

const SCENARIOS = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
  for (const f of SCENARIOS) writeFileSync(join(tmp.dir, f), readFileSync(join(REPO, 'scenarios', f), 'utf8'));
});
afterAll(() => tmp.remove());

interface Tally {
  exit0: number;
  exit2: number;
  other: { code: number; mutant: string; stderr: string }[];
  withoutLocation: { line: string; mutant: string }[];
  stackTraces: string[];
  slow: { ms: number; mutant: string }[];
}

describe('carecast validate on mutants of every shipped scenario', () => {
  it(`exits 0 or 2, names file:line:col on every exit 2, prints no stack trace and finishes in time (${RUNS} mutants, seed ${SEED})`, async () => {
    const cases = fc.sample(fc.tuple(fc.constantFrom(...SCENARIOS), fc.array(mutationArb, { minLength: 1, maxLength: 3 })), { numRuns: RUNS, seed: SEED });
    const tally: Tally = { exit0: 0, exit2: 0, other: [], withoutLocation: [], stackTraces: [], slow: [] };
    for (const [file, mutations] of cases) {
      const text = mutations.reduce((t: string, m: Mutation) => mutate(t, m), readFileSync(join(tmp.dir, file), 'utf8'));
      writeFileSync(join(tmp.dir, 'mutant.yaml'), text);
      const shown = `${file} ${JSON.stringify(mutations)}`;
      const t0 = performance.now();
      const r = await cli(['validate', 'mutant.yaml'], tmp.dir);
      const ms = performance.now() - t0;
      if (ms > MAX_MS) tally.slow.push({ ms, mutant: shown });
      if (hasStackTrace(r.stderr)) tally.stackTraces.push(shown);
      if (r.code === 0) tally.exit0++;
      else if (r.code === 2) {
        tally.exit2++;
        for (const line of r.stderr.trimEnd().split('\n')) {
          // The mutant, or a shipped file it extends, at a line and column.
          if (!/^[\w.-]+\.yaml:\d+:\d+: \S/.test(line)) tally.withoutLocation.push({ line, mutant: shown });
        }
      } else tally.other.push({ code: r.code, mutant: shown, stderr: r.stderr });
    }
    console.log(
      `fuzz (seed ${SEED}): ${RUNS} mutants: exit 0 ${tally.exit0}, exit 2 ${tally.exit2}, other ${tally.other.length}; ` +
        `messages without location ${tally.withoutLocation.length}; stack traces ${tally.stackTraces.length}; over ${MAX_MS / 1000} s ${tally.slow.length}`,
    );
    expect(tally.other.slice(0, 3)).toEqual([]);
    expect(tally.withoutLocation.slice(0, 3)).toEqual([]);
    expect(tally.stackTraces.slice(0, 3)).toEqual([]);
    expect(tally.slow.slice(0, 3)).toEqual([]);
    // The mutants reach the error paths, not only harmless edits.
    expect(tally.exit2).toBeGreaterThan(RUNS / 4);
  }, 600_000);
});

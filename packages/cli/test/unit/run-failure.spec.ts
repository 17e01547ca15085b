import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, hasStackTrace, REPO, tempDir } from '../helpers.js';

// The report renderer fails after the simulation has run: the run must leave no trace in its folder.
vi.mock('@carecast/report', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  buildReport: async () => {
    throw new Error('renderer crashed');
  },
}));

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
  writeFileSync(join(tmp.dir, 'short.yaml'), `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: Short\nhorizon: 3 months\n`);
  mkdirSync(join(tmp.dir, 'out'));
  writeFileSync(join(tmp.dir, 'out', 'results.json'), 'earlier results');
});
afterAll(() => tmp.remove());

describe('a run that fails after simulating', () => {
  it('exits 1 with a one-line message and leaves the earlier results and no temporary files', async () => {
    const r = await cli(['run', 'short.yaml', '--replications', '2', '--out', 'out'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('carecast run: renderer crashed\n');
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(readFileSync(join(tmp.dir, 'out', 'results.json'), 'utf8')).toBe('earlier results');
    expect(readdirSync(join(tmp.dir, 'out'))).toEqual(['results.json']);
    // The folder of versions beside out/ is gone again: nothing of the failed run is left.
    expect(readdirSync(tmp.dir).sort()).toEqual(['out', 'short.yaml']);
  }, 60_000);
});

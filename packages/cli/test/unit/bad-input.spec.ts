import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_TEXT, cli, hasStackTrace, tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
const write = (name: string, body: string) => writeFileSync(join(tmp.dir, name), `extends: baseline.yaml\nname: ${name}\n${body}`);
beforeAll(() => {
  tmp = tempDir();
  writeFileSync(join(tmp.dir, 'baseline.yaml'), BASELINE_TEXT);
  write('long.yaml', 'horizon: 10000 years\n');
  write('fine.yaml', '');
  write('seed.yaml', 'seed: 1.5\n');
  write('households.yaml', 'model: { supply: { capacity: { inhouse_foster: { households: 1000000000 } } } }\n');
  write('arrivals.yaml', 'levers:\n  - { lever: uasc-arrivals, perYear: 10000000 per year, from: 2026-04-01 }\n');
});
afterAll(() => tmp.remove());

describe('bad and big input: exit 2 with file:line:col, nothing written', () => {
  it('validate reports every file it was given, also after one that failed', async () => {
    const r = await cli(['validate', 'long.yaml', 'fine.yaml', 'seed.yaml'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('fine.yaml: ok (fine.yaml; 0 levers)\n');
    expect(r.stderr).toBe(
      'long.yaml:3:10: horizon: 10000 years is longer than 50 years; expected a shorter horizon\n' +
        'seed.yaml:3:7: seed: expected a whole number; got 1.5\n',
    );
  }, 60_000);

  it('a run too large for the budget is refused before simulating, naming the setting and the estimate', async () => {
    const r = await cli(['run', 'households.yaml', '--out', 'out'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^households\.yaml:3:62: model\.supply\.capacity\.inhouse_foster\.households: a replication would simulate about 2\.0 billion events \(1,475 children and 1\.0 billion foster households per replication\), over the budget of 50\.0 million; expected a smaller value, or add --allow-large to run it anyway\n$/,
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
  }, 60_000);

  it('a lever that makes the run too large is the setting named', async () => {
    const r = await cli(['validate', 'arrivals.yaml'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^arrivals\.yaml:4:5: levers\[0\]: a replication would simulate about \d+\.\d million events/);
  });

  it('--allow-large lets validate accept it knowingly', async () => {
    expect((await cli(['validate', 'households.yaml', '--allow-large'], tmp.dir)).code).toBe(0);
  });

  // `run` summarises replications as they finish (memory bounded); `compare` keeps them to pair them.
  it('more replications than memory allows are refused at the flag', async () => {
    writeFileSync(join(tmp.dir, 'other.yaml'), 'extends: baseline.yaml\nname: other\n');
    const r = await cli(['compare', 'fine.yaml', 'other.yaml', '--replications', '100000', '--out', 'out'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^carecast compare: --replications: 100000 replications would keep about \d+\.\d GB of monthly results in memory/);
  }, 60_000);
});

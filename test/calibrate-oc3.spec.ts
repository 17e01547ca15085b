import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenarioFile } from '@carecast/scenario';
import { carecast, synthBaseline } from './helpers.js';

// calibrate with the OC3 care-leaver table: found beside the returns or named with --oc3; bad tables are
// refused at file:line:col with exit 2 and nothing written.

const REFERENCE = '2026-04-01:2029-03-31';
const returns = synthBaseline(4, 3);

const args = (folder: string, out: string, more: string[] = []) => ['calibrate', '--folder', folder, '--reference', REFERENCE, '--check-replications', '0', '--out', out, ...more];

describe('carecast calibrate with OC3', () => {
  it('finds oc3.csv beside the returns, prints the fitted mix and writes it into the care-leaver section', async () => {
    expect(existsSync(join(returns.data, '2029', 'oc3.csv'))).toBe(true);
    const out = join(returns.dir, 'with-oc3.yaml');
    const r = await carecast(args(returns.data, out));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/care leavers: accommodation mix by age fitted from OC3 \(4 file\(s\), years 2026, 2027, 2028, 2029\): \d+ young people used, 0 rows unusable/);
    expect(r.stdout).toMatch(/\n {2}21\+ +\d+ +0\.0% +0\.0% /);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('Accommodation mix by age from the OC3 care-leaver table');
    const compiled = await compileScenarioFile(out);
    const mix = compiled.params.careLeavers?.accommodationByAge;
    expect(mix?.['21+']?.staying_put_inhouse).toBe(0);
    expect(Object.values(mix?.['18'] ?? {}).reduce((s, x) => s + (x ?? 0), 0)).toBeCloseTo(1, 6);
  }, 60_000);

  it('without OC3 labels the care-leaver section and the terminal line ILLUSTRATIVE DEFAULT', async () => {
    const bare = join(returns.dir, 'bare');
    cpSync(returns.data, bare, { recursive: true });
    for (const y of ['2026', '2027', '2028', '2029']) rmSync(join(bare, y, 'oc3.csv'));
    const out = join(returns.dir, 'no-oc3.yaml');
    const r = await carecast(args(bare, out));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('care leavers: ILLUSTRATIVE DEFAULT accommodation mix');
    expect(readFileSync(out, 'utf8')).toContain('ILLUSTRATIVE DEFAULT: the episodes hold no care-leaver accommodation');
  }, 60_000);

  it('counts and reports unusable OC3 rows (file:line:col) and goes on when few', async () => {
    const file = join(returns.dir, 'oc3-some-bad.csv');
    const good = readFileSync(join(returns.data, '2029', 'oc3.csv'), 'utf8').trim().split('\n');
    writeFileSync(file, `${[...good, 'L999998,31/02/2009,YES,F2,U1', 'L999999,01/06/2009,YES,F2,Q1'].join('\n')}\n`);
    const out = join(returns.dir, 'some-bad.yaml');
    const r = await carecast(args(returns.data, out, ['--oc3', file]));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ young people used, <5 rows unusable/);
    expect(r.stdout).toMatch(new RegExp(`unusable: .*oc3-some-bad\\.csv:${good.length + 1}:2: DOB is not a date`));
    expect(r.stdout).toMatch(new RegExp(`unusable: .*oc3-some-bad\\.csv:${good.length + 2}:5: ACCOM "Q1" is not an OC3 accommodation code`));
    expect(readFileSync(out, 'utf8')).toMatch(/<5 rows unusable and left out/);
  }, 60_000);

  it('takes each --oc3 file\'s year from its folder\'s name: the start population comes from the latest year only', async () => {
    const folderFit = join(returns.dir, 'folder-fit.yaml');
    expect((await carecast(args(returns.data, folderFit))).code).toBe(0);
    const named = join(returns.dir, 'named-fit.yaml');
    const files = ['2026', '2027', '2028', '2029'].map((y) => join(returns.data, y, 'oc3.csv'));
    const r = await carecast(args(returns.data, named, ['--oc3', ...files]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(4 file(s), years 2026, 2027, 2028, 2029)');
    const a = (await compileScenarioFile(folderFit)).params.careLeavers;
    const b = (await compileScenarioFile(named)).params.careLeavers;
    expect(b?.initialPopulation).toEqual(a?.initialPopulation);
    // The latest year alone, not four years summed.
    const latest = readFileSync(files[3]!, 'utf8').trim().split('\n').length - 1;
    const total = Object.values(b?.initialPopulation ?? {}).reduce<number>((s, n) => s + (n ?? 0), 0);
    expect(total).toBeLessThanOrEqual(latest);
  }, 60_000);

  for (const [what, lines, message] of [
    ['a missing ACCOM column', ['CHILD,DOB,IN_TOUCH', 'L1,01/06/2008,YES'], /oc3-bad\.csv:1:\d+: .*ACCOM/],
    ['no usable row', ['CHILD,DOB,ACCOM', 'L1,31/02/2008,U1', 'L2,01/06/2008,Q1'], /oc3-bad\.csv:2:2: DOB is not a date.*no usable young person/],
    ['too many unusable rows', ['CHILD,DOB,ACCOM', 'L1,01/06/2008,U1', 'L2,01/06/2008,Q1', 'L3,01/06/2008,??'], /2 of 3 OC3 rows unusable \(more than --max-dropped 10%\), first: .*oc3-bad\.csv:3:3: ACCOM "Q1"/],
    ['YEAR values that name no year', ['YEAR,CHILD,DOB,ACCOM', '2029,L1,01/06/2010,U1', '29,L2,01/06/2010,U1', '2028-30,L3,01/06/2010,U1'], /2 of 3 OC3 rows unusable .*first: .*oc3-bad\.csv:3:1: YEAR "29" is not a collection year/],
  ] as const) {
    it(`refuses an OC3 table with ${what}: file:line:col, exit 2, nothing written`, async () => {
      const file = join(returns.dir, 'oc3-bad.csv');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const out = join(returns.dir, 'refused.yaml');
      writeFileSync(out, 'earlier: result\n');
      const r = await carecast(args(returns.data, out, ['--oc3', file]));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readFileSync(out, 'utf8')).toBe('earlier: result\n');
      expect(existsSync(join(returns.dir, 'refused.quality.html'))).toBe(false);
    }, 60_000);
  }
});

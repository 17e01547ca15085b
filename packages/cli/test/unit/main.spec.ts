import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASELINE_TEXT, cli, hasStackTrace, REPO, tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('carecast main', () => {
  it('--help lists every command with examples, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'compare', 'validate', 'report']) expect(r.stdout).toContain(`carecast ${c}`);
    const run = await cli(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('--replications');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'packages/cli/package.json'), 'utf8'));
    const r = await cli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('an unknown command is a usage error (exit 2) with a suggestion', async () => {
    const r = await cli(['runn', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "runn" \(did you mean "run"\?\)/);
  });

  it('a missing argument and an unknown option are usage errors', async () => {
    expect((await cli(['run'])).code).toBe(2);
    expect((await cli(['validate'])).code).toBe(2);
    const r = await cli(['validate', 'scenarios/baseline.yaml', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument: frobnicate/);
  });

  it('bad option values are usage errors naming the option', async () => {
    const r = await cli(['run', 'scenarios/baseline.yaml', '--replications', '0', '--out', join(tmp.dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--replications: expected a whole number from 1 to 100000, got "0"/);
    const s = await cli(['run', 'scenarios/baseline.yaml', '--seed', 'abc', '--out', join(tmp.dir, 'o')]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--seed/);
    expect(existsSync(join(tmp.dir, 'o'))).toBe(false);
  });

  it('validate passes good files (exit 0) and names file:line:col for bad ones (exit 2)', async () => {
    const bad = join(tmp.dir, 'bad.yaml');
    writeFileSync(join(tmp.dir, 'baseline.yaml'), BASELINE_TEXT);
    writeFileSync(bad, 'extends: baseline.yaml\nname: Bad\nlevers:\n  - lever: reduce-entries\n    by: 125%\n    from: 2025-04-01\n');
    const good = await cli(['validate', 'scenarios/baseline.yaml', 'scenarios/early-help-25.yaml']);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/early-help-25\.yaml: ok \(Early help .*; 2 levers\)/);
    const r = await cli(['validate', join(REPO, 'scenarios/baseline.yaml'), 'bad.yaml'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('bad.yaml:5:9: levers[0].by: 125% is more than 100%; expected a percentage between 0% and 100%');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('validate --json lists issues with file, line, col and path', async () => {
    writeFileSync(join(tmp.dir, 'x.yaml'), 'name: x\nstart: 2025-13-01\n');
    const r = await cli(['validate', 'x.yaml', '--json'], tmp.dir);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out[0].ok).toBe(false);
    expect(out[0].issues.length).toBeGreaterThan(0);
    for (const i of out[0].issues) {
      expect(i.file).toBe('x.yaml');
      expect(typeof i.line).toBe('number');
      expect(typeof i.col).toBe('number');
      expect(typeof i.path).toBe('string');
    }
  });

  it('run with a bad scenario exits 2 and writes nothing', async () => {
    writeFileSync(join(tmp.dir, 'x.yaml'), 'name: x\n');
    const r = await cli(['run', 'x.yaml', '--out', 'out'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^x\.yaml:1:1: missing "start"/m);
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
  });

  it('report refuses a file that is not results.json, with line and column for bad JSON', async () => {
    writeFileSync(join(tmp.dir, 'r.json'), '{\n  "schemaVersion": 1,\n  oops\n}\n');
    const r = await cli(['report', 'r.json'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/r\.json:3:3: not valid JSON/);
    writeFileSync(join(tmp.dir, 's.json'), '{"hello": 1}');
    expect((await cli(['report', 's.json'], tmp.dir)).stderr).toMatch(/s\.json: expected a Carecast results\.json/);
    const malformed = { schemaVersion: 1, tool: { name: 'carecast', version: '0' }, scenario: { name: 'M', source: 'm.yaml' }, seed: 1, replications: 1, start: '2025-04-01', end: '2025-04-30', series: [{ date: '2025-04-01', metric: 'in_care' }] };
    writeFileSync(join(tmp.dir, 'm.json'), JSON.stringify(malformed));
    const m = await cli(['report', 'm.json'], tmp.dir);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/m\.json: .*series\[0\]/);
  });
});

describe('carecast compare input checks', () => {
  it('scenarios sharing no calendar date with the baseline are a usage error (other dates are aligned: test/compare-calendar.spec.ts)', async () => {
    writeFileSync(join(tmp.dir, 'later.yaml'), `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: Later\nstart: 2031-04-01\nhorizon: 2 years\n`);
    const r = await cli(['compare', join(REPO, 'scenarios/baseline.yaml'), 'later.yaml', '--out', 'o'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the scenarios share no calendar date \(Anytown baseline 2025-04-01 to 2030-03-31; Later 2031-04-01 to 2033-03-31\)/);
    expect(existsSync(join(tmp.dir, 'o'))).toBe(false);
  });

  it('two scenarios with one name are a usage error; bad files are all reported together', async () => {
    const same = await cli(['compare', 'scenarios/baseline.yaml', 'scenarios/baseline.yaml']);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/two scenarios are named "Anytown baseline"/);
    writeFileSync(join(tmp.dir, 'a.yaml'), 'name: A\n');
    writeFileSync(join(tmp.dir, 'b.yaml'), 'name: B\nstart: 2025-04-31\n');
    const bad = await cli(['compare', 'a.yaml', 'b.yaml'], tmp.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^a\.yaml:1:1: /m);
    expect(bad.stderr).toMatch(/^b\.yaml:\d+:\d+: /m);
  });
});

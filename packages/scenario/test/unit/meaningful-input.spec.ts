import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileScenarioFile, formatIssue, ScenarioError } from '../../src/index.js';
import { BASELINE_TEXT, issuesOf, onBaseline } from '../helpers.js';

const messages = async (body: string) => (await issuesOf(onBaseline(body))).map(formatIssue);

describe('dates and horizons are checked before any date arithmetic', () => {
  it('a horizon of 10000 years is refused at horizon, not computed', async () => {
    expect(await messages('horizon: 10000 years\n')).toEqual(['x.yaml:3:10: horizon: 10000 years is longer than 50 years; expected a shorter horizon']);
  });
  it('a start date of 9999-12-31 is refused with the range Carecast handles', async () => {
    expect(await messages('start: 9999-12-31\n')).toEqual([
      'x.yaml:3:8: start: 9999-12-31 is outside the dates Carecast handles; expected a date from 1900-01-01 to 2199-12-31',
    ]);
  });
  it('an end more than 50 years after the start is refused at end', async () => {
    const own = { 'x.yaml': BASELINE_TEXT.replace('horizon: 5 years', 'end: 2150-01-01') };
    expect((await issuesOf(own)).map(formatIssue)).toEqual([expect.stringMatching(/^x\.yaml:\d+:6: end: 2150-01-01 is more than 50 years after the start/)]);
  });
  it('an impossible lever date with a ramp is refused at from (the ramp never sees it)', async () => {
    const m = await messages('levers:\n  - { lever: add-capacity, category: inhouse_residential, beds: 4, from: 2025-02-30, ramp: 4 months }\n');
    expect(m).toEqual(['x.yaml:4:74: levers[0].from: "2025-02-30" is not a real calendar date; expected YYYY-MM-DD']);
  });
  it('a ramp longer than 50 years is refused rather than split into monthly steps', async () => {
    const m = await messages('levers:\n  - { lever: add-capacity, category: inhouse_residential, beds: 4, from: 2025-04-01, ramp: 1000000000 months }\n');
    expect(m).toEqual([expect.stringMatching(/^x\.yaml:4:\d+: levers\[0\]\.ramp: 1000000000 months is longer than 50 years/)]);
  });
});

describe('values are accepted only if meaningful', () => {
  it('seed and replications must be whole numbers', async () => {
    expect(await messages('seed: 1.5\nreplications: 2.5\n')).toEqual([
      'x.yaml:3:7: seed: expected a whole number; got 1.5',
      'x.yaml:4:15: replications: expected a whole number; got 2.5',
    ]);
  });
  it('shares that must sum to 100% are refused with their sum', async () => {
    const m = await messages('model: { entries: { routeShares: { care_proceedings: 100%, section20: 40%, other: 10% } } }\n');
    expect(m).toEqual([
      'x.yaml:3:34: model.entries.routeShares: these shares sum to 150%; expected 100%; or set `normalise: true` at the top of the file to scale them to 100%',
    ]);
  });
  it('with normalise: true, shares are scaled to 100%', async () => {
    const files = onBaseline('normalise: true\nmodel: { entries: { routeShares: { care_proceedings: 100%, section20: 40%, other: 10% } } }\n');
    expect(await issuesOf(files)).toEqual([]);
  });
  it('shares within half a percentage point of 100% (rounding) are accepted as written', async () => {
    expect(await messages('model: { ageOut: { independent_living: 33.3%, staying_put: 33.3%, adult_care: 33.3% } }\n')).toEqual([]);
  });
  it('a category that falls back to itself, or a repeated fallback, is refused at the entry', async () => {
    const m = await messages('model: { supply: { fallback: { inhouse_foster: [inhouse_foster, ifa_foster, ifa_foster] } } }\n');
    expect(m).toEqual([
      'x.yaml:3:49: model.supply.fallback.inhouse_foster[0]: inhouse_foster falls back to itself; expected other categories to try when inhouse_foster is full',
      'x.yaml:3:77: model.supply.fallback.inhouse_foster[2]: ifa_foster is listed twice; expected each category at most once',
    ]);
  });
  it('a fallback-order lever follows the same rule', async () => {
    const m = await messages('levers:\n  - { lever: fallback-order, category: inhouse_foster, order: [inhouse_foster], from: 2025-04-01 }\n');
    expect(m).toEqual([expect.stringMatching(/^x\.yaml:4:\d+: levers\[0\]\.order\[0\]: inhouse_foster falls back to itself/)]);
  });
});

describe('extends refuses anything that is not a regular file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-extends-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'baseline.yaml'), BASELINE_TEXT);
  mkdirSync(join(dir, 'folder'));
  const refused = async (target: string) => {
    writeFileSync(join(dir, 'x.yaml'), `extends: ${target}\nname: X\n`);
    try {
      await compileScenarioFile('x.yaml', { cwd: dir });
    } catch (err) {
      if (err instanceof ScenarioError) return err.issues.map(formatIssue);
      throw err;
    }
    return [];
  };
  it('/dev/stdin is refused at once instead of waiting for ever', async () => {
    expect(await refused('/dev/stdin')).toEqual([
      'x.yaml:1:10: extends: cannot extend "/dev/stdin": is not a regular file (a device, pipe or socket) (looked for /dev/stdin); the path is relative to this file',
    ]);
  });
  it('a device and a folder are refused too', async () => {
    expect((await refused('/dev/zero'))[0]).toMatch(/cannot extend "\/dev\/zero": is not a regular file/);
    expect((await refused('folder'))[0]).toMatch(/cannot extend "folder": is a directory, not a file/);
  });
  it('a regular file is followed', async () => {
    expect(await refused('baseline.yaml')).toEqual([]);
  });
});

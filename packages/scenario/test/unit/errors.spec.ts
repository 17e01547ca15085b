import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/index.js';
import { BASELINE_TEXT, issuesOf, onBaseline } from '../helpers.js';

const messages = async (files: Record<string, string>, entry?: string) =>
  (await issuesOf(files, entry)).map(formatIssue);

describe('scenario errors name file:line:col and the fix', () => {
  it('an unknown lever says which lever was meant', async () => {
    const m = await messages(onBaseline('levers:\n  - lever: reduce-entry\n    by: 25%\n    from: 2025-04-01\n'));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^x\.yaml:4:12: levers\[0\]\.lever: unknown lever "reduce-entry" \(did you mean "reduce-entries"\?\)/);
  });

  it('a file name with a line break in it keeps the message on one line (found by the validate fuzz test)', async () => {
    const m = await messages({ 'x.yaml': 'extends: |\n  text\nlevers: []\n' });
    expect(m).toHaveLength(1);
    expect(m[0]).not.toContain('\n');
    expect(m[0]).toMatch(/^x\.yaml:1:10: extends: cannot extend "text\\n": no such file .*the path is relative to this file$/);
  });

  it('an unknown setting of a lever suggests the right one', async () => {
    const m = await messages(
      onBaseline('levers:\n  - lever: add-capacity\n    category: supported\n    bed: 4\n    from: 2025-04-01\n'),
    );
    expect(m.join('\n')).toMatch(/x\.yaml:6:5: levers\[0\]\.bed: "bed" is not a setting of this lever \(did you mean "beds"\?\)/);
    expect(m.join('\n')).toMatch(/x\.yaml:4:5: levers\[0\]: missing "beds"/);
  });

  it('wrong units point at the value and show the expected form', async () => {
    const m = await messages(
      onBaseline('levers:\n  - lever: add-capacity\n    category: supported\n    beds: 4\n    from: 2025-04-01\n    weeklyCostPerBed: 4500 pounds\n'),
    );
    expect(m).toEqual([expect.stringMatching(/^x\.yaml:8:23: levers\[0\]\.weeklyCostPerBed: expected money per placement.*got "4500 pounds"$/)]);
  });

  it('a percentage over 100% is refused where a cut is expected', async () => {
    const m = await messages(onBaseline('levers:\n  - lever: reduce-entries\n    by: 125%\n    from: 2025-04-01\n'));
    expect(m).toEqual(['x.yaml:5:9: levers[0].by: 125% is more than 100%; expected a percentage between 0% and 100%']);
  });

  it('a date outside the horizon is refused, naming the horizon', async () => {
    const m = await messages(onBaseline('levers:\n  - lever: reduce-entries\n    by: 25%\n    from: 2031-04-01\n'));
    expect(m).toEqual([
      'x.yaml:6:11: levers[0].from: 2031-04-01 is outside the horizon 2025-04-01 to 2030-03-31; expected a date within it',
    ]);
  });

  it('an impossible calendar date is refused', async () => {
    const m = await messages(onBaseline('levers:\n  - lever: reduce-entries\n    by: 25%\n    from: 2025-02-30\n'));
    expect(m[0]).toMatch(/^x\.yaml:6:11: levers\[0\]\.from: "2025-02-30" is not a real calendar date/);
  });

  it('an extends cycle is reported at the extends that closes it', async () => {
    const m = await messages({ 'a.yaml': 'extends: b.yaml\nname: A\n', 'b.yaml': 'name: B\nextends: ./a.yaml\n' }, 'a.yaml');
    expect(m).toEqual(['b.yaml:2:10: extends: extends cycle: a.yaml -> b.yaml -> a.yaml; remove one of these extends']);
  });

  it('a missing extended file is reported at the extends line', async () => {
    const m = await messages({ 'x.yaml': 'name: X\nextends: nothere.yaml\n' });
    expect(m).toEqual(['x.yaml:2:10: extends: cannot extend "nothere.yaml": no such file (looked for nothere.yaml); the path is relative to this file']);
  });

  it('a missing scenario file names the file', async () => {
    expect(await messages({}, 'gone.yaml')).toEqual(['gone.yaml: no such file; expected a scenario YAML file']);
  });

  it('YAML syntax errors carry line and column', async () => {
    const m = await messages({ 'x.yaml': 'name: x\nstart: [2025\n' });
    expect(m[0]).toMatch(/^x\.yaml:\d+:\d+: YAML syntax: /);
  });

  it('a duplicate key is a YAML error, not a silent override', async () => {
    const m = await messages({ 'x.yaml': 'name: x\nname: y\n' });
    expect(m[0]).toMatch(/^x\.yaml:2:1: YAML syntax: .*unique/i);
  });

  it('a document that is not a mapping is refused at 1:1', async () => {
    expect(await messages({ 'x.yaml': '- just\n- a list\n' })).toEqual([
      'x.yaml:1:1: expected a mapping with name, start, horizon, model and levers',
    ]);
  });

  it('an error in a merged value points into the file that holds it', async () => {
    // The override leaves routeShares alone, so the merged problem lives in the baseline file.
    const broken = BASELINE_TEXT.replace('trendPerYear: 0%', 'trendPerYear: 2 percent');
    const m = await messages({ 'baseline.yaml': broken, 'x.yaml': 'extends: baseline.yaml\nname: X\n' });
    const line = broken.split('\n').findIndex((l) => l.includes('2 percent')) + 1;
    expect(m).toEqual([expect.stringMatching(new RegExp(`^baseline\\.yaml:${line}:19: model\\.entries\\.trendPerYear: expected a percentage`))]);
  });

  it('every issue in a file is reported together, in line order', async () => {
    const m = await messages(
      onBaseline(
        'levers:\n  - lever: reduce-entries\n    by: 125%\n    from: 2025-04-01\n  - lever: scale-transition\n    from: 2025-04-01\n    multiply: 2\n    by: 3%\n',
      ),
    );
    expect(m).toEqual([
      'x.yaml:5:9: levers[0].by: 125% is more than 100%; expected a percentage between 0% and 100%',
      'x.yaml:7:5: levers[1]: give only one of multiply, by or add, not multiply and by',
    ]);
  });

  it("the engine's parameter checks map back to the YAML node", async () => {
    const m = await messages(onBaseline('model:\n  transitions:\n    durationBandsDays: [365, 90]\n'));
    expect(m).toEqual([expect.stringMatching(/^x\.yaml:5:30: model\.transitions\.durationBandsDays\[1\]: /)]);
  });

  it('horizon and end together are refused', async () => {
    const m = await messages(onBaseline('end: 2027-03-31\n'));
    expect(m).toEqual(['x.yaml:3:6: end: give horizon or end, not both']);
  });
});

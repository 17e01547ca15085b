// A scenario compiled from text (the browser entry) is the scenario compiled from the same file on disk.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileScenarioFile, ScenarioError, formatIssue } from '../../src/index.js';
import { compileScenarioText } from '../../src/browser.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCENARIOS = `${ROOT}scenarios/`;
const shipped = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));
// The page's files: the shipped scenarios under /scenarios; anything else is absent.
const readText = async (path: string): Promise<string> => {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (path === `/scenarios/${name}` && shipped.includes(name)) return readFileSync(`${SCENARIOS}${name}`, 'utf8');
  throw Object.assign(new Error('absent'), { code: 'ENOENT' });
};

describe('compileScenarioText', () => {
  it('compiles every shipped scenario as compileScenarioFile does', async () => {
    expect(shipped.length).toBeGreaterThan(3);
    for (const name of shipped) {
      const file = `scenarios/${name}`;
      const disk = await compileScenarioFile(file, { cwd: ROOT });
      const text = await compileScenarioText(file, readFileSync(`${ROOT}${file}`, 'utf8'), { readText });
      expect(JSON.stringify(text.params), name).toBe(JSON.stringify(disk.params));
      expect(text.leversInWords, name).toEqual(disk.leversInWords);
      expect(text.source).toBe(file);
      // Without the engine's checks (the explorer's preview leaves them to the projection): the same parameters, no warnings.
      const unchecked = await compileScenarioText(file, readFileSync(`${ROOT}${file}`, 'utf8'), { readText, engineCheck: false });
      expect(JSON.stringify(unchecked.params), name).toBe(JSON.stringify(disk.params));
      expect(unchecked.warnings).toEqual([]);
    }
  }, 30_000);

  it('gives the messages the command line gives, with file, line and column', async () => {
    const text = 'extends: baseline.yaml\nname: X\nlevers:\n  - lever: reduce-entry\n    by: 10%\n';
    const err = await compileScenarioText('scenarios/x.yaml', text, { readText }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect(formatIssue((err as ScenarioError).issues[0]!)).toMatch(/^scenarios\/x\.yaml:4:12: levers\[0\]\.lever: unknown lever "reduce-entry"/);
    const missing = await compileScenarioText('mine.yaml', 'extends: ../nothere.yaml\n', { readText, cwd: '/local' }).catch((e: unknown) => e);
    expect(formatIssue((missing as ScenarioError).issues[0]!)).toBe('mine.yaml:1:10: extends: cannot extend "../nothere.yaml": no such file (looked for /nothere.yaml); the path is relative to this file');
  });

  it("compiles a text's given value (not parsed again) as the text, and places its issues in the text", async () => {
    for (const name of shipped) {
      const file = `scenarios/${name}`;
      const text = readFileSync(`${ROOT}${file}`, 'utf8');
      const fromText = await compileScenarioText(file, text, { readText });
      const fromValue = await compileScenarioText(file, text, { readText, value: parse(text) as Record<string, unknown> });
      expect(JSON.stringify(fromValue.params), name).toBe(JSON.stringify(fromText.params));
      expect(fromValue.leversInWords, name).toEqual(fromText.leversInWords);
      expect(fromValue.warnings, name).toEqual(fromText.warnings);
      // Placing an issue after compiling parses the text then: the same line and column.
      const issue = { path: ['levers', 0], message: 'here' };
      expect(fromValue.place(issue), name).toEqual(fromText.place(issue));
    }
    // An issue in the value: the text's own issues, with its lines and columns.
    const text = 'extends: baseline.yaml\nname: X\nlevers:\n  - lever: reduce-entry\n    by: 10%\n';
    const err = await compileScenarioText('scenarios/x.yaml', text, { readText, value: parse(text) as Record<string, unknown> }).catch((e: unknown) => e);
    expect(formatIssue((err as ScenarioError).issues[0]!)).toMatch(/^scenarios\/x\.yaml:4:12: levers\[0\]\.lever: unknown lever "reduce-entry"/);
  }, 30_000);

  it('asks for a text given as a function only to place an issue, with a value', async () => {
    const file = 'scenarios/combined-strategy.yaml';
    const text = readFileSync(`${ROOT}${file}`, 'utf8');
    let asked = 0;
    const written = (t: string) => () => (asked++, t);
    const fromText = await compileScenarioText(file, text, { readText });
    const fromValue = await compileScenarioText(file, written(text), { readText, value: parse(text) as Record<string, unknown> });
    expect(JSON.stringify(fromValue.params)).toBe(JSON.stringify(fromText.params));
    expect(asked).toBe(0);
    const issue = { path: ['levers', 0], message: 'here' };
    expect(fromValue.place(issue)).toEqual(fromText.place(issue));
    expect(asked).toBe(1);
    // With issues: the text is asked for once, and they carry its lines and columns.
    asked = 0;
    const bad = 'extends: baseline.yaml\nname: X\nlevers:\n  - lever: reduce-entry\n    by: 10%\n';
    const err = await compileScenarioText('scenarios/x.yaml', written(bad), { readText, value: parse(bad) as Record<string, unknown> }).catch((e: unknown) => e);
    expect(formatIssue((err as ScenarioError).issues[0]!)).toMatch(/^scenarios\/x\.yaml:4:12: levers\[0\]\.lever: unknown lever "reduce-entry"/);
    expect(asked).toBe(1);
  });
});

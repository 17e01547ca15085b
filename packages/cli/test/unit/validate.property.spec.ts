import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_TEXT, cli, hasStackTrace, REPO, tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
  writeFileSync(join(tmp.dir, 'baseline.yaml'), BASELINE_TEXT);
});
afterAll(() => tmp.remove());

const COMBINED = readFileSync(join(REPO, 'scenarios/combined-strategy.yaml'), 'utf8');

/** Runs `carecast validate` on `text` saved as `file`; checks the output contract for bad input. */
async function validateText(text: string, file = 'x.yaml'): Promise<{ code: number; stderr: string }> {
  writeFileSync(join(tmp.dir, file), text);
  const r = await cli(['validate', file], tmp.dir);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect([0, 2]).toContain(r.code);
  if (r.code === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    // Every message names a file, line and column, then what is wrong.
    for (const line of lines) expect(line).toMatch(/^[\w./-]+\.yaml:\d+:\d+: \S/);
  } else {
    expect(r.stderr).not.toMatch(/error/i);
  }
  return r;
}

const TOKENS = [
  '125%', '-3', 'foo', '[', ']', '{', '}', ':', '- ', '\n', '  ', '"', "'", '&a', '*a', '!!binary', '2040-01-01', '2025-02-30',
  'reduce-entry', 'lever:', 'by:', 'null', '~', '1e999', 'NaN', '.inf', '£-5 per week', '5 per fortnight', 'extends: x.yaml',
  'extends: nowhere.yaml', '\t', '#', '%', '0x10', 'true', '<<: *a',
];

const mutation = (len: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(len), n: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(len), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })) }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(len), text: fc.constantFrom(...TOKENS) }),
  );

function mutate(text: string, ms: readonly { kind: string; at: number; n?: number; text?: string }[]): string {
  let t = text;
  for (const m of ms) {
    const at = Math.min(m.at, t.length);
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + (m.n ?? 1));
    else if (m.kind === 'insert') t = t.slice(0, at) + (m.text ?? '') + t.slice(at);
    else {
      // Replace the word at `at` with a token.
      const end = t.slice(at).search(/[\s,}\]]/);
      t = t.slice(0, at) + (m.text ?? '') + t.slice(end < 0 ? t.length : at + end);
    }
  }
  return t;
}

describe('validate never crashes on bad input', () => {
  it('arbitrary text: exit 2 with file:line:col messages, never a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((a) => a.join(''))), async (text) => {
        const r = await validateText(text);
        expect(r.code).toBe(2);
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('random YAML documents: exit 2 with file:line:col messages', async () => {
    const value = fc.oneof(fc.anything({ maxDepth: 3 }), fc.constantFrom('25%', '£820 per week', '5 years', 'reduce-entries'));
    const doc = fc.dictionary(
      fc.oneof(fc.constantFrom('name', 'start', 'horizon', 'end', 'model', 'levers', 'seed', 'replications', 'extends'), fc.string({ maxLength: 8 })),
      value,
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(doc, async (d) => {
        let text: string;
        try {
          text = JSON.stringify(d, null, 1) ?? 'null'; // JSON is YAML 1.2
        } catch {
          return;
        }
        const r = await validateText(text);
        expect(r.code).toBe(2);
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('mutated scenario files: exit 0 or 2, and every error names file:line:col', async () => {
    const codes: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(COMBINED.length), { minLength: 1, maxLength: 3 }), async (ms) => {
        codes.push((await validateText(mutate(COMBINED, ms))).code);
      }),
      { numRuns: 30 },
    );
    // The mutations must reach the error paths, not only harmless edits.
    expect(codes.filter((c) => c === 2).length).toBeGreaterThan(5);
  }, 60_000);

  it('a mutated baseline (the model section) is reported in the baseline file', async () => {
    writeFileSync(join(tmp.dir, 'child.yaml'), 'extends: base2.yaml\nname: Child\n');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(BASELINE_TEXT.length), { minLength: 1, maxLength: 2 }), async (ms) => {
        writeFileSync(join(tmp.dir, 'base2.yaml'), mutate(BASELINE_TEXT, ms));
        const r = await cli(['validate', 'child.yaml'], tmp.dir);
        expect(hasStackTrace(r.stderr)).toBe(false);
        expect([0, 2]).toContain(r.code);
        // A mutation may insert `extends: x.yaml`, pulling in another test's file from this folder: its
        // errors are rightly reported in that file.
        if (r.code === 2) for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(/^(base2|child|x)\.yaml:\d+:\d+: \S/);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
